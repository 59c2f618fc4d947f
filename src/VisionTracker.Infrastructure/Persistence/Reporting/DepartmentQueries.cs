using System.Globalization;

namespace VisionTracker.Infrastructure.Persistence.Reporting;

/// <summary>
/// The read model's rows with their department and unit level, as SQL both databases run (ANSI <c>substr</c> and
/// <c>length</c>). A unit's path is "/root/department/…/self/" in 32-character ids, so its department is the unit whose
/// path is the first two segments of its own (one index lookup on the unique <c>Path</c> index) and its level is the
/// number of segments: 1 the municipality, 2 a department, 3 a division, 4 a unit. The municipality itself has no
/// department (null), rather than being counted as one of them.
/// </summary>
/// <remarks>
/// On SQLite each row's own table is the only table in the FROM clause and the looked-up columns are correlated
/// subqueries. SQLite can flatten such a query into the statement that uses it, also where EF Core joins it as the
/// right side of a LEFT JOIN (an $expand), so a joined row is found by its index and a column nobody selected is
/// never computed; a query whose FROM is a join it has to build in full first, for every row of the table. PostgreSQL
/// plans joined subqueries either way and keeps the joins.
/// </remarks>
internal static class DepartmentQueries
{
    /// <summary>One path segment: a 32-character id and its separator.</summary>
    private static readonly int Segment = Guid.Empty.ToString("N").Length + 1;

    private static readonly int DepartmentPathLength = 1 + (2 * Segment);

    public static string OrgUnits(bool sqlite) => sqlite
        ? $"""
            SELECT u.*, {Lookups("u.\"Id\"", "Level", ownLevel: true)} FROM "OrgUnits" AS u
            """
        : $"""
            SELECT u.*, {Columns("Level")} FROM "OrgUnits" AS u {DepartmentJoin}
            """;

    public static string Goals(bool sqlite) => sqlite
        ? $"""
            SELECT g.*, {Lookups("g.\"OwnerUnitId\"", "UnitLevel")} FROM "Goals" AS g
            """
        : $"""
            SELECT g.*, {Columns("UnitLevel")} FROM "Goals" AS g INNER JOIN "OrgUnits" AS u ON u."Id" = g."OwnerUnitId" {DepartmentJoin}
            """;

    public static string KeyResults(bool sqlite) => sqlite
        ? $"""
            SELECT k.*, (SELECT g."State" FROM "Goals" AS g WHERE g."Id" = k."GoalId") AS "GoalState",
            (SELECT g."IsArchived" FROM "Goals" AS g WHERE g."Id" = k."GoalId") AS "GoalIsArchived",
            {Lookups("(SELECT g.\"OwnerUnitId\" FROM \"Goals\" AS g WHERE g.\"Id\" = k.\"GoalId\")", "UnitLevel")} FROM "KeyResults" AS k
            """
        : $"""
            SELECT k.*, g."State" AS "GoalState", g."IsArchived" AS "GoalIsArchived", {Columns("UnitLevel")} FROM "KeyResults" AS k INNER JOIN "Goals" AS g ON g."Id" = k."GoalId"
            INNER JOIN "OrgUnits" AS u ON u."Id" = g."OwnerUnitId" {DepartmentJoin}
            """;

    public static string Actions(bool sqlite) => sqlite
        ? $"""
            SELECT a.*, {Lookups("a.\"OrgUnitId\"", "UnitLevel")} FROM "Actions" AS a
            """
        : $"""
            SELECT a.*, {Columns("UnitLevel")} FROM "Actions" AS a INNER JOIN "OrgUnits" AS u ON u."Id" = a."OrgUnitId" {DepartmentJoin}
            """;

    public static string CheckIns(bool sqlite) => sqlite
        ? $"""
            SELECT c.*, {Lookups("c.\"OrgUnitId\"", "UnitLevel")} FROM "CheckIns" AS c
            """
        : $"""
            SELECT c.*, {Columns("UnitLevel")} FROM "CheckIns" AS c INNER JOIN "OrgUnits" AS u ON u."Id" = c."OrgUnitId" {DepartmentJoin}
            """;

    /// <summary>Each goal's free tags, one row per tag: the column is a JSON array on SQLite and a text[] on PostgreSQL.</summary>
    public static string GoalTags(bool sqlite) => $"""
        SELECT g."Id" AS "GoalId", {(sqlite ? "t.value" : "t.\"Tag\"")} AS "Tag", g."PeriodId", g."OwnerUnitId", g."State" AS "GoalState", {Columns("UnitLevel")}
        FROM "Goals" AS g {(sqlite ? "JOIN json_each(g.\"Tags\") AS t" : "CROSS JOIN LATERAL unnest(g.\"Tags\") AS t(\"Tag\")")}
        INNER JOIN "OrgUnits" AS u ON u."Id" = g."OwnerUnitId" {DepartmentJoin}
        """;

    /// <summary>Collaborations from the owner's side.</summary>
    public static string Collaborations => """
        SELECT c.*, 'Outgoing' AS "Direction" FROM "Collaborations" AS c
        """;

    /// <summary>
    /// Collaborations the partner answers, seen from the partner's side (<c>PartnerUnitId</c>: the unit named, or the
    /// unit of the goal named), with the owner's unit and department; those reaching in from inside the partner's own
    /// subtree are not incoming and left out (as in <c>GET /api/collaborations/incoming</c>).
    /// </summary>
    public static string IncomingCollaborations => $"""
        SELECT c."Id", 'Incoming' AS "Direction", c."Kind", c."Description", c."CreatedAt", c."Response", c."RespondedAt",
        p."Id" AS "PartnerUnitId", c."PartnerGoalId", g."PeriodId", g."Id" AS "FromGoalId", c."ActionId" AS "FromActionId",
        u."Id" AS "FromUnitId", u."Name" AS "FromUnitName", d."Id" AS "FromDepartmentId", d."Name" AS "FromDepartmentName"
        FROM "Collaborations" AS c
        LEFT JOIN "Goals" AS pg ON pg."Id" = c."PartnerGoalId"
        LEFT JOIN "Actions" AS a ON a."Id" = c."ActionId"
        INNER JOIN "Goals" AS g ON g."Id" = COALESCE(c."GoalId", a."GoalId")
        INNER JOIN "OrgUnits" AS u ON u."Id" = COALESCE(a."OrgUnitId", g."OwnerUnitId")
        INNER JOIN "OrgUnits" AS p ON p."Id" = COALESCE(c."PartnerUnitId", pg."OwnerUnitId")
        {DepartmentJoin}
        WHERE c."Response" IS NOT NULL AND substr(u."Path", 1, length(p."Path")) <> p."Path"
        """;

    private static string DepartmentJoin => string.Create(
        CultureInfo.InvariantCulture,
        $"""LEFT JOIN "OrgUnits" AS d ON length(u."Path") >= {DepartmentPathLength} AND d."Path" = substr(u."Path", 1, {DepartmentPathLength})""");

    private static string Columns(string level) => string.Create(
        CultureInfo.InvariantCulture,
        $"""d."Id" AS "DepartmentId", d."Name" AS "DepartmentName", (length(u."Path") - 1) / {Segment} AS "{level}" """);

    /// <summary>The department's id and name and the unit's level as subqueries on the unit whose id is <paramref name="unitId"/>.</summary>
    private static string Lookups(string unitId, string level, bool ownLevel = false)
    {
        string Department(string column) => string.Create(
            CultureInfo.InvariantCulture,
            $"""(SELECT d."{column}" FROM "OrgUnits" AS x INNER JOIN "OrgUnits" AS d ON d."Path" = substr(x."Path", 1, {DepartmentPathLength}) WHERE x."Id" = {unitId} AND length(x."Path") >= {DepartmentPathLength}) AS "Department{column}" """);
        var levelOf = ownLevel
            ? string.Create(CultureInfo.InvariantCulture, $"""(length(u."Path") - 1) / {Segment}""")
            : string.Create(CultureInfo.InvariantCulture, $"""(SELECT (length(x."Path") - 1) / {Segment} FROM "OrgUnits" AS x WHERE x."Id" = {unitId})""");
        return $"""{Department("Id")}, {Department("Name")}, {levelOf} AS "{level}" """;
    }
}
