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

    public void Activate() => Transition(PeriodState.Planning, PeriodState.Active);

    public void Close() => Transition(PeriodState.Active, PeriodState.Closed);

    public void EnsureWritable()
    {
        if (State == PeriodState.Closed)
        {
            throw new DomainRuleException($"Period '{Name}' is closed; its goals, key results, actions and check-ins are read-only.");
        }
    }

    public void EnsureActiveForCheckIns()
    {
        if (State != PeriodState.Active)
        {
            throw new DomainRuleException($"Check-ins are only accepted while the period is Active; '{Name}' is {State}.");
        }
    }

    /// <summary>The period runs from the start of <see cref="Start"/> to the end of <see cref="End"/>, in UTC.</summary>
    public DateTime StartsAtUtc => Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public DateTime EndsAtUtc => End.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    private void Transition(PeriodState from, PeriodState to)
    {
        if (State != from)
        {
            throw new DomainRuleException($"A period can move to {to} only from {from}; '{Name}' is {State}.");
        }

        State = to;
    }
}
