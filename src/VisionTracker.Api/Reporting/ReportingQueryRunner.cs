using System.Globalization;
using System.Linq.Expressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Options;
using Microsoft.OData.UriParser;
using VisionTracker.Application.Common;
using VisionTracker.Application.Reporting;
using VisionTracker.Domain.Common;
using VisionTracker.Infrastructure.Persistence.Reporting;

namespace VisionTracker.Api.Reporting;

/// <summary>
/// Runs an OData request against a query: the guard checks it (<see cref="ODataQueryGuard"/>), the library composes
/// the options onto the query in a stable order (<see cref="ODataPaging"/>), the page and the count are read before
/// anything is written (<see cref="ODataReader"/>), and a failure of the client's query becomes a 400 OData error
/// (<see cref="ODataQueryErrors"/>). Reading first means a query the database refuses can never become a 200 with a
/// cut-off body, and the response is the page, not a table.
/// </summary>
public sealed partial class ReportingQueryRunner(
    ODataQueryGuard guard, IOptions<ReportingOptions> options, ReadLimits limits, FeedStatusColumns columns, ReportingDbContext context,
    ILogger<ReportingQueryRunner> logger)
{
    public async Task<IActionResult> CollectionAsync<T>(HttpContext http, IQueryable<T> source)
    {
        if (guard.Refuse(http.Request) is { } refused)
        {
            return await ODataErrors.ResultAsync(http, refused.Status, refused.Code, refused.TextCode, refused.Arguments);
        }

        limits.MaxRows = options.Value.MaxRowsPerResponse;
        try
        {
            var feature = http.ODataFeature();
            var query = guard.ParseAndValidate<T>(http);
            if (query.Apply is not null && query.OrderBy is null && query.Skip is null && query.Top is null)
            {
                query = ODataReader.ParseWithStableGroups<T>(http);
            }

            // 1. $apply, $compute, $filter, $count, $orderby, $skip, $top in the database, in a stable order.
            var composed = query.ApplyTo(ODataPaging.OrderByKey(source, feature.Model), ODataReader.SettingsFor(source), AllowedQueryOptions.Select | AllowedQueryOptions.Expand);
            feature.TotalCountFunc = null;
            if (feature.Path.LastSegment is CountSegment)
            {
                var total = await ODataReader.CountAsync(ODataReader.Parse<T>(http), source, columns.Apply, http.RequestAborted);
                return new ContentResult { Content = total.ToString(CultureInfo.InvariantCulture), ContentType = "text/plain", StatusCode = 200 };
            }

            // The client's $orderby decides; the key breaks ties so that pages neither repeat nor skip rows.
            if (query.OrderBy is not null && query.Skip is null && query.Top is null && composed is IQueryable<T> rows && ODataPaging.IsOrdered(rows.Expression))
            {
                composed = ODataPaging.ThenByKey(rows, feature.Model);
            }

            // 2. The page and one row more.
            var pageSize = options.Value.PageSize;
            var paged = ODataPaging.PageAndOneMore(composed, pageSize);

            // 3. $select, $expand (and $compute's values) shape the page's rows, still in SQL; an expanded collection is
            //    paged like a set (a page and one more row, a next link of its own), and the rows read in all are capped.
            var shaped = columns.Apply(PortableQueryRewriter.Rewrite(query.Apply is null ? PagedExpansions(ODataReader.ShapeRows(http, query, paged, pageSize)) : paged));
            var page = await ODataReader.ReadAsync(shaped, http.RequestAborted);
            if (page.Count > pageSize)
            {
                page.RemoveAt(pageSize);
                feature.NextLink = http.Request.GetNextPageLink(pageSize, null, null);
            }

            if (query.Count?.Value == true)
            {
                feature.TotalCount = await ODataReader.CountAsync(ODataReader.Parse<T>(http), source, columns.Apply, http.RequestAborted);
            }

            return query.Apply is null ? new OkObjectResult(page.AsQueryable()) : AggregatedRows.Result(http, feature, page);
        }
        catch (Exception e) when (ReadLimitOf(e) is { } limit)
        {
            return await TooLargeAsync(http, limit);
        }
        catch (CodedODataException e)
        {
            LogRefused(logger, http.Request.Path, http.Request.QueryString.Value, e.Message);
            return await ODataErrors.ResultAsync(http, 400, "BadQuery", e.TextCode, e.Arguments);
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested && ODataQueryErrors.Explain(e) is { } message)
        {
            return Refused(http, message);
        }
    }

    /// <summary>One entity by key: only $select and $expand apply; 404 when it is missing or outside the caller's scope.</summary>
    public async Task<IActionResult> SingleAsync<T>(HttpContext http, IQueryable<T> source, object key)
    {
        if (guard.RefuseForSingle(http.Request) is { } refused)
        {
            return await ODataErrors.ResultAsync(http, refused.Status, refused.Code, refused.TextCode, refused.Arguments);
        }

        limits.MaxRows = options.Value.MaxRowsPerResponse;
        try
        {
            var query = guard.ParseAndValidate<T>(http);
            var shaped = PagedExpansions(ODataReader.ShapeRows(http, query, source, options.Value.PageSize));
            var rows = await ODataReader.ReadAsync(columns.Apply(PortableQueryRewriter.Rewrite(shaped)), http.RequestAborted);
            var entity = rows.Cast<object>().FirstOrDefault();
            return entity is null
                ? await ODataErrors.ResultAsync(http, 404, "NotFound", nameof(ErrorTexts.ODataEntityNotFound), ReportingModel.EdmName(typeof(T)), key)
                : new OkObjectResult(entity);
        }
        catch (Exception e) when (ReadLimitOf(e) is { } limit)
        {
            return await TooLargeAsync(http, limit);
        }
        catch (CodedODataException e)
        {
            LogRefused(logger, http.Request.Path, http.Request.QueryString.Value, e.Message);
            return await ODataErrors.ResultAsync(http, 400, "BadQuery", e.TextCode, e.Arguments);
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested && ODataQueryErrors.Explain(e) is { } message)
        {
            return Refused(http, message);
        }
    }

    /// <summary>
    /// SQLite has no LATERAL join: there an expanded collection's page is asked for as a filter the foreign-key index can
    /// answer (<see cref="NestedPageRewriter"/>), and each expanded collection is read by a query of its own, as a
    /// collection nested in a single query's LEFT JOIN is built in full for the whole table first. PostgreSQL pages
    /// expanded collections with LATERAL in one query, as EF Core binds them.
    /// </summary>
    private IQueryable PagedExpansions(IQueryable shaped)
    {
        if (shaped.Provider is not IAsyncQueryProvider || !context.Database.IsSqlite())
        {
            return shaped;
        }

        var paged = new NestedPageRewriter(context).Rewrite(shaped);
        return paged.Provider.CreateQuery(
            Expression.Call(typeof(RelationalQueryableExtensions), nameof(RelationalQueryableExtensions.AsSplitQuery), [paged.ElementType], paged.Expression));
    }

    /// <summary>The row cap, also when the library or the database provider wrapped it on its way out.</summary>
    private static ReadLimitExceededException? ReadLimitOf(Exception? e) => e switch
    {
        null => null,
        ReadLimitExceededException limit => limit,
        AggregateException aggregate => aggregate.InnerExceptions.Select(ReadLimitOf).FirstOrDefault(l => l is not null),
        _ => ReadLimitOf(e.InnerException),
    };

    private Task<ContentResult> TooLargeAsync(HttpContext http, ReadLimitExceededException e)
    {
        LogRefused(logger, http.Request.Path, http.Request.QueryString.Value, e.Message);
        return ODataErrors.ResultAsync(http, 400, "ResponseTooLarge", nameof(ErrorTexts.ODataResponseTooLarge), e.MaxRows);
    }

    private ContentResult Refused(HttpContext http, string message)
    {
        LogRefused(logger, http.Request.Path, http.Request.QueryString.Value, message);
        return ODataErrors.Result(400, "BadQuery", message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "OData query refused for {Path}{Query}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string path, string? query, string reason);
}
