using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VisionTracker.Application.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Planning;

namespace VisionTracker.IntegrationTests.Support;

/// <summary>A department with a leader who owns an Active goal (with one key result, 0 → 200) in an Active period.</summary>
public sealed record GoalScene(OrgUnit Unit, TestPerson Leader, Guid PeriodId, Guid GoalId, Guid KeyResultId);

/// <summary>Goals and key results arranged straight in the database, independent of the goal endpoints.</summary>
public static class GoalArrangements
{
    public static Task<Guid> ArrangePeriodAsync(this VisionTrackerFactory factory, PeriodState state = PeriodState.Active) =>
        factory.WithDbAsync(async db =>
        {
            var period = new Period { Name = $"2027 H1 {Guid.NewGuid():N}"[..24], Start = new DateOnly(2027, 1, 1), End = new DateOnly(2027, 6, 30) };
            if (state != PeriodState.Planning)
            {
                period.Activate();
            }

            if (state == PeriodState.Closed)
            {
                period.Close();
            }

            db.Periods.Add(period);
            await db.SaveChangesAsync();
            return period.Id;
        });

    public static Task ClosePeriodAsync(this VisionTrackerFactory factory, Guid periodId) =>
        factory.WithDbAsync(async db =>
        {
            var period = await db.Periods.SingleAsync(p => p.Id == periodId);
            period.Close();
            return await db.SaveChangesAsync();
        });

    public static Task<Guid> ArrangeGoalAsync(this VisionTrackerFactory factory, Guid periodId, Guid unitId, Guid ownerId, string title = "Flere cyklister i Aarhus") =>
        factory.WithDbAsync(async db =>
        {
            var goal = new Goal { PeriodId = periodId, OwnerUnitId = unitId, OwnerId = ownerId, Title = title, CitizenValue = "Borgerne får en grønnere by" };
            goal.MoveTo(GoalState.Active);
            db.Goals.Add(goal);
            await db.SaveChangesAsync();
            return goal.Id;
        }).RepairingFigures(factory, periodId);

    public static Task<Guid> ArrangeKeyResultAsync(
        this VisionTrackerFactory factory,
        Guid goalId,
        Guid ownerId,
        MetricKind kind = MetricKind.Number,
        double start = 0,
        double target = 200,
        double current = 0,
        double weight = 1,
        string title = "Cykelture",
        params string[] milestones) =>
        factory.WithDbAsync(async db =>
        {
            var goal = await db.Goals.SingleAsync(g => g.Id == goalId);
            var keyResult = new KeyResult
            {
                GoalId = goalId,
                PeriodId = goal.PeriodId,
                OwnerId = ownerId,
                Title = title,
                MetricKind = kind,
                StartValue = start,
                TargetValue = target,
                CurrentValue = current,
                Weight = weight,
            };
            keyResult.Milestones.AddRange(milestones.Select((m, i) => new Milestone { Title = m, SortOrder = i }));
            db.KeyResults.Add(keyResult);
            await db.SaveChangesAsync();
            return (keyResult.Id, goal.PeriodId);
        }).RepairingFigures(factory);

    /// <summary>
    /// Rows arranged straight in the database bypass the commands that keep figures current; the full recomputation (the
    /// nightly repair) gives them the figures a command would have.
    /// </summary>
    public static async Task<int> RecalculateFiguresAsync(this VisionTrackerFactory factory, Guid periodId)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<FigureCalculator>().RecalculatePeriodAsync(periodId, CancellationToken.None);
    }

    private static async Task<Guid> RepairingFigures(this Task<Guid> arranged, VisionTrackerFactory factory, Guid periodId)
    {
        var id = await arranged;
        await factory.RecalculateFiguresAsync(periodId);
        return id;
    }

    private static async Task<Guid> RepairingFigures(this Task<(Guid Id, Guid PeriodId)> arranged, VisionTrackerFactory factory)
    {
        var (id, periodId) = await arranged;
        await factory.RecalculateFiguresAsync(periodId);
        return id;
    }

    public static async Task<GoalScene> ArrangeGoalSceneAsync(this VisionTrackerFactory factory, string unitName = "Teknik og Miljø")
    {
        var unit = await factory.CreateUnitAsync(unitName);
        var leader = await factory.CreatePersonAsync("Lone Leder", unit.Id, Role.Leader);
        var periodId = await factory.ArrangePeriodAsync();
        var goalId = await factory.ArrangeGoalAsync(periodId, unit.Id, leader.Id);
        var keyResultId = await factory.ArrangeKeyResultAsync(goalId, leader.Id);
        return new GoalScene(unit, leader, periodId, goalId, keyResultId);
    }

    /// <summary>Creates an action through the API (the caller owns it unless an owner is named) and returns its body.</summary>
    public static async Task<JsonNode> CreateActionAsync(this HttpClient client, Guid goalId, Guid? keyResultId = null, string title = "Cykelkampagne", Guid? ownerId = null, string? dueDate = null)
    {
        var response = await client.PostJsonAsync("/api/actions", new { goalId, keyResultId, ownerId, title, dueDate, coCreationLevel = "Involve", greenTransition = true });
        return (await response.ShouldHaveStatusAsync(HttpStatusCode.Created))!;
    }

    /// <summary>Creates a goal through the API (a draft, the caller its owner) and returns its id.</summary>
    public static async Task<Guid> CreateGoalAsync(this HttpClient client, Guid periodId, Guid ownerUnitId, string title, string citizenValue)
    {
        var response = await client.PostJsonAsync("/api/goals", new { periodId, ownerUnitId, title, citizenValue, coCreationLevel = "CoCreate", greenTransition = false });
        return (await response.ShouldHaveStatusAsync(HttpStatusCode.Created))!.Id();
    }

    public static Guid Id(this JsonNode node) => node["id"]!.GetValue<Guid>();
}
