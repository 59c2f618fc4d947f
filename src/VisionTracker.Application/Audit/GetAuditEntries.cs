using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Audit;

public sealed record AuditEntryDto
{
    public long Id { get; init; }
    public DateTime At { get; init; }
    public Guid? ActorId { get; init; }
    public string? ActorName { get; init; }

    /// <summary>The personal token the change was made with; null for the system.</summary>
    public Guid? TokenId { get; init; }
    public required string Command { get; init; }
    public required string EntityType { get; init; }
    public required string EntityId { get; init; }
    public required string Operation { get; init; }

    /// <summary>The changed properties: { "Name": { "old": …, "new": … } }, or every property of an added/deleted entity.</summary>
    public JsonElement Changes { get; init; }
}

/// <summary>
/// The audit trail, newest first: administrators of the whole organisation read all of it, department heads (and unit
/// administrators) the entries about things in their subtree. Enum values read as names.
/// </summary>
public sealed record GetAuditEntriesQuery(
    string? EntityType, string? EntityId, Guid? ActorId, DateTimeOffset? From, DateTimeOffset? To, int? Skip, int? Take)
    : IQuery<PagedResult<AuditEntryDto>>, IPagedQuery;

public sealed class GetAuditEntriesValidator : AbstractValidator<GetAuditEntriesQuery>
{
    public GetAuditEntriesValidator()
    {
        RuleFor(q => q.EntityType).MaximumLength(100);
        RuleFor(q => q.EntityId).MaximumLength(100);
        Include(new PagingValidator());
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null).WithText(nameof(ErrorTexts.AuditToBeforeFrom));
    }
}

public sealed class GetAuditEntriesHandler(IVisionTrackerDbContext db, AccessPolicy access, ICurrentUser user)
    : IQueryHandler<GetAuditEntriesQuery, PagedResult<AuditEntryDto>>
{
    public async ValueTask<PagedResult<AuditEntryDto>> Handle(GetAuditEntriesQuery query, CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (!access.IsGlobalAdmin)
        {
            if (!user.Grants.Any(g => g.Role >= Role.DepartmentHead))
            {
                throw new ForbiddenException(nameof(ErrorTexts.ForbiddenAudit));
            }

            entries = access.Scope(entries, e => e.UnitPath!, Role.DepartmentHead);
        }
        if (!string.IsNullOrWhiteSpace(query.EntityType))
        {
            entries = entries.Where(e => e.EntityType == query.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(query.EntityId))
        {
            entries = entries.Where(e => e.EntityId == query.EntityId);
        }

        if (query.ActorId is { } actor)
        {
            entries = entries.Where(e => e.ActorId == actor);
        }

        if (query.From is { } from)
        {
            var f = from.UtcDateTime;
            entries = entries.Where(e => e.At >= f);
        }

        if (query.To is { } to)
        {
            var t = to.UtcDateTime;
            entries = entries.Where(e => e.At <= t);
        }

        var page = await entries
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Select(e => new
            {
                e.Id,
                e.At,
                e.ActorId,
                ActorName = db.People.Where(p => p.Id == e.ActorId).Select(p => p.Name).FirstOrDefault(),
                e.TokenId,
                e.Command,
                e.EntityType,
                e.EntityId,
                e.Operation,
                e.Changes,
            })
            .ToPageAsync(query.Skip, query.Take, cancellationToken);

        return page.Map(e => new AuditEntryDto
        {
            Id = e.Id,
            At = e.At,
            ActorId = e.ActorId,
            ActorName = e.ActorName,
            TokenId = e.TokenId,
            Command = e.Command,
            EntityType = e.EntityType,
            EntityId = e.EntityId,
            Operation = e.Operation,
            Changes = AuditValueNames.Name(e.EntityType, Parse(e.Changes)),
        });
    }

    private static JsonElement Parse(string changes)
    {
        using var document = JsonDocument.Parse(changes);
        return document.RootElement.Clone();
    }
}
