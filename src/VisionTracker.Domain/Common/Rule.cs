using System.Linq.Expressions;

namespace VisionTracker.Domain.Common;

/// <summary>
/// Composition of rule expressions: a rule over plain values applied to the members of some shape (an entity, a read
/// model, a projection), so a rule is written once and both EF Core and in-memory code use it.
/// </summary>
public static class Rule
{
    public static Expression<Func<T, TResult>> Over<T, TA, TResult>(this Expression<Func<TA, TResult>> rule, Expression<Func<T, TA>> a) =>
        Compose<T, TResult>(rule, a);

    public static Expression<Func<T, TResult>> Over<T, TA, TB, TResult>(
        this Expression<Func<TA, TB, TResult>> rule, Expression<Func<T, TA>> a, Expression<Func<T, TB>> b) =>
        Compose<T, TResult>(rule, a, b);

    public static Expression<Func<T, TResult>> Over<T, TA, TB, TC, TResult>(
        this Expression<Func<TA, TB, TC, TResult>> rule, Expression<Func<T, TA>> a, Expression<Func<T, TB>> b, Expression<Func<T, TC>> c) =>
        Compose<T, TResult>(rule, a, b, c);

    /// <summary>
    /// A rule whose first value is an enum, applied to a shape that keeps that enum by name (a string), as the database
    /// and the reports' read model do: comparisons with an enum member become comparisons with its name.
    /// </summary>
    public static Expression<Func<T, TResult>> OverName<T, TEnum, TResult>(this Expression<Func<TEnum, TResult>> rule, Expression<Func<T, string>> name)
        where TEnum : struct, Enum
    {
        var shape = Expression.Parameter(typeof(T), "x");
        var body = new EnumByName(rule.Parameters[0], Inline(name, shape)).Visit(rule.Body);
        return Expression.Lambda<Func<T, TResult>>(body, shape);
    }

    /// <inheritdoc cref="OverName{T, TEnum, TResult}(Expression{Func{TEnum, TResult}}, Expression{Func{T, string}})"/>
    public static Expression<Func<T, TResult>> OverName<T, TEnum, TB, TResult>(
        this Expression<Func<TEnum, TB, TResult>> rule, Expression<Func<T, string>> name, Expression<Func<T, TB>> b)
        where TEnum : struct, Enum
    {
        var shape = Expression.Parameter(typeof(T), "x");
        var body = new EnumByName(rule.Parameters[0], Inline(name, shape)).Visit(Inline(rule, rule.Parameters[0], Inline(b, shape)));
        return Expression.Lambda<Func<T, TResult>>(body, shape);
    }

    /// <summary>
    /// A value as a member of a captured object, the shape the C# compiler gives a captured local: EF Core sends it as a
    /// parameter, so one compiled query serves every value.
    /// </summary>
    public static Expression<Func<T, TValue>> Parameter<T, TValue>(TValue value) =>
        Expression.Lambda<Func<T, TValue>>(
            Expression.Field(Expression.Constant(new Box<TValue>(value)), nameof(Box<TValue>.Value)),
            Expression.Parameter(typeof(T), "_"));

    /// <summary>The body of <paramref name="lambda"/> with its parameters replaced by <paramref name="arguments"/>.</summary>
    public static Expression Inline(LambdaExpression lambda, params Expression[] arguments) =>
        new Substitution(lambda.Parameters, arguments).Visit(lambda.Body);

    /// <summary>
    /// The expression with every value of the enum <typeparamref name="TEnum"/> it yields replaced by its name, as the
    /// database and the reports keep enums: a rule that returns an enum, run where only its name can be shown.
    /// </summary>
    public static Expression AsName<TEnum>(Expression body)
        where TEnum : struct, Enum =>
        new EnumAsName(typeof(TEnum)).Visit(body);

    private static Expression<Func<T, TResult>> Compose<T, TResult>(LambdaExpression rule, params LambdaExpression[] selectors)
    {
        var shape = Expression.Parameter(typeof(T), "x");
        var arguments = selectors.Select(s => Inline(s, shape)).ToArray();
        return Expression.Lambda<Func<T, TResult>>(Inline(rule, arguments), shape);
    }

    private sealed class Box<TValue>(TValue value)
    {
        public readonly TValue Value = value;
    }

    private sealed class Substitution(IEnumerable<ParameterExpression> parameters, IEnumerable<Expression> arguments) : ExpressionVisitor
    {
        private readonly Dictionary<ParameterExpression, Expression> replacements = parameters.Zip(arguments).ToDictionary(p => p.First, p => p.Second);

        protected override Expression VisitParameter(ParameterExpression node) => replacements.GetValueOrDefault(node, node);
    }

    private sealed class EnumAsName(Type enumType) : ExpressionVisitor
    {
        protected override Expression VisitConstant(ConstantExpression node) =>
            node.Type == enumType ? Expression.Constant(Enum.GetName(enumType, node.Value!), typeof(string)) : node;

        protected override Expression VisitConditional(ConditionalExpression node) =>
            node.Type == enumType
                ? Expression.Condition(Visit(node.Test), Visit(node.IfTrue), Visit(node.IfFalse), typeof(string))
                : base.VisitConditional(node);
    }

    /// <summary>Rewrites "value ==/!= EnumMember" (as the compiler writes it, through the underlying type) into a name comparison.</summary>
    private sealed class EnumByName(ParameterExpression value, Expression name) : ExpressionVisitor
    {
        protected override Expression VisitBinary(BinaryExpression node)
        {
            if (node.NodeType is ExpressionType.Equal or ExpressionType.NotEqual)
            {
                if (IsValue(node.Left) && MemberName(node.Right) is { } right)
                {
                    return Expression.MakeBinary(node.NodeType, name, Expression.Constant(right));
                }

                if (IsValue(node.Right) && MemberName(node.Left) is { } left)
                {
                    return Expression.MakeBinary(node.NodeType, name, Expression.Constant(left));
                }
            }

            return base.VisitBinary(node);
        }

        protected override Expression VisitParameter(ParameterExpression node) =>
            node == value ? throw new NotSupportedException($"The rule uses {value.Name} other than by comparing it with a member of {value.Type.Name}.") : node;

        private bool IsValue(Expression e) => Strip(e) == value;

        private string? MemberName(Expression e) =>
            Strip(e) is ConstantExpression { Value: { } constant } ? Enum.GetName(value.Type, Enum.ToObject(value.Type, constant)) : null;

        private static Expression Strip(Expression e) => e is UnaryExpression { NodeType: ExpressionType.Convert } u ? Strip(u.Operand) : e;
    }
}
