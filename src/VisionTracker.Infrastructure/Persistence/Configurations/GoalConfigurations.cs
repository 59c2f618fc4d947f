using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Infrastructure.Persistence.Configurations;

internal sealed class GoalConfiguration : IEntityTypeConfiguration<Goal>
{
    public void Configure(EntityTypeBuilder<Goal> b)
    {
        b.ConfigureVersioned();
        b.Property(g => g.Title).HasMaxLength(200);
        b.Property(g => g.Description).HasMaxLength(4000);
        b.Property(g => g.CitizenValue).HasMaxLength(2000);
        b.PrimitiveCollection(g => g.Tags);
        b.PrimitiveCollection(g => g.CountedThemeIds);
        b.ComplexProperty(g => g.Share, s => s.IsRequired());
        b.Ignore(g => g.CountsInFigures);
        b.Ignore(g => g.CountsInParent);
        b.HasIndex(g => new { g.PeriodId, g.OwnerUnitId });
        b.HasOne(g => g.Period).WithMany().HasForeignKey(g => g.PeriodId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(g => g.OwnerUnit).WithMany().HasForeignKey(g => g.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(g => g.Owner).WithMany().HasForeignKey(g => g.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(g => g.ParentGoal).WithMany().HasForeignKey(g => g.ParentGoalId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Goal>().WithMany().HasForeignKey(g => g.CopiedFromGoalId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(g => g.KeyResults).WithOne(k => k.Goal).HasForeignKey(k => k.GoalId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(g => g.Alignments).WithOne(a => a.Goal).HasForeignKey(a => a.GoalId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(g => g.Collaborations).WithOne().HasForeignKey(c => c.GoalId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GoalThemeConfiguration : IEntityTypeConfiguration<GoalTheme>
{
    public void Configure(EntityTypeBuilder<GoalTheme> b)
    {
        b.HasKey(a => new { a.GoalId, a.ThemeId });
        b.Property(a => a.Rationale).HasMaxLength(2000);
        b.Property(a => a.ReviewComment).HasMaxLength(2000);
        b.Ignore(a => a.Counts);
        b.HasOne(a => a.Theme).WithMany().HasForeignKey(a => a.ThemeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class KeyResultConfiguration : IEntityTypeConfiguration<KeyResult>
{
    public void Configure(EntityTypeBuilder<KeyResult> b)
    {
        b.ConfigureVersioned();
        b.Property(k => k.Title).HasMaxLength(200);
        b.Property(k => k.Unit).HasMaxLength(32);
        // A period's key results in key order (the feed's pages): no sort of the whole period for each page.
        b.HasIndex(k => new { k.PeriodId, k.Id });
        b.HasOne(k => k.Owner).WithMany().HasForeignKey(k => k.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(k => k.Milestones).WithOne().HasForeignKey(m => m.KeyResultId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> b)
    {
        b.HasKey(m => m.Id);
        b.Property(m => m.Title).HasMaxLength(200);
    }
}

internal sealed class CollaborationConfiguration : IEntityTypeConfiguration<Collaboration>
{
    public void Configure(EntityTypeBuilder<Collaboration> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.PartnerName).HasMaxLength(200);
        b.Property(c => c.Description).HasMaxLength(2000);
        b.Property(c => c.ResponseComment).HasMaxLength(2000);
        b.HasOne(c => c.PartnerUnit).WithMany().HasForeignKey(c => c.PartnerUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.PartnerGoal).WithMany().HasForeignKey(c => c.PartnerGoalId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("CK_Collaboration_Owner", "(\"GoalId\" IS NULL) <> (\"ActionId\" IS NULL)"));
    }
}
