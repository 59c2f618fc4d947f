using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VisionTracker.Domain.Figures;

namespace VisionTracker.Infrastructure.Persistence.Configurations;

/// <summary>
/// <see cref="FigureValues"/> as columns of the table that holds them, each named like its property (Progress, GoalCount,
/// …) rather than EF Core's default Figures_Progress: the tables kept the columns they had before the type existed.
/// </summary>
internal static class FigureColumns
{
    public static void Map(ComplexPropertyBuilder<FigureValues> figures)
    {
        figures.IsRequired();
        foreach (var property in typeof(FigureValues).GetProperties())
        {
            figures.Property(property.PropertyType, property.Name).HasColumnName(property.Name);
        }
    }
}
