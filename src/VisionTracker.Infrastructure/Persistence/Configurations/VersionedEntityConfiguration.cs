using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VisionTracker.Domain.Common;

namespace VisionTracker.Infrastructure.Persistence.Configurations;

internal static class VersionedEntityConfiguration
{
    public static void ConfigureVersioned<T>(this EntityTypeBuilder<T> b)
        where T : VersionedEntity
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Version).IsConcurrencyToken();
    }
}
