using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Query.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.OData.UriParser;

namespace VisionTracker.Api.Reporting;

/// <summary>
/// Parses a request's options and reads their result from the database: the rows of a page and the count, both
/// before anything is written, so a query the database refuses is an error response, never a cut-off 200.
/// </summary>
public static class ODataReader
{
    private static readonly MethodInfo ToListMethod = typeof(ODataReader).GetMethod(nameof(ToListAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static ODataQuerySettings Settings { get; } = new()
    {
        EnsureStableOrdering = true,
        HandleNullPropagation = HandleNullPropagationOption.False,
        TimeZone = TimeZoneInfo.Utc,
    };

    /// <summary>
    /// The settings for <paramref name="source"/>: in the database a null compares as SQL's NULL, but rows built in memory
    /// (the point-in-time answers, ReportingHistory) need the library's null checks, else contains(Status,'x') over a row
    /// without a status throws instead of leaving the row out.
    /// </summary>
    public static ODataQuerySettings SettingsFor(IQueryable source) => source.Provider is IAsyncQueryProvider ? Settings : InMemorySettings;

    private static ODataQuerySettings InMemorySettings { get; } = new()
    {
        EnsureStableOrdering = true,
        HandleNullPropagation = HandleNullPropagationOption.True,
        TimeZone = TimeZoneInfo.Utc,
    };

    /// <summary>The options of the request, parsed afresh (applying $apply changes the parsed options' element type).</summary>
    public static ODataQueryOptions<T> Parse<T>(HttpContext http)
    {
        var feature = http.ODataFeature();
        return new ODataQueryOptions<T>(new ODataQueryContext(feature.Model, typeof(T), feature.Path), http.Request);
    }

    /// <summary>
    /// The database returns groups in no fixed order, and the library orders $apply results by their grouping
    /// properties only when $skip or $top is present: parse as if $skip=0 were, so every page of groups has one order.
    /// </summary>
    public static ODataQueryOptions<T> ParseWithStableGroups<T>(HttpContext http)
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

    /// <summary>
    /// Only $select, $expand and $compute. The library records the shape for the serializer as it goes (with $levels
    /// unfolded); the rows are then bound again with a page size, so that each expanded collection reads at most a page
    /// and one more row and a longer one is written with a next link of its own (the library's own paging would also
    /// read the top level while building the query).
    /// </summary>
    public static IQueryable ShapeRows<T>(HttpContext http, ODataQueryOptions<T> query, IQueryable rows, int nestedPageSize)
    {
        var shaped = query.ApplyTo(rows, SettingsFor(rows), AllowedQueryOptions.All & ~(AllowedQueryOptions.Select | AllowedQueryOptions.Expand | AllowedQueryOptions.Compute));
        var feature = http.ODataFeature();
        if (query.SelectExpand is null || feature.SelectExpandClause is not { } clause || !clause.SelectedItems.OfType<ExpandedNavigationSelectItem>().Any())
        {
            return shaped;
        }

        var settings = new ODataQuerySettings
        {
            EnsureStableOrdering = Settings.EnsureStableOrdering,
            HandleNullPropagation = SettingsFor(rows).HandleNullPropagation,
            TimeZone = Settings.TimeZone,
            PageSize = nestedPageSize,
        };
        var context = new QueryBinderContext(feature.Model, settings, typeof(T)) { NavigationSource = query.Context.NavigationSource };
        foreach (var computed in query.Compute?.ComputeClause.ComputedItems ?? [])
        {
            context.ComputedProperties[computed.Alias] = computed;
        }

        return feature.Services.GetRequiredService<ISelectExpandBinder>().ApplyBind(rows, clause, context);
    }

    /// <summary>$count: the rows that $apply, $compute and $filter leave, before $top and $skip.</summary>
    public static async Task<long> CountAsync<T>(ODataQueryOptions<T> query, IQueryable<T> source, Func<IQueryable, IQueryable> rewrite, CancellationToken ct)
    {
        const AllowedQueryOptions Counted = AllowedQueryOptions.Apply | AllowedQueryOptions.Compute | AllowedQueryOptions.Filter;
        var rows = rewrite(PortableQueryRewriter.Rewrite(query.ApplyTo(source, SettingsFor(source), AllowedQueryOptions.All & ~Counted)));
        var count = Expression.Call(typeof(Queryable), nameof(Queryable.LongCount), [rows.ElementType], rows.Expression);

        // The point-in-time answers are built in memory (ReportingHistory): counted as they are.
        return rows.Provider is IAsyncQueryProvider database
            ? await database.ExecuteAsync<Task<long>>(count, ct)
            : rows.Provider.Execute<long>(count);
    }

    /// <summary>Every row of a query whose element type is known only at run time ($select and $apply make their own).</summary>
    public static async Task<IList> ReadAsync(IQueryable query, CancellationToken ct) =>
        await (Task<IList>)ToListMethod.MakeGenericMethod(query.ElementType).Invoke(null, [query, ct])!;

    private static async Task<IList> ToListAsync<TElement>(IQueryable<TElement> query, CancellationToken ct) =>
        query.Provider is IAsyncQueryProvider ? await query.ToListAsync(ct) : query.ToList();
}
