using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Query.Validator;
using Microsoft.Extensions.Options;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using VisionTracker.Domain.Common;

namespace VisionTracker.Api.Reporting;

/// <summary>
/// What a request may ask of the feed: the checks the library leaves open ($search, matchesPattern inside $apply or
/// $compute, the query's length, unknown $-options, $format) before parsing, and the <c>OData:*</c> limits after.
/// </summary>
public sealed class ODataQueryGuard(IOptions<ReportingOptions> options)
{
    private static readonly HashSet<string> SystemQueryOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        "$filter", "$select", "$expand", "$orderby", "$top", "$skip", "$skiptoken", "$count", "$apply", "$compute", "$format", "$search",
    };

    private static readonly HashSet<string> SingleEntityOptions = new(StringComparer.OrdinalIgnoreCase) { "$select", "$expand", "$format" };

    /// <summary>$format naming JSON: "json" or application/json, with or without parameters.</summary>
    public static bool IsJson(string? format) =>
        format is not null && (format.Equals("json", StringComparison.OrdinalIgnoreCase)
            || format.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase));

    /// <summary>The error to answer before the query is parsed, or null when the request may go on.</summary>
    public ODataRefusal? Refuse(HttpRequest request)
    {
        var limits = options.Value;
        if (request.QueryString.Value is { } raw && raw.Length > limits.MaxQueryLength)
        {
            return new(400, "QueryTooLong", nameof(ErrorTexts.ODataQueryTooLong), [raw.Length, limits.MaxQueryLength]);
        }

        if (request.Query.ContainsKey("$search") || request.Query.ContainsKey("search"))
        {
            return new(501, "NotImplemented", nameof(ErrorTexts.ODataSearchNotSupported), []);
        }

        foreach (var (name, values) in request.Query)
        {
            if (name.StartsWith('$') && !SystemQueryOptions.Contains(name))
            {
                return new(400, "UnknownQueryOption", nameof(ErrorTexts.ODataUnknownQueryOption), [name, string.Join(", ", SystemQueryOptions.Order(StringComparer.Ordinal))]);
            }

            if (name.Equals("$format", StringComparison.OrdinalIgnoreCase) && !values.All(IsJson))
            {
                return new(406, "NotAcceptable", nameof(ErrorTexts.ODataFormatNotSupported), [values.ToString()]);
            }

            if ((name.Equals("$expand", StringComparison.OrdinalIgnoreCase) || name.Equals("$select", StringComparison.OrdinalIgnoreCase))
                && values.Any(v => v is not null && v.Contains("$ref", StringComparison.OrdinalIgnoreCase)))
            {
                return new(400, "BadQuery", nameof(ErrorTexts.ODataRefNotSupported), []);
            }

            if (values.Any(v => v is not null && v.Contains("matchesPattern", StringComparison.OrdinalIgnoreCase)))
            {
                return new(400, "FunctionNotAllowed", nameof(ErrorTexts.ODataMatchesPatternNotAllowed), []);
            }
        }

        return null;
    }

    /// <summary>As <see cref="Refuse"/>, and only $select and $expand (and $format) apply to a single entity.</summary>
    public ODataRefusal? RefuseForSingle(HttpRequest request)
    {
        if (Refuse(request) is { } refused)
        {
            return refused;
        }

        var other = request.Query.Keys.FirstOrDefault(k => k.StartsWith('$') && !SingleEntityOptions.Contains(k));
        return other is null ? null : new(400, "BadQuery", nameof(ErrorTexts.ODataOptionNotForSingle), [other]);
    }

    /// <summary>
    /// The request's options, parsed and within the limits; an <see cref="ODataException"/> says what is wrong. Parsing
    /// depends on the query text alone, so whatever the parser throws (it has thrown a null reference on input it did
    /// not expect) is the client's query that cannot be parsed, never a server error.
    /// </summary>
    public ODataQueryOptions<T> ParseAndValidate<T>(HttpContext http)
    {
        try
        {
            var query = ODataReader.Parse<T>(http);
            Validate(query);
            _ = query.Apply?.ApplyClause;
            _ = query.Compute?.ComputeClause;
            return query;
        }
        catch (Exception e) when (e is not ODataException and not OperationCanceledException)
        {
            throw new CodedODataException(nameof(ErrorTexts.ODataQueryUnparsable), [e.Message.Split('\n')[0].Trim()], e);
        }
    }

    private void Validate<T>(ODataQueryOptions<T> query)
    {
        var limits = options.Value;
        query.Validate(new ODataValidationSettings
        {
            MaxTop = limits.MaxTop,
            MaxSkip = limits.MaxSkip,
            MaxExpansionDepth = limits.MaxExpansionDepth,
            MaxNodeCount = limits.MaxNodeCount,
            MaxAnyAllExpressionDepth = 2,
            MaxOrderByNodeCount = 10,
            AllowedFunctions = AllowedFunctions.AllFunctions & ~AllowedFunctions.MatchesPattern,
            AllowedQueryOptions = AllowedQueryOptions.All & ~AllowedQueryOptions.Search,
        });
        if (query.SelectExpand?.SelectExpandClause is { } clause)
        {
            ValidateNested(clause, limits);
        }

        if (query.Filter is { } filter && filter.FilterClause.Expression.TypeReference?.IsBoolean() != true)
        {
            throw new CodedODataException(nameof(ErrorTexts.ODataFilterNotCondition), [filter.RawValue]);
        }
    }

    /// <summary>$top and $skip inside $expand, at every level, within the limits of the top level.</summary>
    private static void ValidateNested(SelectExpandClause clause, ReportingOptions limits)
    {
        foreach (var item in clause.SelectedItems.OfType<ExpandedNavigationSelectItem>())
        {
            if (item.TopOption > limits.MaxTop)
            {
                throw new CodedODataException(nameof(ErrorTexts.ODataExpandTopTooLarge), [limits.MaxTop, item.NavigationSource?.Name ?? "$expand", item.TopOption]);
            }

            if (item.SkipOption > limits.MaxSkip)
            {
                throw new CodedODataException(nameof(ErrorTexts.ODataExpandSkipTooLarge), [limits.MaxSkip, item.NavigationSource?.Name ?? "$expand", item.SkipOption]);
            }

            if (item.SelectAndExpand is { } nested)
            {
                ValidateNested(nested, limits);
            }
        }
    }
}

/// <summary>A request the feed turns down before running it: the status, the OData error's code, and its text (ErrorTexts) with its values.</summary>
public sealed record ODataRefusal(int Status, string Code, string TextCode, object?[] Arguments);

/// <summary>A query the feed refuses with one of its own texts (ErrorTexts), given in the caller's language; the message is English, for logs.</summary>
public sealed class CodedODataException(string textCode, object?[] arguments, Exception? inner = null)
    : ODataException(ErrorMessage.Format(textCode, ErrorMessage.English, arguments), inner)
{
    public string TextCode { get; } = textCode;

    public object?[] Arguments { get; } = arguments;
}
