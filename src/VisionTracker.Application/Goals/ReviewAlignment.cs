using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.Goals;

/// <summary>A department head over the goal's unit (not its owner) accepts an alignment, asks for changes, or rejects it, with a comment.</summary>
public sealed record ReviewAlignmentCommand(Guid Id, int? ExpectedVersion, Guid ThemeId, AlignmentReviewState Decision, string? Comment) : ICommand<Guid>;

public sealed class ReviewAlignmentValidator : AbstractValidator<ReviewAlignmentCommand>
{
    public ReviewAlignmentValidator()
    {
        RuleFor(c => c.Decision).IsInEnum().NotEqual(AlignmentReviewState.Proposed).WithText(nameof(ErrorTexts.ReviewDecisionInvalid));
        RuleFor(c => c.Comment).MaximumLength(2000);
        RuleFor(c => c.Comment).NotEmpty().When(c => c.Decision is AlignmentReviewState.ChangesRequested or AlignmentReviewState.Rejected)
            .WithText(nameof(ErrorTexts.ReviewCommentMissing));
    }
}

public sealed class ReviewAlignmentHandler(IVisionTrackerDbContext db, AccessPolicy access, TimeProvider clock, AlignmentReviewLog log) : ICommandHandler<ReviewAlignmentCommand, Guid>
{
    public async ValueTask<Guid> Handle(ReviewAlignmentCommand command, CancellationToken cancellationToken)
    {
        await db.LockGoalTreesAsync(new GoalTrees([command.Id]), cancellationToken);
        var goal = await db.Goals.Include(g => g.OwnerUnit).Include(g => g.Period).Include(g => g.Alignments)
            .FirstOrDefaultAsync(g => g.Id == command.Id, cancellationToken) ?? throw new NotFoundException("Goal", command.Id);
        access.EnsureRole(goal.OwnerUnit!.Path, Domain.Organisation.Role.DepartmentHead, "Goal", goal.Id, new ErrorPart(nameof(ErrorTexts.DoReviewAlignments)));
        log.EnsureNotOwnGoal(goal);
        goal.Period!.EnsureWritable();
        goal.EnsureEditable();
        goal.EnsureVersion(command.ExpectedVersion);
        var alignment = goal.Alignments.FirstOrDefault(a => a.ThemeId == command.ThemeId)
            ?? throw new NotFoundException("Alignment", command.ThemeId);
        alignment.Review(command.Decision, command.Comment?.Trim(), access.PersonId, clock.GetUtcNow().UtcDateTime);
        await log.RecordAsync(goal, alignment, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return goal.Id;
    }
}
