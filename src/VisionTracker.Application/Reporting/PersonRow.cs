namespace VisionTracker.Application.Reporting;

/// <summary>A person's name, title and home unit; never e-mail, language or tokens.</summary>
public sealed class PersonRow
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string? JobTitle { get; init; }
    public Guid HomeUnitId { get; init; }
    public bool IsActive { get; init; }
    public OrgUnitRow? HomeUnit { get; init; }
}
