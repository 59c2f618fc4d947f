using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using VisionTracker.Application.Figures;
using VisionTracker.Application.Reporting;
using VisionTracker.Domain.Common;

namespace VisionTracker.Api.Reporting;

/// <summary>
/// The read-only controller of an entity set: GET /odata/{Set} and, keyed by <typeparamref name="TKey"/>,
/// /odata/{Set}({key}). OData's conventional routing binds a controller to a set by its name, so each set below is
/// one line naming its source; every source already holds the caller's scope (<see cref="IReportingData"/>).
/// </summary>
[Authorize]
[ApiExplorerSettings(IgnoreApi = true)]
public abstract class ReportingController<TRow, TKey>(ReportingQueryRunner runner, Func<IQueryable<TRow>> source) : ODataController
    where TRow : class
{
    [HttpGet]
    public Task<IActionResult> Get() => runner.CollectionAsync(HttpContext, source());

    [HttpGet]
    public Task<IActionResult> Get(TKey key) => runner.SingleAsync(HttpContext, source().Where(HasKey(key)), key!);

    /// <summary>
    /// A collection navigation of one entity, e.g. /odata/Goals({key})/KeyResults: where an expanded collection's next
    /// link points. Its rows hold the caller's scope like the set they come from.
    /// </summary>
    protected Task<IActionResult> Related<TOther>(IQueryable<TOther> rows) => runner.CollectionAsync(HttpContext, rows);

    /// <summary>row => row.Id == key, with the key as a query parameter.</summary>
    private static Expression<Func<TRow, bool>> HasKey(TKey key)
    {
        var row = Expression.Parameter(typeof(TRow), "row");
        var value = Expression.Field(Expression.Constant(new StrongBox<TKey>(key)), nameof(StrongBox<TKey>.Value));
        return Expression.Lambda<Func<TRow, bool>>(Expression.Equal(Expression.Property(row, "Id"), value), row);
    }
}

public sealed class VisionsController(IReportingData data, ReportingQueryRunner runner) : ReportingController<VisionRow, Guid>(runner, () => data.Visions)
{
    [HttpGet]
    public Task<IActionResult> GetThemes(Guid key) => Related(data.Themes.Where(t => t.VisionId == key));
}

public sealed class ThemesController(IReportingData data, ReportingQueryRunner runner) : ReportingController<ThemeRow, Guid>(runner, () => data.Themes)
{
    [HttpGet]
    public Task<IActionResult> GetGoals(Guid key) => Related(data.Goals.Where(g => g.Themes.Any(t => t.Id == key)));
}

public sealed class OrgUnitsController(IReportingData data, ReportingQueryRunner runner) : ReportingController<OrgUnitRow, Guid>(runner, () => data.OrgUnits)
{
    [HttpGet]
    public Task<IActionResult> GetChildren(Guid key) => Related(data.OrgUnits.Where(u => u.ParentId == key));

    [HttpGet]
    public Task<IActionResult> GetGoals(Guid key) => Related(data.Goals.Where(g => g.OwnerUnitId == key));
}

public sealed class PeopleController(IReportingData data, ReportingQueryRunner runner) : ReportingController<PersonRow, Guid>(runner, () => data.People);

public sealed class PeriodsController(IReportingData data, ReportingQueryRunner runner) : ReportingController<PeriodRow, Guid>(runner, () => data.Periods);

public sealed class GoalsController(IReportingData data, ReportingQueryRunner runner) : ReportingController<GoalRow, Guid>(runner, () => data.Goals)
{
    [HttpGet]
    public Task<IActionResult> GetKeyResults(Guid key) => Related(data.KeyResults.Where(k => k.GoalId == key));

    [HttpGet]
    public Task<IActionResult> GetActions(Guid key) => Related(data.Actions.Where(a => a.GoalId == key));

    [HttpGet]
    public Task<IActionResult> GetThemes(Guid key) => Related(data.Themes.Where(t => t.Goals.Any(g => g.Id == key)));

    [HttpGet]
    public Task<IActionResult> GetCollaborations(Guid key) => Related(data.Collaborations.Where(c => c.GoalId == key));

    [HttpGet]
    public Task<IActionResult> GetTags(Guid key) => Related(data.GoalTags.Where(t => t.GoalId == key));
}

public sealed class KeyResultsController(IReportingData data, ReportingQueryRunner runner) : ReportingController<KeyResultRow, Guid>(runner, () => data.KeyResults)
{
    [HttpGet]
    public Task<IActionResult> GetActions(Guid key) => Related(data.Actions.Where(a => a.KeyResultId == key));

    [HttpGet]
    public Task<IActionResult> GetCheckIns(Guid key) => Related(data.CheckIns.Where(c => c.KeyResultId == key));
}

public sealed class ActionsController(IReportingData data, ReportingQueryRunner runner) : ReportingController<ActionRow, Guid>(runner, () => data.Actions)
{
    [HttpGet]
    public Task<IActionResult> GetCheckIns(Guid key) => Related(data.CheckIns.Where(c => c.ActionId == key));
}

public sealed class CheckInsController(IReportingData data, ReportingQueryRunner runner) : ReportingController<CheckInRow, Guid>(runner, () => data.CheckIns);

public sealed class CollaborationsController(IReportingData data, ReportingQueryRunner runner)
    : ReportingController<CollaborationRow, Guid>(runner, () => data.Collaborations);

public sealed class IncomingCollaborationsController(IReportingData data, ReportingQueryRunner runner)
    : ReportingController<IncomingCollaborationRow, Guid>(runner, () => data.IncomingCollaborations);

public sealed class ProgressSnapshotsController(IReportingData data, ReportingQueryRunner runner)
    : ReportingController<ProgressSnapshotRow, long>(runner, () => data.ProgressSnapshots);

public sealed class ThemeProgressController(ReportingQueries queries, ReportingQueryRunner runner)
    : ReportingController<ThemeProgress, long>(runner, queries.ThemeProgress);

public sealed class UnitProgressController(ReportingQueries queries, ReportingQueryRunner runner)
    : ReportingController<UnitProgress, long>(runner, queries.UnitProgress);

/// <summary>
/// AlignmentGaps has a two-part key (Kind, SubjectId), so it reads one entity itself. The set leaves out closed periods
/// unless the custom query option <c>closedPeriods=true</c> asks for them; a key names one gap whatever its period.
/// </summary>
[Authorize]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class AlignmentGapsController(ReportingQueries queries, ReportingQueryRunner runner) : ODataController
{
    public const string ClosedPeriodsOption = "closedPeriods";

    [HttpGet]
    public async Task<IActionResult> Get()
    {
        var asked = Request.Query[ClosedPeriodsOption];
        if (asked.Count == 0)
        {
            return await runner.CollectionAsync(HttpContext, queries.AlignmentGaps());
        }

        return asked.Count == 1 && bool.TryParse(asked[0], out var closed)
            ? await runner.CollectionAsync(HttpContext, queries.AlignmentGaps(closed))
            : await ODataErrors.ResultAsync(HttpContext, 400, "BadQuery", nameof(ErrorTexts.ODataClosedPeriodsOption), ClosedPeriodsOption, asked.ToString());
    }

    [HttpGet]
    public Task<IActionResult> Get(string keyKind, Guid keySubjectId) =>
        runner.SingleAsync(
            HttpContext, queries.AlignmentGaps(closedPeriods: true).Where(x => x.Kind == keyKind && x.SubjectId == keySubjectId), $"(Kind='{keyKind}',SubjectId={keySubjectId})");
}

/// <summary>GoalTags has a two-part key (GoalId, Tag), so it reads one entity itself.</summary>
[Authorize]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class GoalTagsController(IReportingData data, ReportingQueryRunner runner) : ODataController
{
    [HttpGet]
    public Task<IActionResult> Get() => runner.CollectionAsync(HttpContext, data.GoalTags);

    [HttpGet]
    public Task<IActionResult> Get(Guid keyGoalId, string keyTag) =>
        runner.SingleAsync(HttpContext, data.GoalTags.Where(t => t.GoalId == keyGoalId && t.Tag == keyTag), $"(GoalId={keyGoalId},Tag='{keyTag}')");
}

/// <summary>
/// The point-in-time functions: the figures as they stood at the end of a day, replayed from the check-ins and the
/// audited history (<see cref="ReportingHistory"/>). A day to come or before the first period began is a 400.
/// </summary>
[Authorize]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class AsOfController(ReportingQueryRunner runner, ReportingHistory history) : ODataController
{
    [HttpGet("odata/ThemeProgressAsOf(date={date})")]
    public Task<IActionResult> ThemeProgressAsOf(DateOnly date) => AnswerAsync(date, async (d, ct) => await history.ThemeProgressAsOfAsync(d, ct));

    [HttpGet("odata/UnitProgressAsOf(date={date})")]
    public Task<IActionResult> UnitProgressAsOf(DateOnly date) => AnswerAsync(date, async (d, ct) => await history.UnitProgressAsOfAsync(d, ct));

    [HttpGet("odata/GoalProgressAsOf(date={date})")]
    public Task<IActionResult> GoalProgressAsOf(DateOnly date) => AnswerAsync(date, async (d, ct) => await history.GoalProgressAsOfAsync(d, ct));

    [HttpGet("odata/KeyResultProgressAsOf(date={date})")]
    public Task<IActionResult> KeyResultProgressAsOf(DateOnly date) => AnswerAsync(date, async (d, ct) => await history.KeyResultProgressAsOfAsync(d, ct));

    /// <summary>The check-ins that fed one figure (subject Theme, OrgUnit, Goal or KeyResult, and its id) as of the day.</summary>
    [HttpGet("odata/CheckInsAsOf(date={date},subject={subject},id={id})")]
    public async Task<IActionResult> CheckInsAsOf(DateOnly date, string subject, Guid id)
    {
        if (!ReportingHistory.Subjects.Contains(subject))
        {
            return await ODataErrors.ResultAsync(
                HttpContext, 400, "BadQuery", nameof(ErrorTexts.AsOfSubjectUnknown), string.Join(", ", ReportingHistory.Subjects.Select(s => $"'{s}'")), subject);
        }

        return await AnswerAsync(date, async (d, ct) => await history.CheckInsAsOfAsync(d, subject, id, ct), new(nameof(ErrorTexts.AsOfSubjectNotFound), subject, id));
    }

    private async Task<IActionResult> AnswerAsync<T>(DateOnly date, Func<DateOnly, CancellationToken, Task<IQueryable<T>?>> rows, ErrorPart? missing = null)
    {
        if (await history.RefuseAsync(date, HttpContext.RequestAborted) is { } refused)
        {
            return await ODataErrors.ResultAsync(HttpContext, 400, "DateOutOfRange", refused.Code, refused.Arguments);
        }

        if (await rows(date, HttpContext.RequestAborted) is { } answer)
        {
            return await runner.CollectionAsync(HttpContext, answer);
        }

        var text = missing ?? new ErrorPart(nameof(ErrorTexts.ODataStatus), 404);
        return await ODataErrors.ResultAsync(HttpContext, 404, "NotFound", text.Code, text.Arguments);
    }
}

/// <summary>
/// GoalProgress and KeyResultProgress: each goal's and key result's figures today, equal to the AsOf functions for today
/// but read from the stored figures (<see cref="ReportingHistory.GoalProgressTodayAsync"/>, <see cref="ReportingHistory.KeyResultProgressToday"/>).
/// </summary>
[Authorize]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class GoalProgressController(ReportingQueryRunner runner, ReportingHistory history) : ODataController
{
    [HttpGet]
    public async Task<IActionResult> Get() => await runner.CollectionAsync(HttpContext, await history.GoalProgressTodayAsync(HttpContext.RequestAborted));

    [HttpGet]
    public async Task<IActionResult> Get(Guid key) =>
        await runner.SingleAsync(HttpContext, (await history.GoalProgressTodayAsync(HttpContext.RequestAborted)).Where(g => g.Id == key), key);
}

public sealed class KeyResultProgressController(ReportingQueryRunner runner, ReportingHistory history)
    : ReportingController<KeyResultProgress, Guid>(runner, history.KeyResultProgressToday);
