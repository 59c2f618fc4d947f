using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Reflections;

namespace VisionTracker.Infrastructure.Persistence.Configurations;

internal sealed class ReflectionAnswerConfiguration : IEntityTypeConfiguration<ReflectionAnswer>
{
    public void Configure(EntityTypeBuilder<ReflectionAnswer> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.QuestionKey).HasMaxLength(ReflectionQuestions.MaxKeyLength);
        b.Property(a => a.Text).HasMaxLength(ReflectionQuestions.MaxAnswerLength);
        b.HasIndex(a => new { a.CheckInId, a.QuestionKey }).IsUnique();
        b.HasIndex(a => new { a.FoundationId, a.QuestionKey }).IsUnique();
        b.HasOne<CheckIn>().WithMany(c => c.Answers).HasForeignKey(a => a.CheckInId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<LeadershipFoundation>().WithMany(f => f.Answers).HasForeignKey(a => a.FoundationId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable("ReflectionAnswers", t => t.HasCheckConstraint("CK_ReflectionAnswer_Owner", "(\"CheckInId\" IS NULL) <> (\"FoundationId\" IS NULL)"));
    }
}
