using System.Reflection;
using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;
using VisionTracker.Application.Reporting;

namespace VisionTracker.Api.Reporting;

/// <summary>The entity data model of the OData feed: what $metadata describes.</summary>
public static class ReportingModel
{
    public const string Namespace = "VisionTracker";
    public const string ThemeProgressAsOf = nameof(ThemeProgressAsOf);
    public const string UnitProgressAsOf = nameof(UnitProgressAsOf);
    public const string GoalProgressAsOf = nameof(GoalProgressAsOf);
    public const string KeyResultProgressAsOf = nameof(KeyResultProgressAsOf);
    public const string CheckInsAsOf = nameof(CheckInsAsOf);
    private const string RowSuffix = "Row";

    public static IEdmModel Build()
    {
        var builder = new ODataConventionModelBuilder(new ReadModelAssembly()) { Namespace = Namespace, ContainerName = "Reporting" };
        builder.Ignore<PeriodFigureRow>();
        builder.Ignore<AreaProgress>();

        builder.EntitySet<VisionRow>("Visions");
        builder.EntitySet<ThemeRow>("Themes");
        builder.EntitySet<OrgUnitRow>("OrgUnits");
        builder.EntitySet<PersonRow>("People");
        builder.EntitySet<PeriodRow>("Periods");
        builder.EntitySet<GoalRow>("Goals");
        builder.EntitySet<GoalTagRow>("GoalTags").EntityType.HasKey(t => t.GoalId).HasKey(t => t.Tag);
        builder.EntitySet<KeyResultRow>("KeyResults");
        builder.EntitySet<ActionRow>("Actions");
        builder.EntitySet<CheckInRow>("CheckIns");
        builder.EntitySet<CollaborationRow>("Collaborations");
        builder.EntitySet<IncomingCollaborationRow>("IncomingCollaborations");
        builder.EntitySet<ProgressSnapshotRow>("ProgressSnapshots");
        builder.EntitySet<ThemeProgress>("ThemeProgress");
        builder.EntitySet<UnitProgress>("UnitProgress");
        builder.EntitySet<GoalProgress>("GoalProgress");
        builder.EntitySet<KeyResultProgress>("KeyResultProgress");
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
        AsOf<GoalProgress>(builder, GoalProgressAsOf, "GoalProgress");
        AsOf<KeyResultProgress>(builder, KeyResultProgressAsOf, "KeyResultProgress");
        var checkIns = AsOf<CheckInRow>(builder, CheckInsAsOf, "CheckIns");
        checkIns.Parameter<string>("subject").Required();
        checkIns.Parameter<Guid>("id").Required();

        // The read model's CLR types carry a Row suffix to stay apart from the domain entities; the feed's names do not.
        foreach (var type in builder.StructuralTypes)
        {
            type.Namespace = Namespace;
            type.Name = EdmName(type.ClrType);
        }

        return builder.GetEdmModel();
    }

    /// <summary>The name a read-model type has in $metadata: GoalRow is VisionTracker.Goal.</summary>
    public static string EdmName(Type type) =>
        type.Name.EndsWith(RowSuffix, StringComparison.Ordinal) ? type.Name[..^RowSuffix.Length] : type.Name;

    private static FunctionConfiguration AsOf<T>(ODataConventionModelBuilder builder, string name, string entitySet)
        where T : class
    {
        var function = builder.Function(name);
        function.Parameter<DateOnly>("date").Required();
        function.ReturnsCollectionFromEntitySet<T>(entitySet);

        // A function import with parameters cannot be listed in the service document (CSDL validation rule).
        function.IncludeInServiceDocument = false;
        return function;
    }

    /// <summary>
    /// Where the builder looks for types derived from the feed's: only the read model's assembly. By default it walks
    /// every type of every loaded assembly, most of a second of the service's start (docs/performance.md, round 7).
    /// </summary>
    private sealed class ReadModelAssembly : IAssemblyResolver
    {
        public IEnumerable<Assembly> Assemblies { get; } = [typeof(GoalRow).Assembly];
    }
}
