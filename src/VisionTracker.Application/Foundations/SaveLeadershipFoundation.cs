using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.CheckIns;
using VisionTracker.Application.Common;
using VisionTracker.Application.Reflections;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Reflections;

namespace VisionTracker.Application.Foundations;

/// <summary>
/// Writes the caller's own leadership foundation, creating it the first time; returns whether it was created. The whole
/// foundation is replaced: its text, the goals and actions it commits to, and the answers to its reflection questions
/// (absent lists and answers are none).
/// </summary>
public sealed record SaveLeadershipFoundationCommand(Guid PersonId, int? ExpectedVersion, string Text, IReadOnlyList<Guid>? CommittedGoalIds)
    : ICommand<bool>
{
    public IReadOnlyList<Guid>? CommittedActionIds { get; init; }
    public IReadOnlyDictionary<string, string?>? Answers { get; init; }
}

public sealed class SaveLeadershipFoundationValidator : AbstractValidator<SaveLeadershipFoundationCommand>
{
    public SaveLeadershipFoundationValidator()
    {
        RuleFor(c => c.PersonId).NotEmpty();
        RuleFor(c => c.Text).NotNull().MaximumLength(20_000);
        RuleFor(c => c.CommittedGoalIds).Must(ids => ids is null || (ids.Count <= 100 && ids.All(id => id != Guid.Empty)))
            .WithText(nameof(ErrorTexts.GoalIdsInvalid), 100);
        RuleFor(c => c.CommittedActionIds).Must(ids => ids is null || (ids.Count <= 100 && ids.All(id => id != Guid.Empty)))
            .WithText(nameof(ErrorTexts.ActionIdsInvalid), 100);
        RuleFor(c => c.Answers).ValidAnswers(ReflectionScope.Foundation);
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

        var foundation = await db.LeadershipFoundations.Include(f => f.Answers).FirstOrDefaultAsync(f => f.PersonId == command.PersonId, cancellationToken);
        var actionIds = (command.CommittedActionIds ?? []).Distinct().ToList();
        await EnsureActionsCommittableAsync(actionIds, foundation?.CommittedActionIds ?? [], cancellationToken);

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
        foundation.CommittedActionIds = actionIds;
        ReplaceAnswers(foundation, command.Answers);
        await db.SaveChangesAsync(cancellationToken);
        return created;
    }

    /// <summary>
    /// A foundation commits to the author's own actions: ones they may check in on (their own, or under them as a
    /// department head). One already committed may stay while the author still reads it. 404 outside what they read.
    /// </summary>
    private async Task EnsureActionsCommittableAsync(List<Guid> actionIds, List<Guid> committed, CancellationToken ct)
    {
        var actions = await db.Actions.AsNoTracking().Where(a => actionIds.Contains(a.Id))
            .Select(a => new { a.Id, a.OrgUnit!.Path, a.OwnerId }).ToDictionaryAsync(a => a.Id, ct);
        foreach (var id in actionIds)
        {
            if (!actions.TryGetValue(id, out var action) || !access.CanRead(action.Path))
            {
                throw new NotFoundException("Action", id);
            }

            if (!committed.Contains(id) && !access.CanCheckIn(action.Path, [action.OwnerId]))
            {
                throw new ForbiddenException(nameof(ErrorTexts.ForbiddenFoundationActionNotOwn), id);
            }
        }
    }

    private void ReplaceAnswers(LeadershipFoundation foundation, IReadOnlyDictionary<string, string?>? answers)
    {
        var given = ReflectionAnswers.Given(answers).ToDictionary(a => a.QuestionKey, a => a.Text);

        // Deleted, not orphaned: an answer belongs to a check-in or a foundation, never to neither.
        db.ReflectionAnswers.RemoveRange(foundation.Answers.Where(a => !given.ContainsKey(a.QuestionKey)));
        foreach (var (key, text) in given)
        {
            if (foundation.Answers.Find(a => a.QuestionKey == key) is { } stored)
            {
                stored.Text = text;
            }
            else
            {
                foundation.Answers.Add(new ReflectionAnswer { QuestionKey = key, Text = text });
            }
        }
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
