using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using VisionTracker.Application.Reporting;

namespace VisionTracker.Api.Reporting;

/// <summary>
/// One read-only controller per entity set (OData routing conventions: GET /odata/{Set} and /odata/{Set}({key})).
/// Every set comes from <see cref="IReportingData"/>, which already holds the caller's scope.
/// </summary>
[Authorize]
[ApiExplorerSettings(IgnoreApi = true)]
public abstract class ReportingController<T>(IReportingData data, ReportingQueryRunner runner) : ODataController
    where T : class
{
    protected IReportingData Data => data;

    protected abstract IQueryable<T> Source { get; }

    [HttpGet]
    public Task<IActionResult> Get() => runner.CollectionAsync(HttpContext, Source);

    protected Task<IActionResult> One(IQueryable<T> match, object key) => runner.SingleAsync(HttpContext, match, key);
}

public sealed class VisionsController(IReportingData data, ReportingQueryRunner runner) : ReportingController<VisionRow>(data, runner)
{
    protected override IQueryable<VisionRow> Source => Data.Visions;

    [HttpGet]
    public Task<IActionResult> Get(Guid key) => One(Source.Where(x => x.Id == key), key);
}

public sealed class ThemesController(IReportingData data, ReportingQueryRunner runner) : ReportingController<ThemeRow>(data, runner)
{
    protected override IQueryable<ThemeRow> Source => Data.Themes;

    [HttpGet]
    public Task<IActionResult> Get(Guid key) => One(Source.Where(x => x.Id == key), key);
}

public sealed class OrgUnitsController(IReportingData data, ReportingQueryRunner runner) : ReportingController<OrgUnitRow>(data, runner)
{
    protected override IQueryable<OrgUnitRow> Source => Data.OrgUnits;

    [HttpGet]
    public Task<IActionResult> Get(Guid key) => One(Source.Where(x => x.Id == key), key);
}

public sealed class PeopleController(IReportingData data, ReportingQueryRunner runner) : ReportingController<PersonRow>(data, runner)
{
    protected override IQueryable<PersonRow> Source => Data.People;

    [HttpGet]
    public Task<IActionResult> Get(Guid key) => One(Source.Where(x => x.Id == key), key);
}

public sealed class PeriodsController(IReportingData data, ReportingQueryRunner runner) : ReportingController<PeriodRow>(data, runner)
{
    protected override IQueryable<PeriodRow> Source => Data.Periods;

    [HttpGet]
    public Task<IActionResult> Get(Guid key) => One(Source.Where(x => x.Id == key), key);
}

public sealed class GoalsController(IReportingData data, ReportingQueryRunner runner) : ReportingController<GoalRow>(data, runner)
{
    protected override IQueryable<GoalRow> Source => Data.Goals;

    [HttpGet]
    public Task<IActionResult> Get(Guid key) => One(Source.Where(x => x.Id == key), key);
}

public sealed class KeyResultsController(IReportingData data, ReportingQueryRunner runner) : ReportingController<KeyResultRow>(data, runner)
{
    protected override IQueryable<KeyResultRow> Source => Data.KeyResults;

    [HttpGet]
    public Task<IActionResult> Get(Guid key) => One(Source.Where(x => x.Id == key), key);
}

public sealed class ActionsController(IReportingData data, ReportingQueryRunner runner) : ReportingController<ActionRow>(data, runner)
{
    protected override IQueryable<ActionRow> Source => Data.Actions;

    [HttpGet]
    public Task<IActionResult> Get(Guid key) => One(Source.Where(x => x.Id == key), key);
}

public sealed class CheckInsController(IReportingData data, ReportingQueryRunner runner) : ReportingController<CheckInRow>(data, runner)
{
    protected override IQueryable<CheckInRow> Source => Data.CheckIns;

    [HttpGet]
    public Task<IActionResult> Get(Guid key) => One(Source.Where(x => x.Id == key), key);
}

public sealed class CollaborationsController(IReportingData data, ReportingQueryRunner runner) : ReportingController<CollaborationRow>(data, runner)
{
    protected override IQueryable<CollaborationRow> Source => Data.Collaborations;

    [HttpGet]
    public Task<IActionResult> Get(Guid key) => One(Source.Where(x => x.Id == key), key);
}

public sealed class ProgressSnapshotsController(IReportingData data, ReportingQueryRunner runner) : ReportingController<ProgressSnapshotRow>(data, runner)
{
    protected override IQueryable<ProgressSnapshotRow> Source => Data.ProgressSnapshots;

    [HttpGet]
    public Task<IActionResult> Get(long key) => One(Source.Where(x => x.Id == key), key);
}

public sealed class ThemeProgressController(IReportingData data, ReportingQueryRunner runner, ReportingQueries queries)
    : ReportingController<ThemeProgress>(data, runner)
{
    protected override IQueryable<ThemeProgress> Source => queries.ThemeProgress();

    [HttpGet]
    public Task<IActionResult> Get(long key) => One(Source.Where(x => x.Id == key), key);
}

public sealed class UnitProgressController(IReportingData data, ReportingQueryRunner runner, ReportingQueries queries)
    : ReportingController<UnitProgress>(data, runner)
{
    protected override IQueryable<UnitProgress> Source => queries.UnitProgress();

    [HttpGet]
    public Task<IActionResult> Get(long key) => One(Source.Where(x => x.Id == key), key);
}

public sealed class AlignmentGapsController(IReportingData data, ReportingQueryRunner runner, ReportingQueries queries)
    : ReportingController<AlignmentGap>(data, runner)
{
    protected override IQueryable<AlignmentGap> Source => queries.AlignmentGaps();

    [HttpGet]
    public Task<IActionResult> Get(string keyKind, Guid keySubjectId) =>
        One(Source.Where(x => x.Kind == keyKind && x.SubjectId == keySubjectId), $"(Kind='{keyKind}',SubjectId={keySubjectId})");
}

/// <summary>The point-in-time functions: a reporting set as the nightly snapshots recorded it on a day.</summary>
[Authorize]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class AsOfController(ReportingQueryRunner runner, ReportingQueries queries) : ODataController
{
    [HttpGet("odata/ThemeProgressAsOf(date={date})")]
    public Task<IActionResult> ThemeProgressAsOf(DateOnly date) => runner.CollectionAsync(HttpContext, queries.ThemeProgressAsOf(date));

    [HttpGet("odata/UnitProgressAsOf(date={date})")]
    public Task<IActionResult> UnitProgressAsOf(DateOnly date) => runner.CollectionAsync(HttpContext, queries.UnitProgressAsOf(date));
}
