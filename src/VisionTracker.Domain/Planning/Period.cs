using VisionTracker.Domain.Common;

namespace VisionTracker.Domain.Planning;

public enum PeriodState
{
    Planning,
    Active,
    Closed,
}

public sealed class Period : VersionedEntity
{
    public required string Name { get; set; }
    public DateOnly Start { get; set; }
    public DateOnly End { get; set; }
    public PeriodState State { get; private set; } = PeriodState.Planning;

    /// <summary>
    /// For a closed period, what its last full figure recompute found outside the period (the org-unit tree, the themes,
    /// the build of the rules): the nightly run skips a closed period whose stamp is unchanged. Null until that first run.
    /// </summary>
    public string? FiguresStamp { get; set; }

    public void Activate() => Transition(PeriodState.Planning, PeriodState.Active);

    public void Close() => Transition(PeriodState.Active, PeriodState.Closed);

    public void EnsureWritable()
    {
        if (State == PeriodState.Closed)
        {
            throw new DomainRuleException(nameof(ErrorTexts.PeriodClosed), Name);
        }
    }

    public void EnsureActiveForCheckIns()
    {
        if (State != PeriodState.Active)
        {
            throw new DomainRuleException(nameof(ErrorTexts.CheckInPeriodNotActive), Name, State);
        }
    }

    /// <summary>The instant (UTC) the period starts: 00:00 on <see cref="Start"/> in the organisation's time zone.</summary>
    public DateTime StartsAt(TimeZoneInfo zone) => StartOfDay(Start, zone);

    /// <summary>The instant (UTC) the period ends: 24:00 on <see cref="End"/> in the organisation's time zone.</summary>
    public DateTime EndsAt(TimeZoneInfo zone) => StartOfDay(End.AddDays(1), zone);

    /// <summary>The first instant of a local date, in UTC (where a zone skips midnight, the first local time that exists).</summary>
    public static DateTime StartOfDay(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    private void Transition(PeriodState from, PeriodState to)
    {
        if (State != from)
        {
            throw new DomainRuleException(nameof(ErrorTexts.PeriodStateTransition), to, from, Name, State);
        }

        State = to;
    }
}
