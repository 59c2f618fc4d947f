using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace VisionTracker.Application.Common;

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount, int Skip, int Take)
{
    /// <summary>The same page with each item turned into what the caller shows (work SQL cannot do).</summary>
    public PagedResult<TOut> Map<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), TotalCount, Skip, Take);
}

public static class Paging
{
    public const int MaxTake = 200;
    public const int DefaultTake = 50;

    public static async Task<PagedResult<T>> ToPageAsync<T>(this IQueryable<T> query, int? skip, int? take, CancellationToken ct)
    {
        var s = Math.Max(skip ?? 0, 0);
        var t = Math.Clamp(take ?? DefaultTake, 1, MaxTake);
        var total = await query.CountAsync(ct);
        var items = await query.Skip(s).Take(t).ToListAsync(ct);
        return new PagedResult<T>(items, total, s, t);
    }
}

/// <summary>A query that reads one page: skip so many, take at most <see cref="Paging.MaxTake"/>.</summary>
public interface IPagedQuery
{
    int? Skip { get; }
    int? Take { get; }
}

/// <summary>The paging rules every paged query includes.</summary>
public sealed class PagingValidator : AbstractValidator<IPagedQuery>
{
    public PagingValidator()
    {
        RuleFor(q => q.Skip).GreaterThanOrEqualTo(0);
        RuleFor(q => q.Take).InclusiveBetween(1, Paging.MaxTake);
    }
}
