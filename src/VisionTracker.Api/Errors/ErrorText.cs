using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using VisionTracker.Domain.Common;

namespace VisionTracker.Api.Errors;

/// <summary>
/// What an error body may say. Binding and parsing failures are explained in the caller's terms (the field, the JSON
/// path, the expected kind of value) in the caller's language, and every text that reaches a client passes <see cref="Scrub"/>: no type of
/// ours or of a library, no library or database name.
/// </summary>
public static partial class ErrorText
{
    private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
    {
        ["Guid"] = nameof(ErrorTexts.KindGuid),
        ["Int16"] = nameof(ErrorTexts.KindWholeNumber),
        ["Int32"] = nameof(ErrorTexts.KindWholeNumber),
        ["Int64"] = nameof(ErrorTexts.KindWholeNumber),
        ["Double"] = nameof(ErrorTexts.KindNumber),
        ["Single"] = nameof(ErrorTexts.KindNumber),
        ["Decimal"] = nameof(ErrorTexts.KindNumber),
        ["Boolean"] = nameof(ErrorTexts.KindBoolean),
        ["String"] = nameof(ErrorTexts.KindString),
        ["DateOnly"] = nameof(ErrorTexts.KindDate),
        ["DateTime"] = nameof(ErrorTexts.KindDateTime),
        ["DateTimeOffset"] = nameof(ErrorTexts.KindDateTime),
        ["TimeOnly"] = nameof(ErrorTexts.KindTime),
        ["TimeSpan"] = nameof(ErrorTexts.KindDuration),
    };

    /// <summary>What is wrong with a request that could not be bound, in the caller's terms and language, with its code.</summary>
    public static (string Code, string Detail) Explain(BadHttpRequestException b, CultureInfo culture)
    {
        if (b.InnerException is JsonException json)
        {
            return ("JsonInvalid", Explain(json, culture));
        }

        var message = b.Message;
        if (NoBody().IsMatch(message) || (RequiredParameter().Match(message) is { Success: true } r && r.Groups["source"].Value.Contains("body", StringComparison.Ordinal)))
        {
            return Text(culture, nameof(ErrorTexts.BodyRequired));
        }

        if (RequiredParameter().Match(message) is { Success: true } required)
        {
            return Text(culture, nameof(ErrorTexts.ParameterMissing), new ErrorPart(Source(required.Groups["source"].Value)), Camel(required.Groups["name"].Value));
        }

        if (FailedBind().Match(message) is { Success: true } bind)
        {
            return Text(culture, nameof(ErrorTexts.ParameterInvalid), bind.Groups["value"].Value, KindOf(bind.Groups["type"].Value), Camel(bind.Groups["name"].Value));
        }

        if (UnsupportedMediaType().Match(message) is { Success: true } media)
        {
            return Text(culture, nameof(ErrorTexts.MediaTypeNotJson), media.Groups["type"].Value);
        }

        return ("BadRequest", Scrub(b.InnerException is { } inner ? $"{message} {inner.Message}" : message));
    }

    /// <summary>Where in the JSON body the problem is and what kind of value was expected there.</summary>
    public static string Explain(JsonException j, CultureInfo culture)
    {
        var path = string.IsNullOrEmpty(j.Path) || j.Path == "$" ? null : j.Path;
        object where = path is null ? "" : new ErrorPart(nameof(ErrorTexts.JsonAt), path);
        object position = j.LineNumber is { } line ? new ErrorPart(nameof(ErrorTexts.JsonPosition), line + 1, j.BytePositionInLine + 1) : "";
        var message = j.Message;
        object what;
        if (UnknownMember().Match(message) is { Success: true } unknown)
        {
            what = new ErrorPart(nameof(ErrorTexts.JsonUnknownField), unknown.Groups["name"].Value);
        }
        else if (NotConvertible().Match(message) is { Success: true } convert)
        {
            what = new ErrorPart(nameof(ErrorTexts.JsonWrongKind), where, KindOf(convert.Groups["type"].Value));
            where = "";
        }
        else if (MissingRequired().Match(message) is { Success: true } missing)
        {
            what = new ErrorPart(nameof(ErrorTexts.JsonMissingRequired), missing.Groups["names"].Value.TrimEnd('.'));
        }
        else
        {
            // The JSON reader's own account of a syntax error stays in its words (English).
            what = FirstSentence(j.InnerException?.Message ?? message);
        }

        return Scrub(ErrorMessage.Format(nameof(ErrorTexts.JsonInvalid), culture, [where, position, what]).Replace("..", ".", StringComparison.Ordinal));
    }

    private static (string Code, string Detail) Text(CultureInfo culture, string code, params object?[] arguments) =>
        (code, Scrub(ErrorMessage.Format(code, culture, arguments)));

    /// <summary>
    /// Removes what a client must not learn from an error text: namespaces of .NET types (ours and libraries'), generic
    /// arity marks, and the names of the database engines; a type keeps only its own name.
    /// </summary>
    public static string Scrub(string text)
    {
        var scrubbed = QualifiedName().Replace(text, m => m.Groups["last"].Value);
        scrubbed = Arity().Replace(scrubbed, "");
        scrubbed = DatabaseError().Replace(scrubbed, "");
        scrubbed = DatabaseName().Replace(scrubbed, "the database");
        return scrubbed.Trim();
    }

    private static ErrorPart KindOf(string typeName)
    {
        var name = typeName.Trim();
        if (Nullable().Match(name) is { Success: true } nullable)
        {
            name = nullable.Groups["inner"].Value;
        }

        var simple = name[(name.LastIndexOfAny(['.', '+']) + 1)..];
        if (Kinds.TryGetValue(simple, out var kind))
        {
            return new ErrorPart(kind);
        }

        var type = FindType(name);
        if (type is { IsEnum: true })
        {
            return new ErrorPart(nameof(ErrorTexts.KindEnum), string.Join(", ", Enum.GetNames(type)));
        }

        return new ErrorPart(type is not null && type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? nameof(ErrorTexts.KindArray) : nameof(ErrorTexts.KindObject));
    }

    private static Type? FindType(string name) =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("VisionTracker", StringComparison.Ordinal) == true || a == typeof(object).Assembly)
            .Select(a => a.GetType(name, throwOnError: false))
            .FirstOrDefault(t => t is not null);

    private static string Source(string source) => source switch
    {
        "query string" => nameof(ErrorTexts.SourceQuery),
        "header" => nameof(ErrorTexts.SourceHeader),
        "route" => nameof(ErrorTexts.SourcePath),
        _ => nameof(ErrorTexts.SourceRequest),
    };

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = cut >= 0 ? message[..cut] : message.Split('\n')[0];
        return text.Trim().TrimEnd('.');
    }

    [GeneratedRegex("""Implicit body inferred for parameter|no body was provided""")]
    private static partial Regex NoBody();

    [GeneratedRegex("""Required parameter "(?<type>.+) (?<name>[^ "]+)" was not provided(?: from (?<source>[^.]+))?""")]
    private static partial Regex RequiredParameter();

    [GeneratedRegex("""Failed to bind parameter "(?<type>.+) (?<name>[^ "]+)" from "(?<value>.*)"\.""", RegexOptions.Singleline)]
    private static partial Regex FailedBind();

    [GeneratedRegex("""Expected a supported (?:JSON|form) media type but got "(?<type>[^"]*)".""")]
    private static partial Regex UnsupportedMediaType();

    [GeneratedRegex("""The JSON property '(?<name>.*)' could not be mapped to any \.NET member""", RegexOptions.Singleline)]
    private static partial Regex UnknownMember();

    [GeneratedRegex("""The JSON value could not be converted to (?<type>[^ ]+?)\.(?: Path:|$)""")]
    private static partial Regex NotConvertible();

    [GeneratedRegex("""missing required properties including: (?<names>.*)""")]
    private static partial Regex MissingRequired();

    [GeneratedRegex("""^(?:System\.)?Nullable(?:`1)?[\[<](?<inner>.+)[\]>]$""")]
    private static partial Regex Nullable();

    [GeneratedRegex("""\b(?:System|Microsoft|VisionTracker|Npgsql|SQLitePCL|Hangfire|Mediator|FluentValidation|Riok)(?:\.[A-Za-z_][A-Za-z0-9_]*)*[.+](?<last>[A-Za-z_][A-Za-z0-9_]*)\b""")]
    private static partial Regex QualifiedName();

    [GeneratedRegex("""`\d+""")]
    private static partial Regex Arity();

    [GeneratedRegex("""(?:SQLite Error \d+:\s*|\b\d{2}[0-9A-Z]{3}:\s)""")]
    private static partial Regex DatabaseError();

    [GeneratedRegex("""\b(?:SQLite|Sqlite|Npgsql|PostgreSQL|Postgres|Entity Framework|EF Core)\b""")]
    private static partial Regex DatabaseName();
}
