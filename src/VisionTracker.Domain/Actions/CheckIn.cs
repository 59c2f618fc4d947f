using VisionTracker.Domain.Common;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Reflections;

namespace VisionTracker.Domain.Actions;

/// <summary>Append-only: a correction is a new check-in.</summary>
public sealed class CheckIn : Entity, IPeriodScoped
{
    public Guid? KeyResultId { get; set; }
    public Guid? ActionId { get; set; }
    public Guid PeriodId { get; set; }

    /// <summary>
    /// The unit whose subtree the check-in belongs to: its key result's goal's unit or its action's unit (neither ever
    /// changes), so reports scope check-ins without a walk through key result and goal.
    /// </summary>
    public Guid OrgUnitId { get; set; }
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    public DateTime At { get; set; }

    /// <summary>The day of <see cref="At"/> in the organisation's time zone, so that a month in reports is the municipality's.</summary>
    public DateOnly LocalDate { get; set; }

    /// <summary>For a key result: the new current value (for milestones, the number done).</summary>
    public double? Value { get; set; }

    /// <summary>For an action: its state and reported progress after the check-in.</summary>
    public ActionState? ActionState { get; set; }

    public double? ActionProgress { get; set; }
    public double Confidence { get; set; }
    public string Note { get; set; } = "";
    public string? IdempotencyKey { get; set; }

    /// <summary>The answers to the programme's reflection questions asked at a check-in (none required).</summary>
    public List<ReflectionAnswer> Answers { get; init; } = [];

    /// <summary>Sets the check-in's time and its day in the organisation's time zone <paramref name="zone"/>.</summary>
    public void Stamp(DateTime at, TimeZoneInfo zone)
    {
        At = at;
        LocalDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(at, zone));
    }

    /// <summary>
    /// The time a new check-in gets: now, or, when the subject's newest check-in is not older (clocks of two servers a
    /// little apart, or a fixed test clock), just after it. So a subject's check-ins are ordered by time the way they
    /// were recorded, and its newest by time is the one recorded last. In whole microseconds, the finest time PostgreSQL keeps.
    /// </summary>
    public static DateTime NextTime(DateTime? newest, DateTime now)
    {
        var at = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMicrosecond), now.Kind);
        return newest is { } last && last >= at ? last.AddTicks(TimeSpan.TicksPerMicrosecond) : at;
    }
}
