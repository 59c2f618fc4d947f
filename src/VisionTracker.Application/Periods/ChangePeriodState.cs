using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Periods;

/// <summary>Planning → Active → Closed. A closed period is read-only.</summary>
public sealed record ChangePeriodStateCommand(Guid Id, PeriodState State, int? ExpectedVersion) : ICommand<PeriodDto>, IExclusiveCommand;

public sealed class ChangePeriodStateValidator : AbstractValidator<ChangePeriodStateCommand>
{
    public ChangePeriodStateValidator() => RuleFor(c => c.State).IsInEnum();
}

public sealed class ChangePeriodStateHandler(
    IVisionTrackerDbContext db, AccessPolicy access, FigureCalculator figures, SnapshotWriter snapshots) : ICommandHandler<ChangePeriodStateCommand, PeriodDto>
{
    public async ValueTask<PeriodDto> Handle(ChangePeriodStateCommand command, CancellationToken cancellationToken)
    {
        access.EnsureGlobalAdmin();
        var period = await db.Periods.FirstOrDefaultAsync(p => p.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("Period", command.Id);
        period.EnsureVersion(command.ExpectedVersion);
        switch (command.State)
        {
            case PeriodState.Active:
                period.Activate();
                break;
            case PeriodState.Closed:
                period.Close();
                // The figures at the close are the period's final word: recompute, then keep them as the final snapshot.
                await figures.RecalculatePeriodAsync(period.Id, cancellationToken);
                await snapshots.WriteAsync(period.Id, isFinal: true, cancellationToken);
                break;
            default:
                throw new Domain.Common.DomainRuleException(nameof(Domain.Common.ErrorTexts.PeriodBackToPlanning));
        }

        await db.SaveChangesAsync(cancellationToken);
        return period.ToDto();
    }
}
