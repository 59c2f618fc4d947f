using System.Linq.Expressions;

namespace VisionTracker.Api.Reporting;

/// <summary>
/// Makes the OData semantics hold on both databases where SQLite and PostgreSQL differ:
/// <list type="bullet">
/// <item>$orderby: null is the lowest value (first ascending, last descending); PostgreSQL sorts nulls as the highest.</item>
/// <item>round(): halves round away from zero; PostgreSQL's round(double precision) rounds them to even.</item>
/// <item>A decimal literal compared with a $compute'd value is typed Edm.Single by the library; 0.2 as a float is
/// 0.2000000029 on SQLite, so no row equals it. Such comparisons are made in double with the literal as written.</item>
/// </list>
/// The rewritten query is still translated to SQL.
/// </summary>
public sealed class PortableQueryRewriter : ExpressionVisitor
{
    public static IQueryable Rewrite(IQueryable query) =>
        query.Provider.CreateQuery(new PortableQueryRewriter().Visit(query.Expression));

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (node.Method.DeclaringType == typeof(Queryable) && node.Arguments.Count == 2 && IsOrdering(node.Method.Name)
            && Unquote(node.Arguments[1]) is { } key && CanBeNull(key.ReturnType))
        {
            var source = Visit(node.Arguments[0]);
            var descending = node.Method.Name.EndsWith("Descending", StringComparison.Ordinal);
            var first = node.Method.Name.StartsWith("OrderBy", StringComparison.Ordinal);

            // (key == null ? 0 : 1) first, then the key itself, both in the requested direction.
            var elementType = key.Parameters[0].Type;
            var hasValue = Expression.Lambda(
                Expression.Condition(Expression.Equal(key.Body, Expression.Constant(null, key.ReturnType)), Expression.Constant(0), Expression.Constant(1)),
                key.Parameters);
            var nullsFirst = Expression.Call(typeof(Queryable), Name(first, descending), [elementType, typeof(int)], source, Expression.Quote(hasValue));
            return Expression.Call(typeof(Queryable), Name(false, descending), [elementType, key.ReturnType], nullsFirst, Expression.Quote(Visit(key)));
        }

        if (node.Method.DeclaringType == typeof(Math) && node.Method.Name == nameof(Math.Round) && node.Arguments.Count == 1)
        {
            var value = Visit(node.Arguments[0]);
            var type = value.Type;
            var half = Expression.Constant(type == typeof(decimal) ? 0.5m : (object)0.5, type);
            var floor = typeof(Math).GetMethod(nameof(Math.Floor), [type])!;
            var ceiling = typeof(Math).GetMethod(nameof(Math.Ceiling), [type])!;
            return Expression.Condition(
                Expression.GreaterThanOrEqual(value, Expression.Constant(type == typeof(decimal) ? 0m : (object)0.0, type)),
                Expression.Call(floor, Expression.Add(value, half)),
                Expression.Call(ceiling, Expression.Subtract(value, half)));
        }

        return base.VisitMethodCall(node);
    }

    protected override Expression VisitBinary(BinaryExpression node)
    {
        if (node.NodeType is ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan or ExpressionType.LessThanOrEqual
                or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual
            && IsSingle(node.Left.Type) && IsSingle(node.Right.Type)
            && AsDouble(node.Left) is { } left && AsDouble(node.Right) is { } right)
        {
            if (left.Type != right.Type)
            {
                left = Expression.Convert(left, typeof(double?));
                right = Expression.Convert(right, typeof(double?));
            }

            return Expression.MakeBinary(node.NodeType, Visit(left), Visit(right));
        }

        return base.VisitBinary(node);
    }

    protected override Expression VisitUnary(UnaryExpression node) =>
        node.NodeType == ExpressionType.Convert && IsDouble(node.Type) && IsSingle(node.Operand.Type) && Evaluate(node.Operand) is { } value
            ? Expression.Constant(value, node.Type)
            : base.VisitUnary(node);

    /// <summary>The double behind a narrowing Convert, or a parameter-free float evaluated to the double it was written as.</summary>
    private static Expression? AsDouble(Expression e) => e switch
    {
        UnaryExpression { NodeType: ExpressionType.Convert } u when IsDouble(u.Operand.Type) => u.Operand,
        _ when Evaluate(e) is { } value => Expression.Constant(value, Nullable.GetUnderlyingType(e.Type) is null ? typeof(double) : typeof(double?)),
        _ => null,
    };

    private static double? Evaluate(Expression e)
    {
        if (new ParameterFinder().Has(e))
        {
            return null;
        }

        var value = Expression.Lambda(Expression.Convert(e, typeof(object))).Compile(preferInterpretation: true).DynamicInvoke();
        return value is float f ? double.Parse(f.ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static bool IsSingle(Type type) => (Nullable.GetUnderlyingType(type) ?? type) == typeof(float);

    private static bool IsDouble(Type type) => (Nullable.GetUnderlyingType(type) ?? type) == typeof(double);

    private sealed class ParameterFinder : ExpressionVisitor
    {
        private bool found;

        public bool Has(Expression e)
        {
            Visit(e);
            return found;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            found = true;
            return node;
        }
    }

    private static bool IsOrdering(string name) => name is nameof(Queryable.OrderBy) or nameof(Queryable.OrderByDescending)
        or nameof(Queryable.ThenBy) or nameof(Queryable.ThenByDescending);

    private static string Name(bool first, bool descending) => (first, descending) switch
    {
        (true, false) => nameof(Queryable.OrderBy),
        (true, true) => nameof(Queryable.OrderByDescending),
        (false, false) => nameof(Queryable.ThenBy),
        (false, true) => nameof(Queryable.ThenByDescending),
    };

    private static LambdaExpression? Unquote(Expression e) => e switch
    {
        UnaryExpression { NodeType: ExpressionType.Quote, Operand: LambdaExpression l } => l,
        LambdaExpression l => l,
        _ => null,
    };

    private static bool CanBeNull(Type type) => type == typeof(string) || Nullable.GetUnderlyingType(type) is not null;
}
