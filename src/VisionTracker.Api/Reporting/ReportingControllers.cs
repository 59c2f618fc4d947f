using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using VisionTracker.Application.Reporting;
using Action = VisionTracker.Application.Reporting.Action;

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

public sealed class VisionsController(IReportingData data, ReportingQueryRunner runner) : ReportingController<Vision>(data, runner)
{
    protected override IQueryable<Vision> Source => Data.Visions;

    [HttpGet]
    public Task<IActionResult> Get(Guid key) => One(Source.Where(x => x.Id == key), key);
}

public sealed class ThemesController(IReportingData data, ReportingQueryRunner runner) : ReportingController<Theme>(data, runner)
{
    protected override IQueryable<Theme> Source => Data.Themes;

    [HttpGet]
    public Task<IActionResult> Get(Guid key) => One(Source.Where(x => x.Id == key), key);
}

public sealed class OrgUnitsController(IReportingData data, ReportingQueryRunner runner) : ReportingController<OrgUnit>(data, runner)
{
    protected override IQueryable<OrgUnit> Source => Data.OrgUnits;

    [HttpGet]
    public Task<IActionResult> Get(Guid key) => One(Source.Where(x => x.Id == key), key);
}

public sealed class PeopleController(IReportingData data, ReportingQueryRunner runner) : ReportingController<Person>(data, runner)
{
    protected override IQueryable<Person> Source => Data.People;

    [HttpGet]
    public Task<IActionResult> Get(Guid key) => One(Source.Where(x => x.Id == key), key);
}

public sealed class PeriodsController(IReportingData data, ReportingQueryRunner runner) : ReportingController<Period>(data, runner)
{
    protected override IQueryable<Period> Source => Data.Periods;

    [HttpGet]
    public Task<IActionResult> Get(Guid key) => One(Source.Where(x => x.Id == key), key);
}

public sealed class GoalsController(IReportingData data, ReportingQueryRunner runner) : ReportingController<Goal>(data, runner)
{
    protected override IQueryable<Goal> Source => Data.Goals;

    [HttpGet]
    public Task<IActionResult> Get(Guid key) => One(Source.Where(x => x.Id == key), key);
}

public sealed class KeyResultsController(IReportingData data, ReportingQueryRunner runner) : ReportingController<KeyResult>(data, runner)
{
    protected override IQueryable<KeyResult> Source => Data.KeyResults;

    [HttpGet]
    public Task<IActionResult> Get(Guid key) => One(Source.Where(x => x.Id == key), key);
}

public sealed class ActionsController(IReportingData data, ReportingQueryRunner runner) : ReportingController<Action>(data, runner)
{
    protected override IQueryable<Action> Source => Data.Actions;

    [HttpGet]
    public Task<IActionResult> Get(Guid key) => One(Source.Where(x => x.Id == key), key);
}

public sealed class CheckInsController(IReportingData data, ReportingQueryRunner runner) : ReportingController<CheckIn>(data, runner)
{
    protected override IQueryable<CheckIn> Source => Data.CheckIns;

    [HttpGet]
    public Task<IActionResult> Get(Guid key) => One(Source.Where(x => x.Id == key), key);
}

public sealed class CollaborationsController(IReportingData data, ReportingQueryRunner runner) : ReportingController<Collaboration>(data, runner)
{
    protected override IQueryable<Collaboration> Source => Data.Collaborations;

    [HttpGet]
    public Task<IActionResult> Get(Guid key) => One(Source.Where(x => x.Id == key), key);
}

public sealed class ProgressSnapshotsController(IReportingData data, ReportingQueryRunner runner) : ReportingController<ProgressSnapshot>(data, runner)
{
    protected override IQueryable<ProgressSnapshot> Source => Data.ProgressSnapshots;

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
