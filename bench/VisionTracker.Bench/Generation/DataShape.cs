namespace VisionTracker.Bench.Generation;

/// <summary>
/// How big the generated organisation is. Scale 1 ("aarhus") is the municipality: 6 departments × 8 divisions × 7 units
/// (391 units with the root), ~2,000 leaders, ~2,700 goals in each of three periods (~8,000), ~30,000 key results,
/// ~60,000 actions and ~1,000,000 check-ins. Smaller scales thin the divisions, units and goals per unit (scale 0.01,
/// "tiny": one division with one unit per department and a goal or two per unit).
/// </summary>
public sealed record DataShape(int Departments, int DivisionsPerDepartment, int UnitsPerDivision, double GoalsPerUnit)
{
    /// <summary>Goals owned by each department and division, and (on average) by each unit, per period, at scale 1.</summary>
    public const double DepartmentGoals = 10;
    public const double DivisionGoals = 10;
    public const double UnitGoals = 6.5;

    /// <summary>Key results check in every 4–8 days, actions every 10–14 days once started: ~1,000,000 check-ins at scale 1.</summary>
    public const int KeyResultCheckInDays = 4;
    public const int ActionCheckInDays = 10;
    public const int CheckInJitterDays = 4;

    /// <summary>The organisation's time zone (the service's default Figures:TimeZone): where periods begin and end.</summary>
    public static readonly TimeZoneInfo TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    public static DataShape For(double scale)
    {
        var spread = Math.Sqrt(scale);
        return new DataShape(
            Departments: 6,
            DivisionsPerDepartment: Math.Max(1, (int)Math.Round(8 * spread)),
            UnitsPerDivision: Math.Max(1, (int)Math.Round(7 * spread)),
            GoalsPerUnit: Math.Min(1, scale * 10));
    }
}
