using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Figures;

namespace VisionTracker.Application.Reporting;

/// <summary>
/// <see cref="GoalRow.ExpectedProgress"/>, <see cref="GoalRow.Status"/> and the same on <see cref="KeyResultRow"/> depend
/// on the clock, so they are no columns of the tables: a query is rewritten before the database sees it, so that every
/// use of them (in $filter, $orderby, $apply, $select) is the expression of <see cref="FeedStatus"/> (the one rule,
/// <see cref="Rollup.StatusRule"/>, over the row's progress and confidence, and the period's expected progress now), and
/// every goal or key result the query returns whole is read with them filled in.
/// </summary>
public sealed class FeedStatusColumns(IReportingData data, FigureReader figures, ReadLimits limits)
{
    private FeedStatus? status;

    /// <summary>The query with the clock-bound columns computed; other queries and rows built in memory are left as they are.</summary>
    public IQueryable Apply(IQueryable query)
    {
        if (query.Provider is not Microsoft.EntityFrameworkCore.Query.IAsyncQueryProvider || !Mentions(query.Expression))
        {
            return query;
        }

        var rewriter = new Rewriter(this);
        var expression = rewriter.Visit(query.Expression);
        if (Shapes.ContainsKey(query.ElementType))
        {
            var row = Expression.Parameter(query.ElementType, "row");
            expression = Expression.Call(
                typeof(Queryable), nameof(Queryable.Select), [query.ElementType, query.ElementType], expression, Expression.Quote(Expression.Lambda(Whole(row), row)));
        }

        return query.Provider.CreateQuery(expression);
    }

    private static readonly Dictionary<Type, PropertyInfo[]> Shapes = new[] { typeof(GoalRow), typeof(KeyResultRow) }.ToDictionary(
        t => t,
        t => t.GetProperties().Where(p => p.PropertyType.IsValueType || p.PropertyType == typeof(string)).ToArray());

    private FeedStatus Status => status ??= PeriodsOutsideTheRowCap();

    /// <summary>The periods are read for the service's own use, not as part of the answer: they do not count against its row cap.</summary>
    private FeedStatus PeriodsOutsideTheRowCap()
    {
        var cap = limits.MaxRows;
        limits.MaxRows = null;
        try
        {
            return new FeedStatus(data, figures, figures.Now);
        }
        finally
        {
            limits.MaxRows = cap;
        }
    }

    private static readonly Expression<Func<GoalRow, bool>> GoalRuns =
        FigureRules.GoalCounts.OverName((GoalRow g) => g.State, g => g.IsArchived);

    /// <summary>A key result's goal's state, read with the key result (the goal's columns, not a join in every expanded row).</summary>
    public const string GoalStateColumn = "GoalState";

    public const string GoalIsArchivedColumn = "GoalIsArchived";

    private static readonly Expression<Func<KeyResultRow, bool>> KeyResultRuns =
        FigureRules.GoalCounts.OverName((KeyResultRow k) => EF.Property<string>(k, GoalStateColumn), k => EF.Property<bool>(k, GoalIsArchivedColumn));

    /// <summary>The column <paramref name="name"/> of <paramref name="row"/> (a goal or a key result) as an expression.</summary>
    private Expression Column(Expression row, string name)
    {
        var periodId = Expression.Property(row, nameof(GoalRow.PeriodId));
        if (name == nameof(GoalRow.ExpectedProgress))
        {
            return Status.Expected(periodId);
        }

        var running = Expression.AndAlso(Rule.Inline(row.Type == typeof(GoalRow) ? GoalRuns : KeyResultRuns, row), Status.PeriodRuns(periodId));
        return Status.Status(
            running,
            periodId,
            Expression.Convert(Expression.Property(row, nameof(GoalRow.Progress)), typeof(double?)),
            Expression.Property(row, nameof(GoalRow.Confidence)));
    }

    /// <summary>A new row with the columns of <paramref name="row"/> and the clock-bound ones computed (navigations stay empty).</summary>
    private MemberInitExpression Whole(Expression row)
    {
        var bindings = Shapes[row.Type].Select(p => Expression.Bind(
            p,
            p.Name is nameof(GoalRow.Status) or nameof(GoalRow.ExpectedProgress) ? Column(row, p.Name) : Expression.Property(row, p)));
        return Expression.MemberInit(Expression.New(row.Type), bindings);
    }

    private static bool Mentions(Expression expression)
    {
        var finder = new TypeFinder();
        finder.Visit(expression);
        return finder.Found;
    }

    private sealed class TypeFinder : ExpressionVisitor
    {
        public bool Found { get; private set; }

        public override Expression? Visit(Expression? node)
        {
            Found |= node is not null && (Shapes.ContainsKey(node.Type) || (node.Type.IsGenericType && node.Type.GetGenericArguments().Any(Shapes.ContainsKey)));
            return Found ? node : base.Visit(node);
        }
    }

    private sealed class Rewriter(FeedStatusColumns columns) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression is { } target && Shapes.ContainsKey(node.Member.DeclaringType!)
                && node.Member.Name is nameof(GoalRow.Status) or nameof(GoalRow.ExpectedProgress))
            {
                return columns.Column(Visit(target), node.Member.Name);
            }

            return base.VisitMember(node);
        }

        /// <summary>A goal or key result put whole into a result: the instance of the library's wrapper of a selected or expanded row.</summary>
        protected override MemberAssignment VisitMemberAssignment(MemberAssignment node)
        {
            var value = Visit(node.Expression);
            if (node.Member.Name == "Instance" && Shapes.ContainsKey(value.Type) && value is not MemberInitExpression)
            {
                var whole = columns.Whole(value);
                value = value is ParameterExpression ? whole : Expression.Condition(Expression.Equal(value, Expression.Constant(null, value.Type)), Expression.Constant(null, value.Type), whole);
            }

            return node.Update(value);
        }
    }
}
