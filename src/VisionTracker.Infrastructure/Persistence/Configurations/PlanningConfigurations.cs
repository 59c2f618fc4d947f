using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Infrastructure.Persistence.Configurations;

internal sealed class VisionConfiguration : IEntityTypeConfiguration<Vision>
{
    public void Configure(EntityTypeBuilder<Vision> b)
    {
        b.ConfigureVersioned();
        b.Property(v => v.Title).HasMaxLength(200);
        b.Property(v => v.Narrative).HasMaxLength(20_000);
        b.HasMany(v => v.Themes).WithOne(t => t.Vision).HasForeignKey(t => t.VisionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ThemeConfiguration : IEntityTypeConfiguration<Theme>
{
    public void Configure(EntityTypeBuilder<Theme> b)
    {
        b.ConfigureVersioned();
        b.Property(t => t.Title).HasMaxLength(200);
        b.Property(t => t.Description).HasMaxLength(4000);
    }
}

internal sealed class PeriodConfiguration : IEntityTypeConfiguration<Period>
{
    public void Configure(EntityTypeBuilder<Period> b)
    {
        b.ConfigureVersioned();
        b.Property(p => p.Name).HasMaxLength(100);
        b.Property(p => p.FiguresStamp).HasMaxLength(64);
        b.HasIndex(p => p.Name).IsUnique();
    }
}
