using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VisionTracker.Domain.Actions;

namespace VisionTracker.Infrastructure.Persistence.Configurations;

internal sealed class ActionConfiguration : IEntityTypeConfiguration<LeaderAction>
{
    public void Configure(EntityTypeBuilder<LeaderAction> b)
    {
        b.ToTable("Actions");
        b.ConfigureVersioned();
        b.Property(a => a.Title).HasMaxLength(200);
        b.Property(a => a.Description).HasMaxLength(4000);
        b.Property(a => a.CitizenValue).HasMaxLength(2000);
        b.HasIndex(a => new { a.OwnerId, a.State });
        b.HasIndex(a => a.PeriodId);
        b.HasOne(a => a.Owner).WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Goal).WithMany().HasForeignKey(a => a.GoalId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.KeyResult).WithMany().HasForeignKey(a => a.KeyResultId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(a => a.OrgUnit).WithMany().HasForeignKey(a => a.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Collaborations).WithOne().HasForeignKey(c => c.ActionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CheckInConfiguration : IEntityTypeConfiguration<CheckIn>
{
    public void Configure(EntityTypeBuilder<CheckIn> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.Note).HasMaxLength(4000);
        b.Property(c => c.IdempotencyKey).HasMaxLength(100);
        // The newest check-in of a key result or action (by time, then id) is one index seek.
        b.HasIndex(c => new { c.KeyResultId, c.At, c.Id });
        b.HasIndex(c => new { c.ActionId, c.At, c.Id });
        b.HasIndex(c => c.OrgUnitId);
        b.HasOne<Domain.Organisation.OrgUnit>().WithMany().HasForeignKey(c => c.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.PeriodId);

        // "Check-ins last month" in the feed filters on the local day.
        b.HasIndex(c => c.LocalDate);
        b.HasIndex(c => new { c.PersonId, c.IdempotencyKey }).IsUnique();
        b.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.Goals.KeyResult>().WithMany().HasForeignKey(c => c.KeyResultId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<LeaderAction>().WithMany().HasForeignKey(c => c.ActionId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("CK_CheckIn_Subject", "(\"KeyResultId\" IS NULL) <> (\"ActionId\" IS NULL)"));
    }
}
