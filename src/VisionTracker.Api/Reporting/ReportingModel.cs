using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;
using VisionTracker.Application.Reporting;
using Action = VisionTracker.Application.Reporting.Action;

namespace VisionTracker.Api.Reporting;

/// <summary>The entity data model of the OData feed: what $metadata describes.</summary>
public static class ReportingModel
{
    public const string Namespace = "VisionTracker";
    public const string ThemeProgressAsOf = nameof(ThemeProgressAsOf);
    public const string UnitProgressAsOf = nameof(UnitProgressAsOf);

    public static IEdmModel Build()
    {
        var builder = new ODataConventionModelBuilder { Namespace = Namespace, ContainerName = "Reporting" };
        builder.Ignore<AreaFigure>();
        builder.Ignore<AreaProgress>();

        builder.EntitySet<Vision>("Visions");
        builder.EntitySet<Theme>("Themes");
        builder.EntitySet<OrgUnit>("OrgUnits");
        builder.EntitySet<Person>("People");
        builder.EntitySet<Period>("Periods");
        builder.EntitySet<Goal>("Goals");
        builder.EntitySet<KeyResult>("KeyResults");
        builder.EntitySet<Action>("Actions");
        builder.EntitySet<CheckIn>("CheckIns");
        builder.EntitySet<Collaboration>("Collaborations");
        builder.EntitySet<ProgressSnapshot>("ProgressSnapshots");
        builder.EntitySet<ThemeProgress>("ThemeProgress");
        builder.EntitySet<UnitProgress>("UnitProgress");
        builder.EntitySet<AlignmentGap>("AlignmentGaps").EntityType.HasKey(g => g.Kind).HasKey(g => g.SubjectId);

        // Every type with a Version has it as its ETag, the REST API's version (see VersionETagHandler).
        foreach (var type in builder.StructuralTypes.OfType<EntityTypeConfiguration>().ToList())
        {
            if (type.ClrType.GetProperty("Version") is { PropertyType: var t } version && t == typeof(int))
            {
                type.AddProperty(version).IsConcurrencyToken();
            }
        }

        AsOf<ThemeProgress>(builder, ThemeProgressAsOf, "ThemeProgress");
        AsOf<UnitProgress>(builder, UnitProgressAsOf, "UnitProgress");

        foreach (var type in builder.StructuralTypes)
        {
            type.Namespace = Namespace;
        }

        return builder.GetEdmModel();
    }

    private static void AsOf<T>(ODataConventionModelBuilder builder, string name, string entitySet)
        where T : class
    {
        var function = builder.Function(name);
        function.Parameter<DateOnly>("date").Required();
        function.ReturnsCollectionFromEntitySet<T>(entitySet);

        // A function import with parameters cannot be listed in the service document (CSDL validation rule).
        function.IncludeInServiceDocument = false;
    }
}
