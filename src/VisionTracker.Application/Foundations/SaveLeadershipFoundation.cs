using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Foundations;

/// <summary>Writes the caller's own leadership foundation, creating it the first time; returns whether it was created.</summary>
public sealed record SaveLeadershipFoundationCommand(Guid PersonId, int? ExpectedVersion, string Text, IReadOnlyList<Guid>? CommittedGoalIds)
    : ICommand<bool>;

public sealed class SaveLeadershipFoundationValidator : AbstractValidator<SaveLeadershipFoundationCommand>
{
    public SaveLeadershipFoundationValidator()
    {
        RuleFor(c => c.PersonId).NotEmpty();
        RuleFor(c => c.Text).NotNull().MaximumLength(20_000);
        RuleFor(c => c.CommittedGoalIds).Must(ids => ids is null || (ids.Count <= 100 && ids.All(id => id != Guid.Empty)))
            .WithText(nameof(ErrorTexts.GoalIdsInvalid), 100);
    }
}

public sealed class SaveLeadershipFoundationHandler(IVisionTrackerDbContext db, AccessPolicy access)
    : ICommandHandler<SaveLeadershipFoundationCommand, bool>
{
    public async ValueTask<bool> Handle(SaveLeadershipFoundationCommand command, CancellationToken cancellationToken)
    {
        if (command.PersonId != access.PersonId)
        {
            throw await FoundationRules.CanReadAsync(db, access, command.PersonId, cancellationToken)
                ? new ForbiddenException(nameof(ErrorTexts.ForbiddenFoundationAuthorOnly))
                : new NotFoundException("LeadershipFoundation", command.PersonId);
        }

        var goalIds = (command.CommittedGoalIds ?? []).Distinct().ToList();
        await EnsureGoalsReadableAsync(goalIds, cancellationToken);

        var foundation = await db.LeadershipFoundations.FirstOrDefaultAsync(f => f.PersonId == command.PersonId, cancellationToken);
        var created = foundation is null;
        if (foundation is null)
        {
            if (command.ExpectedVersion is { } expected)
            {
                throw new PreconditionFailedException(expected, 0);
            }

            foundation = new LeadershipFoundation { PersonId = command.PersonId };
            db.LeadershipFoundations.Add(foundation);
        }

        foundation.EnsureVersion(command.ExpectedVersion);
        foundation.Text = command.Text.Trim();
        foundation.CommittedGoalIds = goalIds;
        await db.SaveChangesAsync(cancellationToken);
        return created;
    }

    private async Task EnsureGoalsReadableAsync(List<Guid> goalIds, CancellationToken ct)
    {
        var paths = await db.Goals.AsNoTracking().Where(g => goalIds.Contains(g.Id))
            .Select(g => new { g.Id, g.OwnerUnit!.Path }).ToDictionaryAsync(g => g.Id, g => g.Path, ct);
        foreach (var id in goalIds)
        {
            if (!paths.TryGetValue(id, out var path) || !access.CanRead(path))
            {
                throw new NotFoundException("Goal", id);
            }
        }
    }
}
