using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VisionTracker.Domain.Audit;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Notifications;

namespace VisionTracker.Infrastructure.Persistence.Configurations;

internal sealed class PeriodFigureConfiguration : IEntityTypeConfiguration<PeriodFigure>
{
    public void Configure(EntityTypeBuilder<PeriodFigure> b)
    {
        b.HasKey(f => f.Id);
        b.HasIndex(f => new { f.PeriodId, f.SubjectKind, f.SubjectId }).IsUnique();
        b.ComplexProperty(f => f.Figures, FigureColumns.Map);
        b.Ignore(f => f.Totals);
    }
}

internal sealed class ProgressSnapshotConfiguration : IEntityTypeConfiguration<ProgressSnapshot>
{
    public void Configure(EntityTypeBuilder<ProgressSnapshot> b)
    {
        b.HasKey(s => s.Id);
        b.HasIndex(s => new { s.SubjectKind, s.SubjectId, s.PeriodId, s.Date }).IsUnique();
        b.ComplexProperty(s => s.Figures, FigureColumns.Map);
        b.HasIndex(s => new { s.PeriodId, s.Date });
        b.HasIndex(s => s.OrgUnitId);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.HasKey(n => n.Id);
        b.Property(n => n.Subject).HasMaxLength(300);
        b.Property(n => n.Channel).HasMaxLength(16);
        b.Property(n => n.DeduplicationKey).HasMaxLength(300);
        b.Property(n => n.LastError).HasMaxLength(2000);
        b.HasIndex(n => new { n.SentAt, n.NextAttemptAt });
        b.HasIndex(n => n.DeduplicationKey).IsUnique();
        b.HasIndex(n => new { n.RecipientId, n.ReadAt });
        b.HasOne<Domain.Organisation.Person>().WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.Command).HasMaxLength(100);
        b.Property(a => a.EntityType).HasMaxLength(100);
        b.Property(a => a.EntityId).HasMaxLength(100);
        b.Property(a => a.Operation).HasMaxLength(16);
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.EntityType, a.EntityId });
    }
}
