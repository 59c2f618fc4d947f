using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Infrastructure.Persistence.Interceptors;

/// <summary>Stamps when an alignment is put forward for review: on creation, and whenever it goes back to Proposed.</summary>
internal static class AlignmentStamp
{
    public static void Apply(EntityEntry entry, DateTime now)
    {
        if (entry.Entity is not GoalTheme alignment)
        {
            return;
        }

        var reproposed = entry.State == EntityState.Modified
            && entry.Property(nameof(GoalTheme.ReviewState)) is { IsModified: true } state
            && !Equals(state.OriginalValue, state.CurrentValue)
            && alignment.ReviewState == AlignmentReviewState.Proposed;
        var revised = entry.State == EntityState.Modified && alignment.ReviewState == AlignmentReviewState.Proposed
            && entry.Property(nameof(GoalTheme.Rationale)).IsModified;

        // Imported history (the demo data) may say when it was proposed; commands never set it.
        if ((entry.State == EntityState.Added && alignment.ProposedAt == default) || reproposed || revised)
        {
            alignment.ProposedAt = now;
        }
    }
}
