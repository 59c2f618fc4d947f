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
    public double? Value { get; init; }
    public string? ActionState { get; init; }
    public double? ActionProgress { get; init; }
    public double Confidence { get; init; }
    public KeyResultRow? KeyResult { get; init; }
    public ActionRow? Action { get; init; }
    public PersonRow? Person { get; init; }
}
