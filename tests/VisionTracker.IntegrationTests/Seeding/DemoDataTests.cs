using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Periods;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Planning;
using VisionTracker.Domain.Reflections;
using VisionTracker.IntegrationTests.OData;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Seeding;

/// <summary>One service over a database seeded with the Aarhus demo at start-up, shared by the tests below.</summary>
public sealed class DemoDataFixture : IAsyncLifetime
{
    public VisionTrackerFactory Factory { get; } = new() { SeedDemoData = true };

    public Task InitializeAsync() => Factory.InitializeAsync();

    public Task DisposeAsync() => Factory.DisposeAsync();
}

public sealed class DemoDataTests(DemoDataFixture fixture) : IClassFixture<DemoDataFixture>
{
    private static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    private VisionTrackerFactory Factory => fixture.Factory;

    [Fact]
    public async Task Seed_OrgTree_HasTheSixDepartmentsUnderAarhusKommune()
    {
        var root = await Factory.WithDbAsync(db => db.OrgUnits.SingleAsync(u => u.Id == Factory.RootUnitId));
        var departments = await Factory.WithDbAsync(db => db.OrgUnits.Where(u => u.Kind == OrgUnitKind.Department).ToListAsync());

        root.Code.ShouldBe("AAK");
        root.Name.ShouldBe("Aarhus Kommune");
        departments.Select(d => d.Name).ShouldBe(
            ["Borgmesterens Afdeling", "Børn og Unge", "Kultur og Borgerservice", "Sociale Forhold og Beskæftigelse", "Sundhed og Omsorg", "Teknik og Miljø"],
            ignoreOrder: true);
        departments.ShouldAllBe(d => d.ParentId == root.Id);
    }

    [Fact]
    public async Task Seed_People_HaveRolesWithAHeadPerDepartmentAndViewersOnTheRoot()
    {
        var people = await Factory.WithDbAsync(db => db.People.Include(p => p.RoleAssignments).ThenInclude(r => r.OrgUnit)
            .Where(p => p.RoleAssignments.Any(r => r.Role != Role.Admin)).ToListAsync());
        var roles = people.SelectMany(p => p.RoleAssignments).ToList();

        people.Count.ShouldBeGreaterThanOrEqualTo(18);
        people.ShouldAllBe(p => p.Email.EndsWith("@aarhus.dk"));
        people.Count(p => p.Culture == "en").ShouldBe(2);
        roles.Where(r => r.Role == Role.DepartmentHead).Select(r => r.OrgUnit!.Kind).ShouldBe(Enumerable.Repeat(OrgUnitKind.Department, 6));
        roles.Where(r => r.Role == Role.DepartmentHead).Select(r => r.OrgUnitId).Distinct().Count().ShouldBe(6);
        roles.Count(r => r.Role == Role.Viewer && r.OrgUnitId == Factory.RootUnitId).ShouldBe(2);
    }

    [Fact]
    public async Task GetPeriods_AsBootstrapAdmin_Returns200WithClosedActiveAndPlanning()
    {
        var response = await Factory.Admin.GetAsync("/api/periods");

        var periods = await response.ReadAsAsync<List<PeriodDto>>();
        periods.Select(p => (p.Name, p.State)).ShouldBe(
            [("2026 H1", PeriodState.Closed), ("2026 H2", PeriodState.Active), ("2027 H1", PeriodState.Planning)]);
        periods.Single(p => p.State == PeriodState.Active).Start.ShouldBe(new DateOnly(2026, 7, 1));
    }

    [Fact]
    public async Task Seed_ActivePeriod_HasGoalsInEveryDepartmentWithEveryMetricKind()
    {
        var goals = await Factory.WithDbAsync(async db =>
        {
            var period = await db.Periods.SingleAsync(p => p.State == PeriodState.Active);
            return await db.Goals.Include(g => g.KeyResults).Include(g => g.OwnerUnit).Where(g => g.PeriodId == period.Id).ToListAsync();
        });
        var departments = await Factory.WithDbAsync(db => db.OrgUnits.Where(u => u.Kind == OrgUnitKind.Department).ToListAsync());
        var keyResults = goals.SelectMany(g => g.KeyResults).ToList();

        goals.Count.ShouldBeGreaterThanOrEqualTo(15);
        departments.ShouldAllBe(d => goals.Any(g => g.OwnerUnit!.Path.StartsWith(d.Path, StringComparison.Ordinal)));
        goals.Select(g => g.State).Distinct().ShouldBe([GoalState.Active, GoalState.Draft, GoalState.Achieved], ignoreOrder: true);
        keyResults.Select(k => k.MetricKind).Distinct().ShouldBe(Enum.GetValues<MetricKind>(), ignoreOrder: true);
        keyResults.ShouldContain(k => k.Direction == Direction.Decrease);
        keyResults.ShouldAllBe(k => k.PeriodId == k.Goal!.PeriodId);
        goals.ShouldContain(g => g.ParentGoalId != null);
        goals.ShouldAllBe(g => !string.IsNullOrWhiteSpace(g.CitizenValue));
    }

    [Fact]
    public async Task Seed_Alignments_AreAcceptedProposedAndChangesRequestedWithOrphansLeft()
    {
        var goals = await Factory.WithDbAsync(db => db.Goals.Include(g => g.Alignments).Include(g => g.Period)
            .Where(g => g.Period!.State == PeriodState.Active).ToListAsync());
        var reviews = goals.SelectMany(g => g.Alignments).ToList();

        reviews.Select(a => a.ReviewState).Distinct().ShouldBe(
            [AlignmentReviewState.Accepted, AlignmentReviewState.Proposed, AlignmentReviewState.ChangesRequested], ignoreOrder: true);
        reviews.Where(a => a.ReviewState != AlignmentReviewState.Proposed).ShouldAllBe(a => a.ReviewedById != null && a.ReviewedAt != null);
        goals.Count(g => g.ParentGoalId == null && g.Alignments.Count == 0).ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Seed_CheckIns_SpanSixWeeksAndMatchWhatTheyCheckIn()
    {
        var checkIns = await Factory.WithDbAsync(db => db.CheckIns.AsNoTracking().ToListAsync());
        var keyResults = await Factory.WithDbAsync(db => db.KeyResults.Include(k => k.Milestones).AsNoTracking().ToListAsync());
        var actions = await Factory.WithDbAsync(db => db.Actions.AsNoTracking().ToListAsync());
        var latestByKeyResult = checkIns.Where(c => c.KeyResultId != null).GroupBy(c => c.KeyResultId!.Value)
            .ToDictionary(g => g.Key, g => g.MaxBy(c => c.At)!);

        checkIns.Select(c => ISOWeek.GetWeekOfYear(c.At) + (100 * ISOWeek.GetYear(c.At))).Distinct().Count().ShouldBeGreaterThanOrEqualTo(6);
        checkIns.ShouldAllBe(c => !string.IsNullOrWhiteSpace(c.Note) && c.At <= Factory.Clock.GetUtcNow().UtcDateTime);
        checkIns.Where(c => c.KeyResultId != null).ShouldAllBe(c => keyResults.Single(k => k.Id == c.KeyResultId).PeriodId == c.PeriodId);
        checkIns.Where(c => c.ActionId != null).ShouldAllBe(c => actions.Single(a => a.Id == c.ActionId).PeriodId == c.PeriodId);
        foreach (var (id, latest) in latestByKeyResult)
        {
            var keyResult = keyResults.Single(k => k.Id == id);
            keyResult.CurrentValue.ShouldBe(latest.Value!.Value);
            keyResult.LastCheckInAt.ShouldBe(latest.At);
            keyResult.Confidence.ShouldBe(latest.Confidence);
        }

        keyResults.Where(k => k.MetricKind == MetricKind.Milestone).ShouldAllBe(k => k.Milestones.Count(m => m.Done) == k.CurrentValue);
        keyResults.ShouldContain(k => k.LastCheckInAt == null);
        actions.Where(a => a.LastCheckInAt != null).ShouldAllBe(a => a.ReportedProgress > 0);
    }

    [Fact]
    public async Task Seed_SomeKeyResults_AreStaleWhileOthersAreCurrent()
    {
        var keyResults = await Factory.WithDbAsync(db => db.KeyResults.Where(k => k.LastCheckInAt != null).Include(k => k.Goal!.Period).ToListAsync());
        var active = keyResults.Where(k => k.Goal!.Period!.State == PeriodState.Active).ToList();
        var newest = active.Max(k => k.LastCheckInAt!.Value);

        active.Count(k => k.LastCheckInAt < newest.AddDays(-20)).ShouldBeGreaterThanOrEqualTo(3);
        active.Count(k => k.LastCheckInAt > newest.AddDays(-7)).ShouldBeGreaterThan(active.Count / 2);
    }

    [Fact]
    public async Task Seed_Collaborations_CrossDepartmentsAndReachExternalPartners()
    {
        var collaborations = await Factory.WithDbAsync(db => db.Collaborations.AsNoTracking().Include(c => c.PartnerUnit).ToListAsync());
        var units = await Factory.WithDbAsync(db => db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id));
        var goalUnits = await Factory.WithDbAsync(db => db.Goals.ToDictionaryAsync(g => g.Id, g => g.OwnerUnitId));
        var actionUnits = await Factory.WithDbAsync(db => db.Actions.ToDictionaryAsync(a => a.Id, a => a.OrgUnitId));

        var crossDepartment = collaborations.Where(c => c.Kind == CollaborationKind.CrossUnit).Count(c =>
            DepartmentOf(units[c.GoalId is { } g ? goalUnits[g] : actionUnits[c.ActionId!.Value]].Path) != DepartmentOf(c.PartnerUnit!.Path));

        crossDepartment.ShouldBeGreaterThanOrEqualTo(5);
        collaborations.ShouldContain(c => c.ActionId != null && c.Kind == CollaborationKind.CrossUnit);
        collaborations.ShouldContain(c => c.GoalId != null && c.Kind == CollaborationKind.CrossUnit);
        collaborations.Count(c => c.Kind == CollaborationKind.GoalDependency).ShouldBe(1);
        collaborations.Where(c => c.Kind is CollaborationKind.External or CollaborationKind.CoCreation).Select(c => c.PartnerName)
            .ShouldContain("Aarhus Universitet");
    }

    [Fact]
    public async Task Seed_Figures_GoalProgressVariesWithinZeroAndOne()
    {
        var progress = await Factory.WithDbAsync(db => db.Goals.Where(g => g.KeyResults.Any()).Select(g => g.Progress).ToListAsync());

        progress.ShouldAllBe(p => p != null && p >= 0 && p <= 1);
        progress.Distinct().Count().ShouldBeGreaterThan(progress.Count / 2);
    }

    [Fact]
    public async Task Seed_GoalStatuses_MixOnTrackBehindAndAtRiskAsOfTheLatestCheckIn()
    {
        var (period, goals, asOf) = await Factory.WithDbAsync(async db =>
        {
            var period = await db.Periods.SingleAsync(p => p.State == PeriodState.Active);
            var goals = await db.Goals.Where(g => g.PeriodId == period.Id && g.State == GoalState.Active).ToListAsync();
            var asOf = await db.CheckIns.Where(c => c.PeriodId == period.Id).MaxAsync(c => c.At);
            return (period, goals, asOf);
        });
        var expected = Rollup.ExpectedProgress(asOf, period.StartsAt(Copenhagen), period.EndsAt(Copenhagen));

        var statuses = goals.Select(g => Rollup.Status(g.Progress, expected, g.Confidence, new StatusThresholds())).ToList();

        statuses.Distinct().ShouldBe([ProgressStatus.OnTrack, ProgressStatus.Behind, ProgressStatus.AtRisk], ignoreOrder: true);
        statuses.Count(s => s == ProgressStatus.OnTrack).ShouldBeGreaterThan(statuses.Count / 3);
    }

    [Fact]
    public async Task Seed_RootFigure_CountsTheActiveGoalsOfTheActivePeriod()
    {
        var (figure, goals) = await Factory.WithDbAsync(async db =>
        {
            var period = await db.Periods.SingleAsync(p => p.State == PeriodState.Active);
            var figure = await db.PeriodFigures.SingleAsync(f =>
                f.PeriodId == period.Id && f.SubjectKind == FigureSubject.OrgUnit && f.SubjectId == Factory.RootUnitId);
            var goals = await db.Goals.Where(g => g.PeriodId == period.Id && g.State == GoalState.Active && !g.IsArchived).ToListAsync();
            return (figure, goals);
        });

        figure.Figures.Progress.ShouldNotBeNull();
        figure.Figures.GoalCount.ShouldBe(goals.Count);
        figure.Figures.Progress.Value.ShouldBe(goals.Average(g => g.Progress!.Value), 1e-9);
        figure.Figures.OrphanGoalCount.ShouldBeGreaterThanOrEqualTo(1);
        figure.Figures.CollaboratingGoalCount.ShouldBeGreaterThan(0);
        figure.Figures.KeyResultsWithActionCount.ShouldBeLessThan(figure.Figures.KeyResultCount);
    }

    [Fact]
    public async Task Seed_Owners_HoldAtLeastLeaderOverWhatTheyOwn()
    {
        var grants = await Factory.WithDbAsync(db => db.RoleAssignments.Select(r => new { r.PersonId, r.Role, r.OrgUnit!.Path }).ToListAsync());
        var owned = await Factory.WithDbAsync(async db =>
            (await db.Goals.Select(g => new { g.OwnerId, g.OwnerUnit!.Path }).ToListAsync())
            .Concat(await db.Actions.Select(a => new { a.OwnerId, a.OrgUnit!.Path }).ToListAsync())
            .Concat(await db.KeyResults.Select(k => new { k.OwnerId, k.Goal!.OwnerUnit!.Path }).ToListAsync())
            .ToList());

        owned.ShouldAllBe(o => grants.Any(g => g.PersonId == o.OwnerId && g.Role >= Role.Leader && o.Path.StartsWith(g.Path, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Seed_Foundations_CommitToExistingGoalsOfTheirAuthors()
    {
        var foundations = await Factory.WithDbAsync(db => db.LeadershipFoundations.AsNoTracking().ToListAsync());
        var goalOwners = await Factory.WithDbAsync(db => db.Goals.ToDictionaryAsync(g => g.Id, g => g.OwnerId));

        foundations.Count.ShouldBeGreaterThanOrEqualTo(8);
        foundations.ShouldAllBe(f => f.Text.Contains("ledelsesgrundlag") && f.CommittedGoalIds.Count >= 1);
        foundations.ShouldAllBe(f => f.CommittedGoalIds.All(id => goalOwners.ContainsKey(id)));
        foundations.ShouldAllBe(f => f.CommittedGoalIds.Any(id => goalOwners[id] == f.PersonId));
    }

    [Fact]
    public async Task Seed_TellsTheTruth_CheckInsInWorkingHoursReflectingTheirKeyResultsWithConsistentConfidence()
    {
        var checkIns = await Factory.WithDbAsync(db => db.CheckIns.AsNoTracking().ToListAsync());
        var keyResults = await Factory.WithDbAsync(db => db.KeyResults.AsNoTracking().ToDictionaryAsync(k => k.Id));
        var actions = await Factory.WithDbAsync(db => db.Actions.AsNoTracking().ToListAsync());

        foreach (var checkIn in checkIns)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(checkIn.At, Copenhagen);
            local.DayOfWeek.ShouldNotBeOneOf(DayOfWeek.Saturday, DayOfWeek.Sunday);
            local.Hour.ShouldBeInRange(8, 15, $"{checkIn.At:O} is {local:HH:mm} in Copenhagen");
            checkIn.LocalDate.ShouldBe(DateOnly.FromDateTime(local));
        }

        checkIns.Where(c => c.KeyResultId is { } id && c.Note.StartsWith(keyResults[id].Title + ":", StringComparison.Ordinal))
            .Count().ShouldBeGreaterThan(checkIns.Count(c => c.KeyResultId != null) / 2, "reflections name their key result");
        actions.Where(a => a.State == ActionState.Done && a.Confidence != null).ShouldAllBe(a => a.Confidence == 1);
        actions.Where(a => a.State == ActionState.Blocked && a.Confidence != null).ShouldAllBe(a => a.Confidence <= 0.3);
    }

    [Fact]
    public async Task Seed_TellsTheTruth_DueDatesInsideTheirPeriodsAndNoHeadReviewsTheirOwnGoal()
    {
        var actions = await Factory.WithDbAsync(db => db.Actions.AsNoTracking()
            .Join(db.Periods, a => a.PeriodId, p => p.Id, (a, p) => new { a.DueDate, p.Start, p.End }).ToListAsync());
        var reviews = await Factory.WithDbAsync(db => db.GoalThemes.AsNoTracking().Where(a => a.ReviewedById != null)
            .Select(a => new { a.ReviewedById, a.Goal!.OwnerId }).ToListAsync());
        var logged = await Factory.WithDbAsync(db => db.AlignmentReviews.AsNoTracking()
            .Join(db.Goals, r => r.GoalId, g => g.Id, (r, g) => new { r.ReviewerId, g.OwnerId }).ToListAsync());

        actions.ShouldAllBe(a => a.DueDate != null && a.DueDate >= a.Start && a.DueDate <= a.End);
        reviews.ShouldNotBeEmpty();
        reviews.ShouldAllBe(r => r.ReviewedById != r.OwnerId);
        logged.ShouldAllBe(r => r.ReviewerId != r.OwnerId);
    }

    /// <summary>Each period that has begun has check-ins from its first week and month-end history, so trends and AsOf answer from the start.</summary>
    [Fact]
    public async Task Seed_History_BeginsWithEachPeriodAndTheDepartmentTrendShowsIt()
    {
        var periods = await Factory.WithDbAsync(db => db.Periods.AsNoTracking().Where(p => p.State != PeriodState.Planning).ToListAsync());
        var department = await Factory.WithDbAsync(db => db.OrgUnits.AsNoTracking().SingleAsync(u => u.Code == "TM"));
        var firstWeek = await Factory.WithDbAsync(db => db.CheckIns.AsNoTracking().GroupBy(c => c.PeriodId).Select(g => new { g.Key, First = g.Min(c => c.LocalDate) }).ToDictionaryAsync(g => g.Key, g => g.First));
        var active = periods.Single(p => p.State == PeriodState.Active);

        var trend = await Factory.WithDbAsync(db => db.ProgressSnapshots.AsNoTracking()
            .Where(s => s.PeriodId == active.Id && s.SubjectKind == FigureSubject.OrgUnit && s.SubjectId == department.Id).OrderBy(s => s.Date).ToListAsync());
        var first = await Factory.Admin.GetRowsAsync($"/odata/UnitProgressAsOf(date={active.Start.AddDays(6):yyyy-MM-dd})?$filter=UnitId eq {department.Id} and PeriodId eq {active.Id}");

        periods.ShouldAllBe(p => firstWeek[p.Id] < p.Start.AddDays(7));
        trend.Count.ShouldBeGreaterThanOrEqualTo(3);
        trend[0].Date.ShouldBe(new DateOnly(active.Start.Year, active.Start.Month, 1).AddMonths(1).AddDays(-1));
        trend.Select(s => s.Figures.Progress ?? 0).ShouldBe(trend.Select(s => s.Figures.Progress ?? 0).Order(), "a rising trend");
        first.Single()!["CheckInCount"]!.GetValue<int>().ShouldBeGreaterThan(0);
        (await Factory.WithDbAsync(db => db.ProgressSnapshots.CountAsync(s => s.IsFinal))).ShouldBeGreaterThan(0, "the closed period's closing record");
    }

    /// <summary>
    /// The closed period's goals ended Achieved or Abandoned as their key results say, moved by their owners after the
    /// period ended; its closing record, the AsOf answer for its last day and the department page keep its figures.
    /// </summary>
    [Fact]
    public async Task Seed_ClosedPeriod_GoalsClosedByTheirOwnersAfterItsEnd_AndItsRecordKeepsTheFiguresAtTheEnd()
    {
        var closed = await Factory.WithDbAsync(db => db.Periods.AsNoTracking().SingleAsync(p => p.State == PeriodState.Closed));
        var goals = await Factory.WithDbAsync(db => db.Goals.AsNoTracking().Where(g => g.PeriodId == closed.Id).ToDictionaryAsync(g => g.Id.ToString()));
        var ids = goals.Keys.ToList();
        var moves = await Factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(Goal) && e.Operation == "Modified" && ids.Contains(e.EntityId)).ToListAsync());
        var root = Factory.RootUnitId;
        var record = await Factory.WithDbAsync(db => db.ProgressSnapshots.AsNoTracking()
            .SingleAsync(s => s.PeriodId == closed.Id && s.IsFinal && s.SubjectKind == FigureSubject.OrgUnit && s.SubjectId == root));
        var lastDay = (await Factory.Admin.GetRowsAsync($"/odata/UnitProgressAsOf(date={closed.End:yyyy-MM-dd})?$filter=UnitId eq {root} and PeriodId eq {closed.Id}")).Single()!;
        var page = (await (await Factory.Admin.GetAsync($"/api/org-units/{root}/overview?periodId={closed.Id}")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;

        goals.Values.Select(g => g.State).Distinct().Order().ShouldBe([GoalState.Achieved, GoalState.Abandoned]);
        goals.Values.Where(g => g.State == GoalState.Achieved).ShouldAllBe(g => g.Progress >= 0.8);
        goals.Values.Where(g => g.State == GoalState.Abandoned).ShouldAllBe(g => g.Progress < 0.5);
        moves.Select(e => e.EntityId).Order().ShouldBe(ids.Order());
        moves.ShouldAllBe(e => e.At > closed.EndsAt(Copenhagen) && e.ActorId == goals[e.EntityId].OwnerId);
        var expected = goals.Values.Average(g => g.Progress!.Value);
        record.Figures.GoalCount.ShouldBe(goals.Count);
        record.Figures.Progress!.Value.ShouldBe(expected, 1e-9);
        lastDay["GoalCount"]!.GetValue<int>().ShouldBe(goals.Count);
        lastDay["Progress"]!.GetValue<double>().ShouldBe(expected, 1e-9);
        page["figures"]!["progress"].ShouldBeNull("no goal runs in a closed period");
        page["trend"]!.AsArray().Last()!["progress"]!.GetValue<double>().ShouldBe(expected, 1e-9);
    }

    /// <summary>Some seeded check-ins and every foundation answer the programme's reflection questions, each where it is asked.</summary>
    [Fact]
    public async Task Seed_ReflectionAnswers_OnCheckInsAndFoundations_AnswerQuestionsAskedThere()
    {
        var onCheckIns = await Factory.WithDbAsync(db => db.ReflectionAnswers.AsNoTracking().Where(a => a.CheckInId != null)
            .Join(db.CheckIns, a => a.CheckInId, c => c.Id, (a, c) => new { a.QuestionKey, a.Text, c.KeyResultId }).ToListAsync());
        var onFoundations = await Factory.WithDbAsync(db => db.LeadershipFoundations.AsNoTracking().Select(f => f.Answers.Select(a => a.QuestionKey).ToList()).ToListAsync());

        onCheckIns.Count.ShouldBeGreaterThanOrEqualTo(10);
        onCheckIns.ShouldAllBe(a => ReflectionQuestions.IsAsked(a.QuestionKey, ReflectionScope.CheckIn) && a.Text.Length > 40);
        onCheckIns.Select(a => a.KeyResultId).Distinct().Count().ShouldBeGreaterThanOrEqualTo(5);
        onFoundations.ShouldAllBe(f => f.Count > 0 && f.All(k => ReflectionQuestions.IsAsked(k, ReflectionScope.Foundation)));
    }

    private static string DepartmentOf(string path) => path.Split(OrgUnit.PathSeparator, StringSplitOptions.RemoveEmptyEntries)[1];
}
