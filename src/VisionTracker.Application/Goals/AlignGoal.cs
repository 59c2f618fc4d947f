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
        RuleFor(c => c.Rationale).NotEmpty().WithText(nameof(ErrorTexts.RationaleMissing)).MaximumLength(2000);
    }
}

public sealed class AlignGoalHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<AlignGoalCommand, Guid>
{
    public async ValueTask<Guid> Handle(AlignGoalCommand command, CancellationToken cancellationToken)
    {
        var goal = await db.LoadGoalForChangeAsync(access, command.Id, command.ExpectedVersion, cancellationToken, q => q.Include(g => g.Alignments));
        if (!await db.Themes.AnyAsync(t => t.Id == command.ThemeId && t.Vision!.IsActive, cancellationToken))
        {
            throw new NotFoundException("ActiveVisionTheme", command.ThemeId);
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
