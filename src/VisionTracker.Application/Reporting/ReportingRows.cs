namespace VisionTracker.Application.Reporting;

// The read model of the OData feed (docs/odata.md). These are not the domain entities: they carry only what council
// staff may see (no e-mail addresses, tokens or reflection notes), enums travel as their names, and navigation
// properties exist for $expand. Every property has an init accessor so OData can compose $filter/$orderby/$apply
// over them and EF Core translates the whole query to SQL. A reference that may point outside the caller's scope
// (an owner, a goal of a parent unit) is nullable here although the database always fills it: the navigation is then
// empty for that caller instead of hiding the row that points there.

public sealed class Vision
{
    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public string Narrative { get; init; } = "";
    public DateOnly ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }
    public bool IsActive { get; init; }
    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public List<Theme> Themes { get; init; } = [];
}

public sealed class Theme
{
    public Guid Id { get; init; }
    public Guid VisionId { get; init; }
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public int SortOrder { get; init; }
    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public Vision? Vision { get; init; }

    /// <summary>Goals aligned to the theme by an alignment not rejected in review (the goals its figures count).</summary>
    public List<Goal> Goals { get; init; } = [];
}

public sealed class OrgUnit
{
    public Guid Id { get; init; }
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public Guid? ParentId { get; init; }
    public int? CheckInCadenceDays { get; init; }
    public int Version { get; init; }
    public OrgUnit? Parent { get; init; }
    public List<OrgUnit> Children { get; init; } = [];

    /// <summary>Goals the unit owns (not its subtree's; UnitProgress rolls those up).</summary>
    public List<Goal> Goals { get; init; } = [];
}

/// <summary>A person's name, title and home unit; never e-mail, language or tokens.</summary>
public sealed class Person
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string? JobTitle { get; init; }
    public Guid HomeUnitId { get; init; }
    public bool IsActive { get; init; }
    public OrgUnit? HomeUnit { get; init; }
}

public sealed class Period
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public DateOnly Start { get; init; }
    public DateOnly End { get; init; }
    public string State { get; init; } = "";
    public int Version { get; init; }
}

public sealed class Goal
{
    public Guid Id { get; init; }
    public Guid PeriodId { get; init; }
    public Guid OwnerUnitId { get; init; }
    public Guid? OwnerId { get; init; }
    public Guid? ParentGoalId { get; init; }
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public string CitizenValue { get; init; } = "";
    public string CoCreationLevel { get; init; } = "";
    public bool GreenTransition { get; init; }
    public string State { get; init; } = "";
    public bool IsArchived { get; init; }
    public double? Progress { get; init; }
    public double? Confidence { get; init; }
    public bool CrossesBoundary { get; init; }
    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public Period? Period { get; init; }
    public OrgUnit? OwnerUnit { get; init; }
    public Person? Owner { get; init; }
    public Goal? ParentGoal { get; init; }
    public List<KeyResult> KeyResults { get; init; } = [];
    public List<Action> Actions { get; init; } = [];
    public List<Theme> Themes { get; init; } = [];
    public List<Collaboration> Collaborations { get; init; } = [];
}

public sealed class KeyResult
{
    public Guid Id { get; init; }
    public Guid GoalId { get; init; }
    public Guid PeriodId { get; init; }
    public Guid? OwnerId { get; init; }
    public string Title { get; init; } = "";
    public string MetricKind { get; init; } = "";
    public double StartValue { get; init; }
    public double TargetValue { get; init; }
    public double CurrentValue { get; init; }
    public string? Unit { get; init; }
    public string Direction { get; init; } = "";
    public double Weight { get; init; }
    public double Progress { get; init; }
    public double? Confidence { get; init; }
    public DateTime? LastCheckInAt { get; init; }
    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public Goal? Goal { get; init; }
    public Person? Owner { get; init; }
    public List<Action> Actions { get; init; } = [];
    public List<CheckIn> CheckIns { get; init; } = [];
}

public sealed class Action
{
    public Guid Id { get; init; }
    public Guid? GoalId { get; init; }
    public Guid? KeyResultId { get; init; }
    public Guid PeriodId { get; init; }
    public Guid OrgUnitId { get; init; }
    public Guid? OwnerId { get; init; }
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public DateOnly? DueDate { get; init; }
    public string State { get; init; } = "";
    public string? CitizenValue { get; init; }
    public string CoCreationLevel { get; init; } = "";
    public bool GreenTransition { get; init; }
    public double ReportedProgress { get; init; }
    public double? Progress { get; init; }
    public double? Confidence { get; init; }
    public DateTime? LastCheckInAt { get; init; }
    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public Goal? Goal { get; init; }
    public KeyResult? KeyResult { get; init; }
    public OrgUnit? OrgUnit { get; init; }
    public Person? Owner { get; init; }
    public List<CheckIn> CheckIns { get; init; } = [];
}

/// <summary>A check-in's figures; the reflection note stays out of the feed.</summary>
public sealed class CheckIn
{
    public Guid Id { get; init; }
    public Guid? KeyResultId { get; init; }
    public Guid? ActionId { get; init; }
    public Guid PeriodId { get; init; }
    public Guid? PersonId { get; init; }
    public DateTime At { get; init; }
    public double? Value { get; init; }
    public string? ActionState { get; init; }
    public double? ActionProgress { get; init; }
    public double Confidence { get; init; }
    public KeyResult? KeyResult { get; init; }
    public Action? Action { get; init; }
    public Person? Person { get; init; }
}

public sealed class Collaboration
{
    public Guid Id { get; init; }
    public Guid? GoalId { get; init; }
    public Guid? ActionId { get; init; }
    public string Kind { get; init; } = "";
    public Guid? PartnerUnitId { get; init; }
    public Guid? PartnerGoalId { get; init; }
    public string? PartnerName { get; init; }
    public string Description { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public Goal? Goal { get; init; }
    public Action? Action { get; init; }
    public OrgUnit? PartnerUnit { get; init; }
}

/// <summary>One subject's figures on one day, written by the nightly job (final at a period's close).</summary>
public sealed class ProgressSnapshot
{
    public long Id { get; init; }
    public string SubjectKind { get; init; } = "";
    public Guid SubjectId { get; init; }
    public Guid PeriodId { get; init; }
    public DateOnly Date { get; init; }
    public Guid? OrgUnitId { get; init; }
    public double? Progress { get; init; }
    public double? Confidence { get; init; }
    public int InputCount { get; init; }
    public int GoalCount { get; init; }
    public int KeyResultCount { get; init; }
    public int ActionCount { get; init; }
    public int AlignedGoalCount { get; init; }
    public int KeyResultsWithActionCount { get; init; }
    public int OrphanGoalCount { get; init; }
    public int CollaboratingGoalCount { get; init; }
    public int StaleKeyResultCount { get; init; }
    public bool IsFinal { get; init; }
    public DateTime TakenAt { get; init; }
    public Period? Period { get; init; }
    public OrgUnit? OrgUnit { get; init; }
}

/// <summary>The stored figure of a theme or org unit in a period (kept current by every command); not a feed set.</summary>
public sealed class AreaFigure
{
    public long Id { get; init; }
    public string SubjectKind { get; init; } = "";
    public Guid SubjectId { get; init; }
    public Guid PeriodId { get; init; }
    public double? Progress { get; init; }
    public double? Confidence { get; init; }
    public int GoalCount { get; init; }
    public int KeyResultCount { get; init; }
    public int ActionCount { get; init; }
    public int AlignedGoalCount { get; init; }
    public int KeyResultsWithActionCount { get; init; }
    public int OrphanGoalCount { get; init; }
    public int CollaboratingGoalCount { get; init; }
    public DateTime UpdatedAt { get; init; }
}

/// <summary>A theme's figures in a period: now (ThemeProgress) or on a past day (ThemeProgressAsOf).</summary>
public sealed class ThemeProgress : AreaProgress
{
    public Guid ThemeId { get; init; }
    public string ThemeTitle { get; init; } = "";
}

/// <summary>An org unit's figures (its whole subtree) in a period: now (UnitProgress) or on a past day (UnitProgressAsOf).</summary>
public sealed class UnitProgress : AreaProgress
{
    public Guid UnitId { get; init; }
    public string UnitCode { get; init; } = "";
    public string UnitName { get; init; } = "";
    public string UnitKind { get; init; } = "";
    public Guid? ParentUnitId { get; init; }
}

/// <summary>The flat figures Power BI cannot aggregate itself; one row per area and period.</summary>
public abstract class AreaProgress
{
    /// <summary>The stored figure's id, or the snapshot's id in an AsOf answer.</summary>
    public long Id { get; init; }
    public Guid PeriodId { get; init; }
    public string PeriodName { get; init; } = "";
    public double? Progress { get; init; }
    public double? Confidence { get; init; }
    public int GoalCount { get; init; }
    public int KeyResultCount { get; init; }
    public int ActionCount { get; init; }
    public int AlignedGoalCount { get; init; }
    public double? AlignedShare { get; init; }
    public int KeyResultsWithActionCount { get; init; }
    public int OrphanGoalCount { get; init; }
    public int CollaboratingGoalCount { get; init; }
    public double? CollaboratingShare { get; init; }

    /// <summary>Stale key results as counted by the snapshot of <see cref="SnapshotDate"/> (null before the first one).</summary>
    public int? StaleKeyResultCount { get; init; }

    /// <summary>The snapshot the row (AsOf) or its stale count (now) comes from.</summary>
    public DateOnly? SnapshotDate { get; init; }

    /// <summary>True when the snapshot is the final one written at the period's close.</summary>
    public bool IsFinal { get; init; }
}

/// <summary>Something a department head should look at: an orphan goal, a key result without an action, a stale key result.</summary>
public sealed class AlignmentGap
{
    /// <summary>OrphanGoal, KeyResultWithoutAction or StaleKeyResult.</summary>
    public string Kind { get; init; } = "";
    public Guid SubjectId { get; init; }
    public string Title { get; init; } = "";
    public Guid GoalId { get; init; }
    public string GoalTitle { get; init; } = "";
    public Guid OrgUnitId { get; init; }
    public string OrgUnitName { get; init; } = "";
    public Guid PeriodId { get; init; }
    public Guid? OwnerId { get; init; }

    /// <summary>The owner's name, or null when the owner's home unit lies outside the caller's scope.</summary>
    public string? OwnerName { get; init; }
    public DateTime? LastCheckInAt { get; init; }
}
