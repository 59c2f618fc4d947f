using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace VisionTracker.Api.Reporting;

/// <summary>
/// An expanded collection is paged (the library binds <c>parent.Children.OrderBy(…).Take(page + 1)</c>). Without
/// LATERAL, EF Core pages such a collection on SQLite with <c>ROW_NUMBER() OVER (PARTITION BY …)</c> over the whole
/// child table, whatever parents were asked for. Here the page is asked for as a filter instead: the children whose
/// key is among the first keys of their own siblings (the same filter, order, skip and take), ordered as before. The
/// rows are the same, and the database finds them through the foreign-key index from the parents it read.
/// </summary>
/// <remarks>
/// Only collections EF Core maps with a single foreign key onto a child with a single key are rewritten; anything
/// else (many-to-many, composite keys) is left as the library bound it.
/// </remarks>
public sealed class NestedPageRewriter(DbContext context) : ExpressionVisitor
{
    private static readonly MethodInfo PropertyMethod = typeof(EF).GetMethod(nameof(EF.Property))!;

    public IQueryable Rewrite(IQueryable query) => query.Provider.CreateQuery(Visit(query.Expression));

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (node.Method.DeclaringType == typeof(Enumerable) && node.Method.Name == nameof(Enumerable.Take) && node.Arguments.Count == 2
            && Chain(node) is { } chain && Plan(chain.Navigation) is { } plan)
        {
            return Paged(node, chain, plan);
        }

        return base.VisitMethodCall(node);
    }

    /// <summary>The calls from the navigation up to <paramref name="take"/> (filters, orderings, skips and takes only).</summary>
    private static (MemberExpression Navigation, List<MethodCallExpression> Calls)? Chain(MethodCallExpression take)
    {
        var calls = new List<MethodCallExpression>();
        Expression current = take;
        while (current is MethodCallExpression call && call.Method.DeclaringType == typeof(Enumerable))
        {
            if (call.Method.Name is not (nameof(Enumerable.Where) or nameof(Enumerable.OrderBy) or nameof(Enumerable.OrderByDescending)
                or nameof(Enumerable.ThenBy) or nameof(Enumerable.ThenByDescending) or nameof(Enumerable.Skip) or nameof(Enumerable.Take))
                || (call.Method.Name == nameof(Enumerable.Where) && call.Arguments[1] is LambdaExpression { Parameters.Count: not 1 }))
            {
                return null;
            }

            calls.Insert(0, call);
            current = call.Arguments[0];
        }

        // A nested $filter that reads the outer row ($it) would tie the siblings' query to the parent: left as bound.
        return current is MemberExpression { Expression: not null } navigation && !calls.Any(c => c.Arguments.Skip(1).Any(ReadsOuterRows))
            ? (navigation, calls)
            : null;
    }

    private static bool ReadsOuterRows(Expression argument)
    {
        var finder = new OuterParameterFinder();
        finder.Visit(argument);
        return finder.Found;
    }

    private sealed record Target(INavigation Navigation, IProperty ParentKey, IProperty ForeignKey, IProperty Key)
    {
        public Type Parent => Navigation.DeclaringEntityType.ClrType;

        public Type Child => Navigation.TargetEntityType.ClrType;
    }

    private Target? Plan(MemberExpression navigation)
    {
        var parent = context.Model.FindEntityType(navigation.Expression!.Type);
        var found = parent?.FindNavigation(navigation.Member.Name);
        if (found is not { IsCollection: true, IsOnDependent: false, ForeignKey.Properties.Count: 1 } || found.TargetEntityType.FindPrimaryKey() is not { Properties.Count: 1 } key)
        {
            return null;
        }

        return new Target(found, found.ForeignKey.PrincipalKey.Properties[0], found.ForeignKey.Properties[0], key.Properties[0]);
    }

    private Expression Paged(MethodCallExpression take, (MemberExpression Navigation, List<MethodCallExpression> Calls) chain, Target plan)
    {
        var child = Expression.Parameter(plan.Child, "child");
        var sibling = Expression.Parameter(plan.Child, "sibling");

        // The child's siblings: its parent's collection, the parent found by its key (a nullable foreign key compared with
        // another would add an "both are null" branch that no index answers). The tables' query filters apply as usual.
        var parent = Expression.Parameter(plan.Parent, "parent");
        var root = (IQueryable)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(plan.Parent).Invoke(context, null)!;
        var foreignKey = Property(child, plan.ForeignKey);
        var parentKey = Property(parent, plan.ParentKey);
        var isParent = Expression.Lambda(
            Expression.Equal(parentKey.Type == foreignKey.Type ? parentKey : Expression.Convert(parentKey, foreignKey.Type), foreignKey), parent);
        var children = Expression.Lambda(
            typeof(Func<,>).MakeGenericType(plan.Parent, typeof(IEnumerable<>).MakeGenericType(plan.Child)), Expression.Property(parent, plan.Navigation.Name), parent);
        Expression siblings = Expression.Call(
            typeof(Queryable),
            nameof(Queryable.SelectMany),
            [plan.Parent, plan.Child],
            Expression.Call(typeof(Queryable), nameof(Queryable.Where), [plan.Parent], root.Expression, Expression.Quote(isParent)),
            Expression.Quote(children));

        // Their page, by the same calls the library made on the navigation, as keys.
        foreach (var call in chain.Calls)
        {
            siblings = Expression.Call(call.Method, [siblings, .. call.Arguments.Skip(1).Select(a => Visit(a)!)]);
        }

        var keyOf = Expression.Lambda(Property(sibling, plan.Key), sibling);
        var keys = Expression.Call(typeof(Enumerable), nameof(Enumerable.Select), [plan.Child, plan.Key.ClrType], siblings, keyOf);
        var onPage = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [plan.Key.ClrType], keys, Property(child, plan.Key));

        // The children on their page, in the page's order.
        Expression result = Expression.Call(typeof(Enumerable), nameof(Enumerable.Where), [plan.Child], chain.Navigation, Expression.Lambda(onPage, child));
        foreach (var call in chain.Calls.Where(c => c.Method.Name.StartsWith("OrderBy", StringComparison.Ordinal) || c.Method.Name.StartsWith("ThenBy", StringComparison.Ordinal)))
        {
            result = Expression.Call(call.Method, [result, .. call.Arguments.Skip(1).Select(a => Visit(a)!)]);
        }

        return result;
    }

    /// <summary>Finds a parameter used inside a lambda that the lambda does not declare.</summary>
    private sealed class OuterParameterFinder : ExpressionVisitor
    {
        private readonly Stack<IReadOnlyCollection<ParameterExpression>> declared = new();

        public bool Found { get; private set; }

        protected override Expression VisitLambda<T>(Expression<T> node)
        {
            declared.Push(node.Parameters);
            Visit(node.Body);
            declared.Pop();
            return node;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            Found |= !declared.Any(d => d.Contains(node));
            return node;
        }
    }

    private static MethodCallExpression Property(ParameterExpression row, IProperty property) =>
        Expression.Call(PropertyMethod.MakeGenericMethod(property.ClrType), row, Expression.Constant(property.Name));
}
