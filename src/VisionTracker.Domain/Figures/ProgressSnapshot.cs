namespace VisionTracker.Domain.Figures;

public enum FigureSubject
{
    Goal,
    KeyResult,
    Action,
    Theme,
    OrgUnit,
}

/// <summary>
/// One entity's figures in one period on one (Copenhagen) day: the history behind trend charts and "as of" queries.
/// Unique per subject, period and date; a re-run of the day replaces the row. The counts name the inputs the figures
/// came from, so a reported number can be traced back.
/// </summary>
public sealed class ProgressSnapshot
{
    public long Id { get; init; }
    public FigureSubject SubjectKind { get; set; }
    public Guid SubjectId { get; set; }
    public Guid PeriodId { get; set; }
    public DateOnly Date { get; set; }

    /// <summary>The unit the subject belongs to (a goal's, KR's or action's owner unit; an org unit itself); null for themes.</summary>
    public Guid? OrgUnitId { get; set; }

    /// <summary>The subject's figures; the counts are those of themes and org units (0 for goals, key results and actions).</summary>
    public FigureValues Figures { get; set; }

    /// <summary>
    /// Inputs of the figure: a KR's or action's check-ins up to the date; a goal's key results plus counted child goals;
    /// a theme's or unit's counted goals.
    /// </summary>
    public int InputCount { get; set; }

    /// <summary>Key results without a check-in within the stale limit at the time the snapshot was taken.</summary>
    public int StaleKeyResultCount { get; set; }

    /// <summary>True for the snapshot written when the period closed.</summary>
    public bool IsFinal { get; set; }

    public DateTime TakenAt { get; set; }
}
