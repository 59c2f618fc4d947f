using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Planning;
using VisionTracker.Infrastructure.Persistence;

namespace VisionTracker.Infrastructure.Seeding;

/// <summary>
/// Draws weekly check-in histories that end at the figures the demo data asks for, and leaves the checked-in
/// entity matching its latest check-in. A fixed seed keeps every run the same.
/// </summary>
internal sealed class DemoCheckIns(VisionTrackerDbContext db, IReadOnlyList<string> notes, DateTime now, TimeZoneInfo zone)
{
    private const int ActionCheckIns = 3;

    private readonly Random random = new(2026);

    /// <summary>Histories end now, or just before the end of a period that is already over.</summary>
    public DateTime Anchor(Period period) => now < period.EndsAt(zone) ? now : period.EndsAt(zone).AddDays(-1);

    public void ForKeyResult(KeyResult keyResult, Guid unitId, KeyResultSpec spec, Period period)
    {
        var times = Weekly(period, spec.Weeks, spec.StaleWeeks);
        var expected = Rollup.ExpectedProgress(Anchor(period), period.StartsAt(zone), period.EndsAt(zone));
        var shares = Rising(times.Count, spec.Done ? 1 : Math.Min(1, spec.Pace * expected));
        for (var i = 0; i < times.Count; i++)
        {
            var latest = i == times.Count - 1;
            var value = ValueAt(keyResult, shares[i]);
            var confidence = latest ? spec.Confidence : Near(spec.Confidence);
            Add(new CheckIn { KeyResultId = keyResult.Id, OrgUnitId = unitId, PersonId = keyResult.OwnerId, Value = value }, period, times[i], confidence, latest ? spec.Note : null);
            if (latest)
            {
                keyResult.CurrentValue = value;
                keyResult.Confidence = confidence;
                keyResult.LastCheckInAt = times[i];
            }
        }

        if (keyResult.MetricKind == MetricKind.Milestone)
        {
            foreach (var milestone in keyResult.Milestones.Take((int)keyResult.CurrentValue))
            {
                milestone.Done = true;
            }
        }
    }

    public void ForAction(LeaderAction action, ActionSpec spec, Period period)
    {
        List<DateTime> times = action.State == ActionState.Planned ? [] : Weekly(period, ActionCheckIns, 0);
        var progress = Rising(times.Count, action.State == ActionState.Done ? 1 : spec.Progress);
        for (var i = 0; i < times.Count; i++)
        {
            var latest = i == times.Count - 1;
            var checkIn = new CheckIn
            {
                ActionId = action.Id,
                OrgUnitId = action.OrgUnitId,
                PersonId = action.OwnerId,
                ActionState = latest ? action.State : ActionState.InProgress,
                ActionProgress = Math.Round(progress[i], 2),
            };
            Add(checkIn, period, times[i], latest ? spec.Confidence : Near(spec.Confidence), latest ? spec.Note : null);
            if (latest)
            {
                action.ReportedProgress = checkIn.ActionProgress.Value;
                action.Confidence = spec.Confidence;
                action.LastCheckInAt = times[i];
            }
        }
    }

    private void Add(CheckIn checkIn, Period period, DateTime at, double confidence, string? note)
    {
        checkIn.PeriodId = period.Id;
        checkIn.Stamp(at, zone);
        checkIn.Confidence = confidence;
        checkIn.Note = note ?? notes[random.Next(notes.Count)];
        db.CheckIns.Add(checkIn);
    }

    /// <summary>Oldest first; a check-in that would fall before the period starts is left out.</summary>
    private List<DateTime> Weekly(Period period, int count, int skipWeeks)
    {
        var anchor = Anchor(period);
        var times = new List<DateTime>();
        for (var week = skipWeeks + count - 1; week >= skipWeeks; week--)
        {
            var at = anchor.AddDays(-7 * week).AddMinutes(-random.Next(0, 6 * 60));
            if (at >= period.StartsAt(zone))
            {
                times.Add(at);
            }
        }

        return times;
    }

    /// <summary>Uneven steps that add up to exactly <paramref name="reach"/>.</summary>
    private double[] Rising(int count, double reach)
    {
        var steps = Enumerable.Range(0, count).Select(_ => 0.5 + random.NextDouble()).ToArray();
        var total = steps.Sum();
        var shares = new double[count];
        var sum = 0d;
        for (var i = 0; i < count; i++)
        {
            sum += steps[i];
            shares[i] = i == count - 1 ? reach : sum / total * reach;
        }

        return shares;
    }

    private double Near(double confidence) =>
        Math.Clamp(Math.Round((confidence + ((random.NextDouble() - 0.5) * 0.2)) * 20) / 20, 0.05, 1);

    /// <summary>Rounded the way a person would report it: whole milestones, tenths of a percent, round sums.</summary>
    private static double ValueAt(KeyResult keyResult, double share)
    {
        var raw = keyResult.StartValue + (share * (keyResult.TargetValue - keyResult.StartValue));
        var span = Math.Abs(keyResult.TargetValue - keyResult.StartValue);
        return keyResult.MetricKind switch
        {
            MetricKind.YesNo => Math.Floor(raw + 1e-9),
            MetricKind.Milestone => Math.Round(raw),
            MetricKind.Percentage => Math.Round(raw, 1),
            _ when span >= 100_000 => Math.Round(raw / 1000) * 1000,
            _ when span >= 1000 => Math.Round(raw / 10) * 10,
            _ => Math.Round(raw),
        };
    }
}
