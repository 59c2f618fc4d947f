using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.Goals;

/// <summary>Aligns a goal to a theme with a written rationale, or revises the rationale (which asks for a new review).</summary>
public sealed record AlignGoalCommand(Guid Id, int? ExpectedVersion, Guid ThemeId, string Rationale) : ICommand<Guid>;

public sealed class AlignGoalValidator : AbstractValidator<AlignGoalCommand>
{
    public AlignGoalValidator()
    {
        RuleFor(c => c.ThemeId).NotEmpty();
        RuleFor(c => c.Rationale).NotEmpty().WithMessage("Explain how the goal serves the theme.").MaximumLength(2000);
    }
}

public sealed class AlignGoalHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<AlignGoalCommand, Guid>
{
    public async ValueTask<Guid> Handle(AlignGoalCommand command, CancellationToken cancellationToken)
    {
        var goal = await db.LoadGoalForChangeAsync(access, command.Id, command.ExpectedVersion, cancellationToken, q => q.Include(g => g.Alignments));
        if (!await db.Themes.AnyAsync(t => t.Id == command.ThemeId && t.Vision!.IsActive, cancellationToken))
        {
            throw new NotFoundException("Theme (of the active vision)", command.ThemeId);
        }

        var existing = goal.Alignments.FirstOrDefault(a => a.ThemeId == command.ThemeId);
        if (existing is null)
        {
            goal.Alignments.Add(new GoalTheme { GoalId = goal.Id, ThemeId = command.ThemeId, Rationale = command.Rationale.Trim() });
        }
        else
        {
            existing.Revise(command.Rationale.Trim());
        }

        await db.SaveChangesAsync(cancellationToken);
        return goal.Id;
    }
}

public sealed record UnalignGoalCommand(Guid Id, int? ExpectedVersion, Guid ThemeId) : ICommand<Guid>;

public sealed class UnalignGoalHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<UnalignGoalCommand, Guid>
{
    public async ValueTask<Guid> Handle(UnalignGoalCommand command, CancellationToken cancellationToken)
    {
        var goal = await db.LoadGoalForChangeAsync(access, command.Id, command.ExpectedVersion, cancellationToken, q => q.Include(g => g.Alignments));
        var alignment = goal.Alignments.FirstOrDefault(a => a.ThemeId == command.ThemeId)
            ?? throw new NotFoundException("Alignment", command.ThemeId);
        goal.Alignments.Remove(alignment);
        await db.SaveChangesAsync(cancellationToken);
        return goal.Id;
    }
}

/// <summary>A department head over the goal's unit accepts an alignment, asks for changes, or rejects it, with a comment.</summary>
public sealed record ReviewAlignmentCommand(Guid Id, int? ExpectedVersion, Guid ThemeId, AlignmentReviewState Decision, string? Comment) : ICommand<Guid>;

public sealed class ReviewAlignmentValidator : AbstractValidator<ReviewAlignmentCommand>
{
    public ReviewAlignmentValidator()
    {
        RuleFor(c => c.Decision).IsInEnum().NotEqual(AlignmentReviewState.Proposed).WithMessage("Decide Accepted, ChangesRequested or Rejected.");
        RuleFor(c => c.Comment).MaximumLength(2000);
        RuleFor(c => c.Comment).NotEmpty().When(c => c.Decision is AlignmentReviewState.ChangesRequested or AlignmentReviewState.Rejected)
            .WithMessage("Say why when you request changes or reject.");
    }
}

public sealed class ReviewAlignmentHandler(IVisionTrackerDbContext db, AccessPolicy access, TimeProvider clock) : ICommandHandler<ReviewAlignmentCommand, Guid>
{
    public async ValueTask<Guid> Handle(ReviewAlignmentCommand command, CancellationToken cancellationToken)
    {
        var goal = await db.Goals.Include(g => g.OwnerUnit).Include(g => g.Period).Include(g => g.Alignments)
            .FirstOrDefaultAsync(g => g.Id == command.Id, cancellationToken) ?? throw new NotFoundException("Goal", command.Id);
        access.EnsureRole(goal.OwnerUnit!.Path, Domain.Organisation.Role.DepartmentHead, "Goal", goal.Id, "review alignments");
        goal.Period!.EnsureWritable();
        goal.EnsureEditable();
        goal.EnsureVersion(command.ExpectedVersion);
        var alignment = goal.Alignments.FirstOrDefault(a => a.ThemeId == command.ThemeId)
            ?? throw new NotFoundException("Alignment", command.ThemeId);
        alignment.Review(command.Decision, command.Comment?.Trim(), access.PersonId, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return goal.Id;
    }
}
