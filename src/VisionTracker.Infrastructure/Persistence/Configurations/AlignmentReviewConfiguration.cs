using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Infrastructure.Persistence.Configurations;

internal sealed class AlignmentReviewConfiguration : IEntityTypeConfiguration<AlignmentReview>
{
    public void Configure(EntityTypeBuilder<AlignmentReview> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Comment).HasMaxLength(2000);
        b.Property(r => r.Rationale).HasMaxLength(2000);
        b.HasIndex(r => new { r.GoalId, r.ThemeId, r.At });
        // Tied to the goal and theme, not to the alignment row: the history outlives an alignment that is removed.
        b.HasOne<Goal>().WithMany().HasForeignKey(r => r.GoalId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Theme>().WithMany().HasForeignKey(r => r.ThemeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Reviewer).WithMany().HasForeignKey(r => r.ReviewerId).OnDelete(DeleteBehavior.Restrict);
    }
}
