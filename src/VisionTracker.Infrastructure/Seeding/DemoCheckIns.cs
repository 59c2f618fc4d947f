using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Planning;
using VisionTracker.Domain.Reflections;
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
        var times = Weekly(period, spec.Weeks, spec.StaleWeeks, fromStart: true);
        var expected = Rollup.ExpectedProgress(Anchor(period), period.StartsAt(zone), period.EndsAt(zone));
        var shares = Rising(times.Count, spec.Done ? 1 : Math.Min(1, spec.Pace * expected));
        for (var i = 0; i < times.Count; i++)
        {
            var latest = i == times.Count - 1;
            var value = ValueAt(keyResult, shares[i]);
            var confidence = Consistent(latest ? spec.Confidence : Near(spec.Confidence), spec);
            var note = latest && spec.Note is not null ? spec.Note : Reflection(keyResult, value);
            var checkIn = new CheckIn { KeyResultId = keyResult.Id, OrgUnitId = unitId, PersonId = keyResult.OwnerId, Value = value };
            Add(checkIn, period, times[i], confidence, note);
            if (latest)
            {
                checkIn.Answers.AddRange(DemoAnswers.For(spec.Answers, ReflectionScope.CheckIn, $"key result '{spec.Key}'"));
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
        List<DateTime> times = action.State == ActionState.Planned ? [] : Weekly(period, ActionCheckIns, 0, fromStart: false);
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
            var confidence = latest ? Consistent(spec.Confidence, action.State) : Near(spec.Confidence);
            Add(checkIn, period, times[i], confidence, latest ? spec.Note : null);
            if (latest)
            {
                action.ReportedProgress = checkIn.ActionProgress.Value;
                action.Confidence = confidence;
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

    /// <summary>
    /// Oldest first, weekly: from the period's first week for a key result (so its history begins with the period), the
    /// last <paramref name="count"/> weeks otherwise, on a weekday in working hours in the organisation's time zone; the newest
    /// <paramref name="skipWeeks"/> weeks are left without, so staleness shows.
    /// </summary>
    private List<DateTime> Weekly(Period period, int count, int skipWeeks, bool fromStart)
    {
        if (count == 0)
        {
            return [];
        }

        var anchor = Anchor(period);
        var weeks = fromStart ? Math.Max(count, (int)((anchor - period.StartsAt(zone)).TotalDays / 7) + 1) : count;
        var times = new List<DateTime>();
        for (var week = weeks - 1; week >= skipWeeks; week--)
        {
            var at = WorkingHours(anchor.AddDays(-7 * week));
            if (at >= period.StartsAt(zone) && (times.Count == 0 || at > times[^1]))
            {
                times.Add(at);
            }
        }

        return times;
    }

    /// <summary>A time between 08:00 and 16:00 on a weekday, that day or the last weekday before it, not after now.</summary>
    private DateTime WorkingHours(DateTime around)
    {
        var day = TimeZoneInfo.ConvertTimeFromUtc(around, zone).Date;
        var minutes = (8 * 60) + random.Next(0, 8 * 60);
        while (true)
        {
            var at = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.AddMinutes(minutes), DateTimeKind.Unspecified), zone);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && at <= now)
            {
                return at;
            }

            day = day.AddDays(-1);
        }
    }

    /// <summary>A reflection on the key result it was written for: where it stands, and one of the demo's lessons.</summary>
    private string Reflection(KeyResult keyResult, double value) =>
        $"{keyResult.Title}: {value.ToString("0.#", System.Globalization.CultureInfo.GetCultureInfo("da-DK"))}{(keyResult.Unit is { } unit ? $" {unit}" : "")} "
        + $"af {keyResult.TargetValue.ToString("0.#", System.Globalization.CultureInfo.GetCultureInfo("da-DK"))}. {notes[random.Next(notes.Count)]}";

    /// <summary>A key result that reached its target is met with confidence; one far behind plan is not.</summary>
    private static double Consistent(double confidence, KeyResultSpec spec) =>
        spec.Done ? Math.Max(confidence, 0.9) : spec.Pace < 0.6 ? Math.Min(confidence, 0.45) : confidence;

    /// <summary>A done action is certain; a blocked one is not going well.</summary>
    private static double Consistent(double confidence, ActionState state) => state switch
    {
        ActionState.Done => 1,
        ActionState.Blocked => Math.Min(confidence, 0.3),
        _ => confidence,
    };

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
