using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using VisionTracker.Application.Figures;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Infrastructure.Persistence.Interceptors;

/// <summary>
/// Notes, as a command saves, which figure inputs it changed (<see cref="FigureChanges"/>), so that the roll-up
/// updates what they reach and nothing else. It reads EF Core's change tracker: which rows are added, changed or
/// deleted, and for a goal or action that moved, where it was before.
/// </summary>
public sealed class FigureChangeInterceptor(FigureChanges changes) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    private void Note(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                Note(entry);
            }
        }
    }

    private void Note(EntityEntry entry)
    {
        var deleted = entry.State == EntityState.Deleted;
        switch (entry.Entity)
        {
            case Goal goal when deleted:
                changes.Periods.Add(goal.PeriodId);
                break;
            case Goal goal:
                changes.Goals.Add(goal.Id);
                if (Was(entry, nameof(Goal.ParentGoalId)) is Guid formerParent)
                {
                    changes.ProgressOf.Add(formerParent);
                }

                break;
            case KeyResult keyResult:
                if (deleted || entry.State == EntityState.Added)
                {
                    changes.Goals.Add(keyResult.GoalId);
                }

                if (!deleted)
                {
                    changes.KeyResults.Add(keyResult.Id);
                }

                changes.ProgressOf.Add(keyResult.GoalId);
                break;
            case Milestone milestone:
                changes.KeyResults.Add(milestone.KeyResultId);
                break;
            case CheckIn checkIn when checkIn.KeyResultId is { } keyResultId:
                changes.KeyResults.Add(keyResultId);
                break;
            case CheckIn checkIn when checkIn.ActionId is { } actionId:
                changes.Actions.Add(actionId);
                break;
            case LeaderAction action:
                changes.Goals.Add(action.GoalId);
                if (Was(entry, nameof(LeaderAction.GoalId)) is Guid formerGoal)
                {
                    changes.Goals.Add(formerGoal);
                }

                if (!deleted)
                {
                    changes.Actions.Add(action.Id);
                }

                break;
            case GoalTheme alignment:
                changes.Goals.Add(alignment.GoalId);
                break;
            case Collaboration { GoalId: { } goalId }:
                changes.Goals.Add(goalId);
                break;
            case Collaboration { ActionId: { } actionId }:
                changes.Actions.Add(actionId);
                break;
            default:
                break;
        }
    }

    /// <summary>The value a changed property had when loaded, when it was a different id; null otherwise.</summary>
    private static Guid? Was(EntityEntry entry, string property)
    {
        if (entry.State != EntityState.Modified)
        {
            return null;
        }

        var p = entry.Property(property);
        return p.OriginalValue is Guid before && !Equals(before, p.CurrentValue) ? before : null;
    }
}
