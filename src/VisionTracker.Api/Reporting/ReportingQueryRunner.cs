using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Abstracts;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Query.Validator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace VisionTracker.Api.Reporting;

/// <summary>
/// Runs an OData request against a query: validates the options against our limits, lets the library compose them
/// onto the query, reads the page (and the count) from the database before anything is written, and turns every
/// failure of the client's query into a 400 OData error. Reading first means a query the database refuses can never
/// become a 200 with a cut-off body, and the response is the page, not a table.
/// </summary>
public sealed partial class ReportingQueryRunner(IOptions<ReportingOptions> options, ILogger<ReportingQueryRunner> logger)
{
    private static readonly MethodInfo ToListMethod = typeof(ReportingQueryRunner).GetMethod(nameof(ToListAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly HashSet<string> SystemQueryOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        "$filter", "$select", "$expand", "$orderby", "$top", "$skip", "$count", "$apply", "$compute", "$format", "$search",
    };

    private static readonly HashSet<string> SingleEntityOptions = new(StringComparer.OrdinalIgnoreCase) { "$select", "$expand", "$format" };

    public async Task<IActionResult> CollectionAsync<T>(HttpContext http, IQueryable<T> source)
    {
        if (Refuse(http.Request) is { } refused)
        {
            return refused;
        }

        try
        {
            var feature = http.ODataFeature();
            var query = Parse<T>(http);
            Validate(query);
            if (query.Apply is not null && query.OrderBy is null && query.Skip is null && query.Top is null)
            {
                query = WithStableGroups<T>(http);
            }

            // 1. $apply, $compute, $filter, $count, $orderby, $skip, $top in the database, in a stable order.
            var composed = query.ApplyTo(OrderByKey(source, feature.Model), Settings(), AllowedQueryOptions.Select | AllowedQueryOptions.Expand);
            feature.TotalCountFunc = null;
            if (feature.Path.LastSegment is CountSegment)
            {
                var total = await CountAsync(Parse<T>(http), source, http.RequestAborted);
                return new ContentResult { Content = total.ToString(CultureInfo.InvariantCulture), ContentType = "text/plain", StatusCode = 200 };
            }

            // The client's $orderby decides; the key breaks ties so that pages neither repeat nor skip rows.
            if (query.OrderBy is not null && query.Skip is null && query.Top is null && composed is IQueryable<T> rows && IsOrdered(rows.Expression))
            {
                composed = ThenByKey(rows, feature.Model);
            }

            // 2. The page: one row more than it holds tells whether there is a next one. Expanded collections are not
            //    paged (a nested page needs SQL APPLY, which SQLite lacks); depth and node count bound them.
            var pageSize = options.Value.PageSize;
            var paged = Take(composed, pageSize + 1);

            // 3. $select, $expand (and $compute's values) shape the page's rows, still in SQL.
            var shaped = PortableQueryRewriter.Rewrite(query.Apply is null ? ShapeRows(query, paged) : paged);
            var page = await MaterializeAsync(shaped, http.RequestAborted);
            if (page.Count > pageSize)
            {
                page.RemoveAt(pageSize);
                feature.NextLink = http.Request.GetNextPageLink(pageSize, null, null);
            }

            if (query.Count?.Value == true)
            {
                feature.TotalCount = await CountAsync(Parse<T>(http), source, http.RequestAborted);
            }

            return query.Apply is null ? new OkObjectResult(page.AsQueryable()) : AggregatedResult(http, feature, page);
        }
        catch (Exception e) when (Explain(e) is { } message)
        {
            LogRefused(logger, http.Request.Path, http.Request.QueryString.Value, message);
            return ODataErrors.Result(400, "BadQuery", message);
        }
    }

    /// <summary>One entity by key: only $select and $expand apply; 404 when it is missing or outside the caller's scope.</summary>
    public async Task<IActionResult> SingleAsync<T>(HttpContext http, IQueryable<T> source, object key)
    {
        if (Refuse(http.Request) is { } refused)
        {
            return refused;
        }

        var other = http.Request.Query.Keys.FirstOrDefault(k => k.StartsWith('$') && !SingleEntityOptions.Contains(k));
        if (other is not null)
        {
            return ODataErrors.Result(400, "BadQuery", $"'{other}' does not apply to a single entity; only $select and $expand do.");
        }

        try
        {
            var query = Parse<T>(http);
            Validate(query);
            var shaped = PortableQueryRewriter.Rewrite(ShapeRows(query, source));
            var rows = await MaterializeAsync(shaped, http.RequestAborted);
            var entity = rows.Cast<object>().FirstOrDefault();
            return entity is null
                ? ODataErrors.Result(404, "NotFound", $"There is no {ReportingModel.EdmName(typeof(T)).ToLowerInvariant()} with key {key} that you may read.")
                : new OkObjectResult(entity);
        }
        catch (Exception e) when (Explain(e) is { } message)
        {
            LogRefused(logger, http.Request.Path, http.Request.QueryString.Value, message);
            return ODataErrors.Result(400, "BadQuery", message);
        }
    }

    /// <summary>What the library does not check: $search, matchesPattern inside $apply/$compute, the query's length.</summary>
    private ContentResult? Refuse(HttpRequest request)
    {
        var limits = options.Value;
        if (request.QueryString.Value is { } raw && raw.Length > limits.MaxQueryLength)
        {
            return ODataErrors.Result(400, "QueryTooLong", $"The query string is {raw.Length} characters long; at most {limits.MaxQueryLength} are accepted.");
        }

        if (request.Query.ContainsKey("$search") || request.Query.ContainsKey("search"))
        {
            return ODataErrors.Result(501, "NotImplemented", "$search is not supported; use $filter with contains(Title,'...') instead.");
        }

        foreach (var (name, values) in request.Query)
        {
            if (name.StartsWith('$') && !SystemQueryOptions.Contains(name))
            {
                return ODataErrors.Result(400, "UnknownQueryOption", $"'{name}' is not a query option of this service; supported: {string.Join(", ", SystemQueryOptions.Order(StringComparer.Ordinal))}.");
            }

            if (name.Equals("$format", StringComparison.OrdinalIgnoreCase) && !values.All(IsJson))
            {
                return ODataErrors.Result(406, "NotAcceptable", $"$format={values} is not supported; the feed answers in JSON (application/json).");
            }

            if (values.Any(v => v is not null && v.Contains("matchesPattern", StringComparison.OrdinalIgnoreCase)))
            {
                return ODataErrors.Result(400, "FunctionNotAllowed", "matchesPattern is not allowed (a regular expression cannot be bounded); use contains, startswith or endswith.");
            }
        }

        return null;
    }

    private void Validate<T>(ODataQueryOptions<T> query)
    {
        query.Validate(Validation());
        if (query.Filter is { } filter && filter.FilterClause.Expression.TypeReference?.IsBoolean() != true)
        {
            throw new ODataException($"$filter must be a condition that is true or false for each row; '{query.Filter!.RawValue}' is not.");
        }
    }

    /// <summary>
    /// Rows of $apply in the OData envelope. The library writes them as a bare JSON array (OData/AspNetCoreOData#1144,
    /// open in 9.5.0), which OData clients cannot read; the rows themselves serialize correctly with its JSON converters.
    /// </summary>
    private static ContentResult AggregatedResult(HttpContext http, IODataFeature feature, IList page)
    {
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.JsonSerializerOptions;
        var root = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{ReportingRegistration.RoutePrefix}";
        var body = new JsonObject { ["@odata.context"] = $"{root}/$metadata#{feature.Path.FirstSegment?.Identifier}" };
        if (feature.TotalCount is { } total)
        {
            body["@odata.count"] = total;
        }

        body["value"] = JsonSerializer.SerializeToNode(page, json);
        if (feature.NextLink is { } next)
        {
            body["@odata.nextLink"] = next.AbsoluteUri;
        }

        http.Response.Headers["OData-Version"] = "4.0";
        return new ContentResult { StatusCode = 200, ContentType = "application/json; odata.metadata=minimal", Content = body.ToJsonString() };
    }

    /// <summary>Only $select, $expand and $compute (the library records the shape for the serializer as it goes).</summary>
    private static IQueryable ShapeRows<T>(ODataQueryOptions<T> query, IQueryable rows) =>
        query.ApplyTo(rows, Settings(), AllowedQueryOptions.All & ~(AllowedQueryOptions.Select | AllowedQueryOptions.Expand | AllowedQueryOptions.Compute));

    /// <summary>$format naming JSON: "json" or application/json, with or without parameters.</summary>
    public static bool IsJson(string? format) =>
        format is not null && (format.Equals("json", StringComparison.OrdinalIgnoreCase)
            || format.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase));

    private ODataValidationSettings Validation()
    {
        var limits = options.Value;
        return new ODataValidationSettings
        {
            MaxTop = limits.MaxTop,
            MaxSkip = limits.MaxSkip,
            MaxExpansionDepth = limits.MaxExpansionDepth,
            MaxNodeCount = limits.MaxNodeCount,
            MaxAnyAllExpressionDepth = 2,
            MaxOrderByNodeCount = 10,
            AllowedFunctions = AllowedFunctions.AllFunctions & ~AllowedFunctions.MatchesPattern,
            AllowedQueryOptions = AllowedQueryOptions.All & ~AllowedQueryOptions.Search,
        };
    }

    private static ODataQuerySettings Settings() => new()
    {
        EnsureStableOrdering = true,
        HandleNullPropagation = HandleNullPropagationOption.False,
        TimeZone = TimeZoneInfo.Utc,
    };

    /// <summary>
    /// The database returns groups in no fixed order, and the library orders $apply results by their grouping
    /// properties only when $skip or $top is present: parse as if $skip=0 were, so every page of groups has one order.
    /// </summary>
    private static ODataQueryOptions<T> WithStableGroups<T>(HttpContext http)
    {
        var original = http.Request.QueryString;
        http.Request.QueryString = original.Add("$skip", "0");
        try
        {
            return Parse<T>(http);
        }
        finally
        {
            http.Request.QueryString = original;
        }
    }

    /// <summary>The options of the request, parsed afresh (applying $apply changes the parsed options' element type).</summary>
    private static ODataQueryOptions<T> Parse<T>(HttpContext http)
    {
        var feature = http.ODataFeature();
        return new ODataQueryOptions<T>(new ODataQueryContext(feature.Model, typeof(T), feature.Path), http.Request);
    }

    /// <summary>$count: the rows that $apply, $compute and $filter leave, before $top and $skip (read now, not while writing).</summary>
    private static async Task<long> CountAsync<T>(ODataQueryOptions<T> query, IQueryable<T> source, CancellationToken ct)
    {
        const AllowedQueryOptions Counted = AllowedQueryOptions.Apply | AllowedQueryOptions.Compute | AllowedQueryOptions.Filter;
        var rows = PortableQueryRewriter.Rewrite(query.ApplyTo(source, Settings(), AllowedQueryOptions.All & ~Counted));
        var count = Expression.Call(typeof(Queryable), nameof(Queryable.LongCount), [rows.ElementType], rows.Expression);
        return await ((Microsoft.EntityFrameworkCore.Query.IAsyncQueryProvider)rows.Provider).ExecuteAsync<Task<long>>(count, ct);
    }

    private static async Task<IList> MaterializeAsync(IQueryable query, CancellationToken ct) =>
        await (Task<IList>)ToListMethod.MakeGenericMethod(query.ElementType).Invoke(null, [query, ct])!;

    private static async Task<IList> ToListAsync<TElement>(IQueryable<TElement> query, CancellationToken ct) =>
        await query.ToListAsync(ct);

    private static IQueryable Take(IQueryable query, int count) =>
        query.Provider.CreateQuery(Expression.Call(typeof(Queryable), nameof(Queryable.Take), [query.ElementType], query.Expression, Expression.Constant(count)));

    private static bool IsOrdered(Expression expression) =>
        expression is MethodCallExpression { Method.Name: nameof(Queryable.OrderBy) or nameof(Queryable.OrderByDescending) or nameof(Queryable.ThenBy) or nameof(Queryable.ThenByDescending) };

    /// <summary>The entity key as one sortable value per key property, for a deterministic order under paging.</summary>
    private static List<LambdaExpression> KeyLambdas<T>(IEdmModel model)
    {
        var name = ReportingModel.EdmName(typeof(T));
        var type = model.SchemaElements.OfType<IEdmEntityType>().Single(t => t.Name == name);
        var parameter = Expression.Parameter(typeof(T), "x");
        return type.Key().Select(k => Expression.Lambda(Expression.Property(parameter, k.Name), parameter)).ToList();
    }

    private static IQueryable<T> OrderByKey<T>(IQueryable<T> query, IEdmModel model) => Order(query, model, first: true);

    private static IQueryable<T> ThenByKey<T>(IQueryable<T> query, IEdmModel model) => Order(query, model, first: false);

    private static IQueryable<T> Order<T>(IQueryable<T> query, IEdmModel model, bool first)
    {
        foreach (var key in KeyLambdas<T>(model))
        {
            var method = first ? nameof(Queryable.OrderBy) : nameof(Queryable.ThenBy);
            query = query.Provider.CreateQuery<T>(Expression.Call(typeof(Queryable), method, [typeof(T), key.ReturnType], query.Expression, Expression.Quote(key)));
            first = false;
        }

        return query;
    }

    /// <summary>The client's query is at fault: say what is wrong. Anything else is ours and stays a 500.</summary>
    private static string? Explain(Exception e) => e switch
    {
        TargetInvocationException { InnerException: { } inner } => Explain(inner),
        ODataException => e.Message,
        InvalidOperationException { InnerException: { } inner } when e.Message.Contains("query parameter expression", StringComparison.Ordinal) =>
            $"The query cannot be answered: {FirstLine(inner.Message)}",
        InvalidOperationException when e.Message.Contains("could not be translated", StringComparison.Ordinal) =>
            "The query cannot be answered by the database (it would need to read whole tables into memory). Simplify the $filter, $apply or $compute.",
        NotImplementedException => $"The query uses something this service does not implement: {FirstLine(e.Message)}",
        InvalidOperationException or NotSupportedException or ArgumentException or FormatException or OverflowException =>
            $"The query cannot be answered: {FirstLine(e.Message)}",
        DbException db when IsQueryError(db) => $"The database refused the query: {FirstLine(db.Message)}",
        _ => null,
    };

    // SQLite: SQLITE_ERROR (1) or a mismatch; PostgreSQL: data exceptions (22xxx) and syntax or access rule violations (42xxx).
    private static bool IsQueryError(DbException e) =>
        e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 1 or 20 or 25 }
        || (e is Npgsql.PostgresException pg && (pg.SqlState.StartsWith("22", StringComparison.Ordinal) || pg.SqlState.StartsWith("42", StringComparison.Ordinal)));

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    [LoggerMessage(Level = LogLevel.Information, Message = "OData query refused for {Path}{Query}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string path, string? query, string reason);
}
