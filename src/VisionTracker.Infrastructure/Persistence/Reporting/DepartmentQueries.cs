using System.Globalization;

namespace VisionTracker.Infrastructure.Persistence.Reporting;

/// <summary>
/// The read model's rows with their department and unit level, as SQL both databases run (ANSI <c>substr</c> and
/// <c>length</c>). A unit's path is "/root/department/…/self/" in 32-character ids, so its department is the unit whose
/// path is the first two segments of its own (one index lookup on the unique <c>Path</c> index) and its level is the
/// number of segments: 1 the municipality, 2 a department, 3 a division, 4 a unit. The municipality itself has no
/// department (null), rather than being counted as one of them.
/// </summary>
internal static class DepartmentQueries
{
    /// <summary>One path segment: a 32-character id and its separator.</summary>
    private static readonly int Segment = Guid.Empty.ToString("N").Length + 1;

    private static readonly int DepartmentPathLength = 1 + (2 * Segment);

    public static string OrgUnits => $"""
        SELECT u.*, {Columns("Level")} FROM "OrgUnits" AS u {DepartmentJoin}
        """;

    public static string Goals => $"""
        SELECT g.*, {Columns("UnitLevel")} FROM "Goals" AS g INNER JOIN "OrgUnits" AS u ON u."Id" = g."OwnerUnitId" {DepartmentJoin}
        """;

    public static string KeyResults => $"""
        SELECT k.*, {Columns("UnitLevel")} FROM "KeyResults" AS k INNER JOIN "Goals" AS g ON g."Id" = k."GoalId"
        INNER JOIN "OrgUnits" AS u ON u."Id" = g."OwnerUnitId" {DepartmentJoin}
        """;

    public static string Actions => $"""
        SELECT a.*, {Columns("UnitLevel")} FROM "Actions" AS a INNER JOIN "OrgUnits" AS u ON u."Id" = a."OrgUnitId" {DepartmentJoin}
        """;

    public static string CheckIns => $"""
        SELECT c.*, {Columns("UnitLevel")} FROM "CheckIns" AS c INNER JOIN "OrgUnits" AS u ON u."Id" = c."OrgUnitId" {DepartmentJoin}
        """;

    private static string DepartmentJoin => string.Create(
        CultureInfo.InvariantCulture,
        $"""LEFT JOIN "OrgUnits" AS d ON length(u."Path") >= {DepartmentPathLength} AND d."Path" = substr(u."Path", 1, {DepartmentPathLength})""");

    private static string Columns(string level) => string.Create(
        CultureInfo.InvariantCulture,
        $"""d."Id" AS "DepartmentId", d."Name" AS "DepartmentName", (length(u."Path") - 1) / {Segment} AS "{level}" """);
}
