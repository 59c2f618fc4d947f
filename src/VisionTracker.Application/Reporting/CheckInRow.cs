namespace VisionTracker.Application.Reporting;

/// <summary>A check-in's figures; the reflection note stays out of the feed.</summary>
public sealed class CheckInRow
{
    public Guid Id { get; init; }
    public Guid? KeyResultId { get; init; }
    public Guid? ActionId { get; init; }
    public Guid PeriodId { get; init; }
    public Guid? PersonId { get; init; }
    public DateTime At { get; init; }

    /// <summary>The day of <see cref="At"/> in the organisation's time zone (Figures:TimeZone, Europe/Copenhagen).</summary>
    public DateOnly LocalDate { get; init; }
    public double? Value { get; init; }
    public string? ActionState { get; init; }
    public double? ActionProgress { get; init; }
    public double Confidence { get; init; }

    /// <summary>The department the row's unit lies in (null for the municipality itself, above every department).</summary>
    public Guid? DepartmentId { get; init; }

    public string? DepartmentName { get; init; }

    /// <summary>The level of the row's unit in the tree: 1 the municipality, 2 a department, 3 a division, 4 a unit.</summary>
    public int UnitLevel { get; init; }

    public KeyResultRow? KeyResult { get; init; }
    public ActionRow? Action { get; init; }
    public OrgUnitRow? Department { get; init; }
    public PersonRow? Person { get; init; }
}
