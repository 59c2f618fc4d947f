namespace VisionTracker.Application.Reporting;

/// <summary>
/// The read-only data behind the OData feed. Every set is already limited to what the caller may read (the same
/// rule as the REST API: rows whose unit lies in one of the caller's grants; visions, themes, periods and the org chart
/// are the whole municipality's), and the limit holds inside navigations, so $expand and $apply cannot step outside it.
/// </summary>
/// <remarks>
/// The <c>…Row</c> types are the feed's read model (docs/odata.md), named apart from the domain entities they mirror;
/// $metadata names them without the suffix. They carry only what council staff may see (no e-mail addresses, tokens
/// or reflection notes), enums travel as their names, and navigation properties exist for $expand. Every property has
/// an init accessor so OData can compose $filter/$orderby/$apply over them and EF Core translates the whole query to
/// SQL. A reference that may point outside the caller's scope (an owner, a goal of a parent unit) is nullable although
/// the database always fills it: the navigation is then empty for that caller instead of hiding the row that points there.
/// </remarks>
public interface IReportingData
{
    IQueryable<VisionRow> Visions { get; }
    IQueryable<ThemeRow> Themes { get; }
    IQueryable<OrgUnitRow> OrgUnits { get; }
    IQueryable<PersonRow> People { get; }
    IQueryable<PeriodRow> Periods { get; }
    IQueryable<GoalRow> Goals { get; }
    IQueryable<GoalTagRow> GoalTags { get; }
    IQueryable<KeyResultRow> KeyResults { get; }
    IQueryable<ActionRow> Actions { get; }
    IQueryable<CheckInRow> CheckIns { get; }
    IQueryable<CollaborationRow> Collaborations { get; }

    /// <summary>Collaborations naming one of the caller's units (or one of their goals), seen from the partner's side.</summary>
    IQueryable<IncomingCollaborationRow> IncomingCollaborations { get; }
    IQueryable<ProgressSnapshotRow> ProgressSnapshots { get; }
    IQueryable<PeriodFigureRow> PeriodFigures { get; }

    /// <summary>Every readable check-in's key result and time, from the table alone (for counts per key result).</summary>
    IQueryable<CheckInStampRow> CheckInStamps { get; }

    /// <summary>Org units the caller may read figures of (the grants' subtrees).</summary>
    IQueryable<OrgUnitRow> ScopedUnits { get; }
}
