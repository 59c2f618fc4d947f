namespace VisionTracker.Application.Reporting;

/// <summary>
/// The read-only data behind the OData feed. Every set is already limited to what the caller may read (the same
/// rule as the REST API: rows whose unit lies in one of the caller's grants; visions, themes, periods and the org chart
/// are the whole municipality's), and the limit holds inside navigations, so $expand and $apply cannot step outside it.
/// </summary>
public interface IReportingData
{
    IQueryable<Vision> Visions { get; }
    IQueryable<Theme> Themes { get; }
    IQueryable<OrgUnit> OrgUnits { get; }
    IQueryable<Person> People { get; }
    IQueryable<Period> Periods { get; }
    IQueryable<Goal> Goals { get; }
    IQueryable<KeyResult> KeyResults { get; }
    IQueryable<Action> Actions { get; }
    IQueryable<CheckIn> CheckIns { get; }
    IQueryable<Collaboration> Collaborations { get; }
    IQueryable<ProgressSnapshot> ProgressSnapshots { get; }
    IQueryable<AreaFigure> AreaFigures { get; }

    /// <summary>Org units the caller may read figures of (the grants' subtrees).</summary>
    IQueryable<OrgUnit> ScopedUnits { get; }
}
