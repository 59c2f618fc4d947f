using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Bench.Generation;

/// <summary>
/// The check-ins of the time each period has run (key results every 4–8 days, actions every 10–14 days once started,
/// at office hours), and what they leave behind: each key result's current value, done milestones, confidence and
/// last check-in, each action's reported progress. Then the stored figures of key results, actions and goals, with
/// the domain's <see cref="Rollup"/> rules; the service's own nightly run computes the theme and unit figures on top
/// and must find nothing else to repair.
/// </summary>
public sealed class CheckInHistory(Plans plans, IReadOnlyDictionary<Guid, Period> periods, Random random, DateTime now)
{
    private static readonly string[] Notes =
    [
        "Vi er godt på vej, men skal holde fokus i næste måned.", "Forsinket pga. sygdom i teamet.",
        "God dialog med borgerne på mødet i sidste uge; vi tager deres forslag med.", "Tallene er bedre end forventet.",
        "Afventer data fra fagsystemet.", "Samarbejdspartneren har bekræftet næste skridt.",
        "Vi justerer tilgangen efter evalueringen.", "Ingen ændring siden sidst.",
    ];

    public List<CheckIn> CheckIns { get; } = [];

    public void Write()
    {
        var goals = plans.Goals.ToDictionary(g => g.Id);
        foreach (var keyResult in plans.KeyResults)
        {
            var goal = goals[keyResult.GoalId];
            if (goal.State != GoalState.Draft)
            {
                CheckInKeyResult(keyResult, goal.OwnerUnitId, periods[keyResult.PeriodId]);
            }

            keyResult.Progress = keyResult.ComputeProgress();
        }

        foreach (var action in plans.Actions)
        {
            if (action.State != ActionState.Planned)
            {
                CheckInAction(action, periods[action.PeriodId]);
            }

            action.Progress = Rollup.ActionProgress(action.State, action.ReportedProgress);
        }

        RollUpGoals();
    }

    private void CheckInKeyResult(KeyResult keyResult, Guid unitId, Period period)
    {
        var times = Times(period, DataShape.KeyResultCheckInDays);
        var reach = period.State == PeriodState.Closed ? 0.4 + (random.NextDouble() * 0.7) : 0.1 + (random.NextDouble() * 0.9);
        var done = 0;
        for (var i = 0; i < times.Count; i++)
        {
            var share = Math.Min(1, reach * (i + 1) / times.Count);
            var value = keyResult.MetricKind switch
            {
                MetricKind.YesNo => share >= 1 ? 1 : 0,
                MetricKind.Milestone => done = (int)Math.Round(share * keyResult.Milestones.Count),
                _ => Math.Round(keyResult.StartValue + (share * (keyResult.TargetValue - keyResult.StartValue)), 1),
            };
            var confidence = random.Next(20) == 0 ? 0.2 : Math.Round((0.3 + (random.NextDouble() * 0.7)) * 20) / 20;
            Add(new CheckIn { KeyResultId = keyResult.Id, OrgUnitId = unitId, PersonId = keyResult.OwnerId, Value = value }, period, times[i], confidence);
            keyResult.CurrentValue = value;
            keyResult.Confidence = confidence;
            keyResult.LastCheckInAt = times[i];
        }

        foreach (var milestone in keyResult.Milestones.Take(done))
        {
            milestone.Done = true;
        }
    }

    private void CheckInAction(LeaderAction action, Period period)
    {
        var times = Times(period, DataShape.ActionCheckInDays);
        for (var i = 0; i < times.Count; i++)
        {
            var last = i == times.Count - 1;
            var reportsState = last && action.State is ActionState.Done or ActionState.Blocked;
            var progress = Math.Round(reportsState && action.State == ActionState.Done ? 1 : Math.Min(0.95, (i + 1) / (double)(times.Count + 1)), 2);
            var confidence = Math.Round((0.4 + (random.NextDouble() * 0.6)) * 20) / 20;
            var checkIn = new CheckIn
            {
                ActionId = action.Id,
                OrgUnitId = action.OrgUnitId,
                PersonId = action.OwnerId,
                ActionState = reportsState ? action.State : ActionState.InProgress,
                ActionProgress = progress,
            };
            Add(checkIn, period, times[i], confidence);
            action.ReportedProgress = progress;
            action.Confidence = confidence;
            action.LastCheckInAt = times[i];
        }
    }

    /// <summary>Every <paramref name="days"/> to days + jitter days from around the period's start until its end or now.</summary>
    private List<DateTime> Times(Period period, int days)
    {
        List<DateTime> times = [];
        var end = period.EndsAt(DataShape.TimeZone) < now ? period.EndsAt(DataShape.TimeZone) : now.AddHours(-1);
        for (var day = period.StartsAt(DataShape.TimeZone).AddDays(random.Next(days + DataShape.CheckInJitterDays)); ; day = day.AddDays(days + random.Next(DataShape.CheckInJitterDays + 1)))
        {
            var at = day.Date.AddHours(7 + random.Next(9)).AddMinutes(random.Next(60)).AddSeconds(random.Next(60));
            if (at >= end)
            {
                return times;
            }

            times.Add(at);
        }
    }

    private void Add(CheckIn checkIn, Period period, DateTime at, double confidence)
    {
        checkIn.PeriodId = period.Id;
        checkIn.Stamp(at, DataShape.TimeZone);
        checkIn.Confidence = confidence;
        checkIn.Note = Notes[random.Next(Notes.Length)];
        CheckIns.Add(checkIn);
    }

    /// <summary>Goal progress and confidence bottom-up (unit goals before their parents), and whether a goal collaborates across a boundary.</summary>
    private void RollUpGoals()
    {
        var children = plans.Goals.Where(g => g.ParentGoalId is not null).ToLookup(g => g.ParentGoalId!.Value);
        var liveActions = plans.Actions.Where(a => a.State != ActionState.Cancelled).ToLookup(a => a.GoalId);
        var collaborations = plans.Collaborations.ToLookup(c => c.GoalId ?? c.ActionId!.Value);
        foreach (var goal in Enumerable.Reverse(plans.Goals))
        {
            var kids = children[goal.Id].Where(c => c.CountsInParent).ToList();
            goal.Progress = Rollup.GoalProgress(goal.KeyResults.Select(k => (k.Progress, k.Weight)), kids.Select(c => c.Progress));
            goal.Confidence = goal.KeyResults.Count > 0
                ? Rollup.MinConfidence(goal.KeyResults.Select(k => k.Confidence))
                : Rollup.MinConfidence(kids.Select(c => c.Confidence));
            goal.CrossesBoundary = collaborations[goal.Id].Any(c => c.CrossesBoundary(goal.OwnerUnitId))
                || liveActions[goal.Id].Any(a => collaborations[a.Id].Any(c => c.CrossesBoundary(a.OrgUnitId)));
        }
    }
}
