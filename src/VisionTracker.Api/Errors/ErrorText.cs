using System.Text.Json;
using System.Text.RegularExpressions;

namespace VisionTracker.Api.Errors;

/// <summary>
/// What an error body may say. Binding and parsing failures are explained in the caller's terms (the field, the JSON
/// path, the expected kind of value), and every text that reaches a client passes <see cref="Scrub"/>: no type of
/// ours or of a library, no library or database name.
/// </summary>
public static partial class ErrorText
{
    private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
    {
        ["Guid"] = "id (a GUID such as 01a2257c-0000-7000-8000-000000000000)",
        ["Int16"] = "whole number",
        ["Int32"] = "whole number",
        ["Int64"] = "whole number",
        ["Double"] = "number",
        ["Single"] = "number",
        ["Decimal"] = "number",
        ["Boolean"] = "true or false",
        ["String"] = "string",
        ["DateOnly"] = "date (YYYY-MM-DD)",
        ["DateTime"] = "date and time (ISO 8601, such as 2027-03-15T09:00:00Z)",
        ["DateTimeOffset"] = "date and time (ISO 8601, such as 2027-03-15T09:00:00Z)",
        ["TimeOnly"] = "time of day (hh:mm:ss)",
        ["TimeSpan"] = "duration (hh:mm:ss)",
    };

    /// <summary>What is wrong with a request that could not be bound, in the caller's terms.</summary>
    public static string Explain(BadHttpRequestException b)
    {
        if (b.InnerException is JsonException json)
        {
            return Explain(json);
        }

        var message = b.Message;
        if (NoBody().IsMatch(message) || (RequiredParameter().Match(message) is { Success: true } r && r.Groups["source"].Value.Contains("body", StringComparison.Ordinal)))
        {
            return "This request needs a JSON body.";
        }

        if (RequiredParameter().Match(message) is { Success: true } required)
        {
            return $"The required {Source(required.Groups["source"].Value)} value '{Camel(required.Groups["name"].Value)}' is missing.";
        }

        if (FailedBind().Match(message) is { Success: true } bind)
        {
            return $"'{bind.Groups["value"].Value}' is not a valid {KindOf(bind.Groups["type"].Value)} for '{Camel(bind.Groups["name"].Value)}'.";
        }

        if (UnsupportedMediaType().Match(message) is { Success: true } media)
        {
            return $"Send the body as JSON with 'Content-Type: application/json' (UTF-8); got '{media.Groups["type"].Value}'.";
        }

        return Scrub(b.InnerException is { } inner ? $"{message} {inner.Message}" : message);
    }

    /// <summary>Where in the JSON body the problem is and what kind of value was expected there.</summary>
    public static string Explain(JsonException j)
    {
        var where = string.IsNullOrEmpty(j.Path) || j.Path == "$" ? "" : $" at {j.Path}";
        var position = j.LineNumber is { } line ? $" (line {line + 1}, position {j.BytePositionInLine + 1})" : "";
        var message = j.Message;
        string what;
        if (UnknownMember().Match(message) is { Success: true } unknown)
        {
            what = $"'{unknown.Groups["name"].Value}' is not a field of this request";
        }
        else if (NotConvertible().Match(message) is { Success: true } convert)
        {
            what = $"the value{where} is not a valid {KindOf(convert.Groups["type"].Value)}";
            where = "";
        }
        else if (MissingRequired().Match(message) is { Success: true } missing)
        {
            what = $"required fields are missing: {missing.Groups["names"].Value.TrimEnd('.')}";
        }
        else
        {
            what = FirstSentence(j.InnerException?.Message ?? message);
        }

        return Scrub($"The JSON body is not valid{where}{position}: {what}.".Replace("..", ".", StringComparison.Ordinal));
    }

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

    private static string KindOf(string typeName)
    {
        var name = typeName.Trim();
        if (Nullable().Match(name) is { Success: true } nullable)
        {
            name = nullable.Groups["inner"].Value;
        }

        var simple = name[(name.LastIndexOfAny(['.', '+']) + 1)..];
        if (Kinds.TryGetValue(simple, out var kind))
        {
            return kind;
        }

        var type = FindType(name);
        if (type is { IsEnum: true })
        {
            return $"value (one of: {string.Join(", ", Enum.GetNames(type))})";
        }

        return type is not null && type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? "JSON array" : "JSON object";
    }

    private static Type? FindType(string name) =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("VisionTracker", StringComparison.Ordinal) == true || a == typeof(object).Assembly)
            .Select(a => a.GetType(name, throwOnError: false))
            .FirstOrDefault(t => t is not null);

    private static string Source(string source) => source switch
    {
        "query string" => "query",
        "header" => "header",
        "route" => "path",
        _ => "request",
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
