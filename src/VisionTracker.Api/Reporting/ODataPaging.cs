using System.Linq.Expressions;
using Microsoft.OData.Edm;

namespace VisionTracker.Api.Reporting;

/// <summary>
/// A deterministic order for server paging: pages neither repeat nor skip rows when the entity key (after the client's
/// own $orderby) decides ties, and one row read past the page says whether there is a next one.
/// </summary>
public static class ODataPaging
{
    /// <summary>The query ordered by the entity key of <typeparamref name="T"/>.</summary>
    public static IQueryable<T> OrderByKey<T>(IQueryable<T> query, IEdmModel model) => Order(query, model, first: true);

    /// <summary>An ordered query with the entity key as the last tie-breaker.</summary>
    public static IQueryable<T> ThenByKey<T>(IQueryable<T> query, IEdmModel model) => Order(query, model, first: false);

    public static bool IsOrdered(Expression expression) =>
        expression is MethodCallExpression { Method.Name: nameof(Queryable.OrderBy) or nameof(Queryable.OrderByDescending) or nameof(Queryable.ThenBy) or nameof(Queryable.ThenByDescending) };

    /// <summary>The page and the one row after it.</summary>
    public static IQueryable PageAndOneMore(IQueryable query, int pageSize) =>
        query.Provider.CreateQuery(Expression.Call(typeof(Queryable), nameof(Queryable.Take), [query.ElementType], query.Expression, Expression.Constant(pageSize + 1)));

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

    /// <summary>The entity key as one sortable value per key property.</summary>
    private static List<LambdaExpression> KeyLambdas<T>(IEdmModel model)
    {
        var name = ReportingModel.EdmName(typeof(T));
        var type = model.SchemaElements.OfType<IEdmEntityType>().Single(t => t.Name == name);
        var parameter = Expression.Parameter(typeof(T), "x");
        return type.Key().Select(k => Expression.Lambda(Expression.Property(parameter, k.Name), parameter)).ToList();
    }
}
