using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Goals;

public sealed record IncomingCollaborationDto
{
    public Guid Id { get; init; }
    public CollaborationKind Kind { get; init; }
    public required string Description { get; init; }
    public DateTime CreatedAt { get; init; }
    public CollaborationResponse? Response { get; init; }
    public DateTime? RespondedAt { get; init; }
    public string? ResponseComment { get; init; }

    /// <summary>The goal (or the goal of the action) that reaches out; id and title are null outside the caller's read scope.</summary>
    public Guid? FromGoalId { get; init; }
    public string? FromGoalTitle { get; init; }
    public Guid? FromActionId { get; init; }
    public string? FromActionTitle { get; init; }
    public required string FromUnitName { get; init; }
    public required string PeriodName { get; init; }

    /// <summary>The unit named, or the unit of the goal named.</summary>
    public Guid PartnerUnitId { get; init; }
    public required string PartnerUnitName { get; init; }
    public Guid? PartnerGoalId { get; init; }
    public string? PartnerGoalTitle { get; init; }

    /// <summary>The caller may confirm or decline it (<see cref="IncomingCollaborations.MayAnswer"/>) and its period is open.</summary>
    public bool CanAnswer { get; init; }
}

/// <summary>
/// Collaborations from elsewhere that name a unit (or a goal of a unit) inside <see cref="UnitId"/>'s subtree, or inside
/// the caller's read scope when no unit is named, in periods that are not closed; pending first, then the newest.
/// </summary>
public sealed record GetIncomingCollaborationsQuery(Guid? UnitId, CollaborationResponse? Response) : IQuery<IReadOnlyList<IncomingCollaborationDto>>;

public sealed class GetIncomingCollaborationsValidator : AbstractValidator<GetIncomingCollaborationsQuery>
{
    public GetIncomingCollaborationsValidator() => RuleFor(q => q.Response).IsInEnum();
}

public sealed class GetIncomingCollaborationsHandler(IVisionTrackerDbContext db, AccessPolicy access)
    : IQueryHandler<GetIncomingCollaborationsQuery, IReadOnlyList<IncomingCollaborationDto>>
{
    public async ValueTask<IReadOnlyList<IncomingCollaborationDto>> Handle(GetIncomingCollaborationsQuery query, CancellationToken cancellationToken)
    {
        var under = "";
        if (query.UnitId is { } unitId)
        {
            under = await db.OrgUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("OrgUnit", unitId);
            access.EnsureCanRead(under, "OrgUnit", unitId);
        }

        var rows = await access.Scope(
                db.Collaborations.AsNoTracking().Where(c => c.Response != null),
                c => c.PartnerUnit != null ? c.PartnerUnit.Path : c.PartnerGoal!.OwnerUnit!.Path)
            .Where(c => (c.PartnerUnit != null ? c.PartnerUnit.Path : c.PartnerGoal!.OwnerUnit!.Path).StartsWith(under))
            .Where(c => query.Response == null || c.Response == query.Response)
            .Select(c => new
            {
                c.Id,
                c.Kind,
                c.Description,
                c.CreatedAt,
                c.Response,
                c.RespondedAt,
                c.ResponseComment,
                GoalId = c.GoalId ?? db.Actions.Where(a => a.Id == c.ActionId).Select(a => a.GoalId).First(),
                c.ActionId,
                ActionTitle = db.Actions.Where(a => a.Id == c.ActionId).Select(a => a.Title).FirstOrDefault(),
                FromPath = c.GoalId != null
                    ? db.Goals.Where(g => g.Id == c.GoalId).Select(g => g.OwnerUnit!.Path).First()
                    : db.Actions.Where(a => a.Id == c.ActionId).Select(a => a.OrgUnit!.Path).First(),
                FromUnitName = c.GoalId != null
                    ? db.Goals.Where(g => g.Id == c.GoalId).Select(g => g.OwnerUnit!.Name).First()
                    : db.Actions.Where(a => a.Id == c.ActionId).Select(a => a.OrgUnit!.Name).First(),
                PartnerUnitId = c.PartnerUnitId ?? c.PartnerGoal!.OwnerUnitId,
                PartnerPath = c.PartnerUnit != null ? c.PartnerUnit.Path : c.PartnerGoal!.OwnerUnit!.Path,
                PartnerUnitName = c.PartnerUnit != null ? c.PartnerUnit.Name : c.PartnerGoal!.OwnerUnit!.Name,
                c.PartnerGoalId,
                PartnerGoalTitle = c.PartnerGoal != null ? c.PartnerGoal.Title : null,
                PartnerGoalOwnerId = c.PartnerGoal != null ? (Guid?)c.PartnerGoal.OwnerId : null,
            })
            .ToListAsync(cancellationToken);

        var goalIds = rows.Select(r => r.GoalId).Distinct().ToList();
        var goals = await db.Goals.AsNoTracking().Where(g => goalIds.Contains(g.Id))
            .Select(g => new { g.Id, g.Title, PeriodName = g.Period!.Name, PeriodState = g.Period.State, g.IsArchived })
            .ToDictionaryAsync(g => g.Id, cancellationToken);

        return [.. rows
            .Where(r => !r.FromPath.StartsWith(r.PartnerPath, StringComparison.Ordinal))
            .Where(r => goals[r.GoalId] is { PeriodState: not PeriodState.Closed, IsArchived: false })
            .OrderBy(r => r.Response != CollaborationResponse.Pending).ThenByDescending(r => r.CreatedAt)
            .Select(r =>
            {
                var readable = access.CanRead(r.FromPath);
                var partner = new CollaborationPartner(r.PartnerPath, r.PartnerUnitName, r.PartnerGoalOwnerId);
                return new IncomingCollaborationDto
                {
                    Id = r.Id,
                    Kind = r.Kind,
                    Description = r.Description,
                    CreatedAt = r.CreatedAt,
                    Response = r.Response,
                    RespondedAt = r.RespondedAt,
                    ResponseComment = r.ResponseComment,
                    FromGoalId = readable ? r.GoalId : null,
                    FromGoalTitle = readable ? goals[r.GoalId].Title : null,
                    FromActionId = readable ? r.ActionId : null,
                    FromActionTitle = readable ? r.ActionTitle : null,
                    FromUnitName = r.FromUnitName,
                    PeriodName = goals[r.GoalId].PeriodName,
                    PartnerUnitId = r.PartnerUnitId,
                    PartnerUnitName = r.PartnerUnitName,
                    PartnerGoalId = r.PartnerGoalId,
                    PartnerGoalTitle = r.PartnerGoalTitle,
                    CanAnswer = IncomingCollaborations.MayAnswer(access, partner),
                };
            })];
    }
}
