using System.Text.Json;

namespace VisionTracker.Bench.Reads;

/// <summary>
/// The council's questions from docs/odata.md ("council questions as URLs"), read as an OData client does (every page,
/// following <c>@odata.nextLink</c>), plus the first page of all check-ins with <c>$count</c> (issue 12, item 5). The
/// caller is a council analyst whose scope is the whole municipality, so the hand-written SQL needs no scope predicate:
/// it is the cheapest correct answer, the limit the feed is measured against.
/// </summary>
public static class ODataReads
{
    public static IReadOnlyList<ReadScenario> All { get; } =
    [
        new("green goals per unit this period ($apply)", "OData",
            _ => "/odata/Goals?$apply=filter(GreenTransition eq true and Period/State eq 'Active')/groupby((OwnerUnit/Name),aggregate(Progress with average as AverageProgress,$count as Goals))&$orderby=OwnerUnit/Name",
            (_, pages) => Values(pages).Select(v => Canonical.Row(v, "OwnerUnit/Name", "AverageProgress", "Goals")),
            (_, sql) => sql.RowsAsync("""
                SELECT u."Name", AVG(g."Progress"), COUNT(*) FROM "Goals" g
                JOIN "Periods" p ON p."Id" = g."PeriodId" JOIN "OrgUnits" u ON u."Id" = g."OwnerUnitId"
                WHERE g."GreenTransition" = TRUE AND p."State" = 'Active'
                GROUP BY u."Name" ORDER BY u."Name"
                """)) { AllPages = true, Council = true },
        new("departments' progress this period (UnitProgress)", "OData",
            t => $"/odata/UnitProgress?$filter=UnitKind eq 'Department' and PeriodName eq '{t.PeriodName}'&$select=UnitName,Progress,Confidence,GoalCount,AlignedShare,CollaboratingShare,StaleKeyResultCount&$orderby=Progress desc",
            (_, pages) => Values(pages).Select(v => Canonical.Row(v, "UnitName", "Progress", "Confidence", "GoalCount", "AlignedShare", "CollaboratingShare", "StaleKeyResultCount")),
            DepartmentsFromSqlAsync) { AllPages = true, Council = true },
        new("departments' figures today, replayed from the log (UnitProgressAsOf)", "OData",
            t => $"/odata/UnitProgressAsOf(date={Today:yyyy-MM-dd})?$filter=UnitKind eq 'Department' and PeriodName eq '{t.PeriodName}'&$select=UnitName,Progress,Confidence,GoalCount&$orderby=Progress desc",
            (_, pages) => Values(pages).Select(v => Canonical.Row(v, "UnitName", "Progress", "Confidence", "GoalCount")),
            (t, sql) => sql.RowsAsync($"""
                SELECT u."Name", f.{sql.Figures.Area("Progress")}, f.{sql.Figures.Area("Confidence")}, f.{sql.Figures.Area("GoalCount")}
                FROM "PeriodFigures" f JOIN "OrgUnits" u ON u."Id" = f."SubjectId" JOIN "Periods" p ON p."Id" = f."PeriodId"
                WHERE f."SubjectKind" = 'OrgUnit' AND u."Kind" = 'Department' AND p."Name" = @name
                ORDER BY CASE WHEN f.{sql.Figures.Area("Progress")} IS NULL THEN 1 ELSE 0 END, f.{sql.Figures.Area("Progress")} DESC, f."Id"
                """, ("name", t.PeriodName))) { AllPages = true },
        // Today's goal and key-result rows: read from the stored figures (they were replayed per request before round 5).
        // A goal without key results counts the check-ins of its counted child goals (not archived, not abandoned).
        new("goals' figures today with their check-ins (GoalProgress)", "OData",
            t => $"/odata/GoalProgress?$filter=PeriodId eq {t.PeriodId}&$select=Id,Title,State,Progress,Confidence,KeyResultCount,CheckInCount",
            (_, pages) => Values(pages).Select(v => Canonical.Row(v, "Id", "Title", "State", "Progress", "Confidence", "KeyResultCount", "CheckInCount")),
            (t, sql) => sql.RowsAsync("""
                WITH RECURSIVE feed("Root", "Goal") AS (
                    SELECT g."Id", g."Id" FROM "Goals" g WHERE g."PeriodId" = @p
                    UNION ALL
                    SELECT f."Root", c."Id" FROM feed f JOIN "Goals" c ON c."ParentGoalId" = f."Goal"
                    WHERE c."PeriodId" = @p AND c."IsArchived" = FALSE AND c."State" <> 'Abandoned'
                      AND NOT EXISTS (SELECT 1 FROM "KeyResults" k WHERE k."GoalId" = f."Goal"))
                SELECT g."Id", g."Title", g."State", g."Progress", g."Confidence",
                    (SELECT COUNT(*) FROM "KeyResults" k WHERE k."GoalId" = g."Id"),
                    (SELECT COUNT(*) FROM feed f JOIN "KeyResults" k ON k."GoalId" = f."Goal" JOIN "CheckIns" c ON c."KeyResultId" = k."Id" WHERE f."Root" = g."Id")
                FROM "Goals" g WHERE g."PeriodId" = @p
                """, ("p", sql.Id(t.PeriodId)))) { AllPages = true, Ordered = false },
        new("key results' figures today with their check-ins (KeyResultProgress)", "OData",
            t => $"/odata/KeyResultProgress?$filter=PeriodId eq {t.PeriodId}&$select=Id,Progress,Confidence,LastCheckInAt,CheckInCount",
            (_, pages) => Values(pages).Select(v => Canonical.Row(v, "Id", "Progress", "Confidence", "LastCheckInAt", "CheckInCount")),
            (t, sql) => sql.RowsAsync("""
                SELECT k."Id", k."Progress", k."Confidence", k."LastCheckInAt", (SELECT COUNT(*) FROM "CheckIns" c WHERE c."KeyResultId" = k."Id")
                FROM "KeyResults" k WHERE k."PeriodId" = @p
                """, ("p", sql.Id(t.PeriodId)))) { AllPages = true, Ordered = false },
        new("active goals without an action", "OData",
            _ => "/odata/Goals?$filter=not Actions/any() and State eq 'Active'&$select=Title,OwnerUnitId&$expand=OwnerUnit($select=Name)",
            (_, pages) => Values(pages).Select(v => Canonical.Row(v, "Title", "OwnerUnitId", "OwnerUnit/Name")),
            (_, sql) => sql.RowsAsync("""
                SELECT g."Title", g."OwnerUnitId", u."Name" FROM "Goals" g JOIN "OrgUnits" u ON u."Id" = g."OwnerUnitId"
                WHERE g."State" = 'Active' AND NOT EXISTS (SELECT 1 FROM "Actions" a WHERE a."GoalId" = g."Id")
                ORDER BY g."Id"
                """)) { AllPages = true, Council = true },
        new("orphan goals (AlignmentGaps)", "OData",
            _ => "/odata/AlignmentGaps?$filter=Kind eq 'OrphanGoal'&$select=Title,OrgUnitName,OwnerName",
            (_, pages) => Values(pages).Select(v => Canonical.Row(v, "Title", "OrgUnitName", "OwnerName")),
            (_, sql) => sql.RowsAsync("""
                SELECT g."Title", u."Name", p."Name" FROM "Goals" g
                JOIN "OrgUnits" u ON u."Id" = g."OwnerUnitId" LEFT JOIN "People" p ON p."Id" = g."OwnerId"
                JOIN "Periods" pe ON pe."Id" = g."PeriodId"
                WHERE g."State" = 'Active' AND g."IsArchived" = FALSE AND g."ParentGoalId" IS NULL AND pe."State" <> 'Closed'
                  AND NOT EXISTS (SELECT 1 FROM "GoalThemes" a WHERE a."GoalId" = g."Id" AND a."ReviewState" <> 'Rejected')
                ORDER BY g."Id"
                """)) { AllPages = true, Council = true },
        new("stale key results, oldest first (AlignmentGaps)", "OData",
            _ => "/odata/AlignmentGaps?$filter=Kind eq 'StaleKeyResult'&$orderby=LastCheckInAt&$select=Title,GoalTitle,OrgUnitName,OwnerName,LastCheckInAt",
            (_, pages) => Values(pages).Select(v => Canonical.Row(v, "Title", "GoalTitle", "OrgUnitName", "OwnerName", "LastCheckInAt")),
            (t, sql) => sql.RowsAsync("""
                SELECT k."Title", g."Title", u."Name", p."Name", k."LastCheckInAt" FROM "KeyResults" k
                JOIN "Goals" g ON g."Id" = k."GoalId" JOIN "OrgUnits" u ON u."Id" = g."OwnerUnitId" LEFT JOIN "People" p ON p."Id" = k."OwnerId"
                JOIN "Periods" pe ON pe."Id" = g."PeriodId"
                WHERE g."State" = 'Active' AND g."IsArchived" = FALSE AND COALESCE(k."LastCheckInAt", k."CreatedAt") < @cutoff AND pe."State" <> 'Closed'
                ORDER BY CASE WHEN k."LastCheckInAt" IS NULL THEN 0 ELSE 1 END, k."LastCheckInAt", k."Id"
                """, ("cutoff", sql.Time(t.StaleCutoff)))) { AllPages = true, Council = true },
        new("themes' progress this period (ThemeProgress)", "OData",
            t => $"/odata/ThemeProgress?$filter=PeriodName eq '{t.PeriodName}'&$select=ThemeTitle,Progress,Confidence,GoalCount,KeyResultCount,ActionCount",
            (_, pages) => Values(pages).Select(v => Canonical.Row(v, "ThemeTitle", "Progress", "Confidence", "GoalCount", "KeyResultCount", "ActionCount")),
            (t, sql) => sql.RowsAsync($"""
                SELECT t."Title", f.{sql.Figures.Area("Progress")}, f.{sql.Figures.Area("Confidence")}, f.{sql.Figures.Area("GoalCount")},
                    f.{sql.Figures.Area("KeyResultCount")}, f.{sql.Figures.Area("ActionCount")}
                FROM "PeriodFigures" f JOIN "Themes" t ON t."Id" = f."SubjectId" JOIN "Periods" p ON p."Id" = f."PeriodId"
                WHERE f."SubjectKind" = 'Theme' AND p."Name" = @name ORDER BY f."Id"
                """, ("name", t.PeriodName))) { AllPages = true, Council = true },
        new("cross-unit collaborations with goal and partner", "OData",
            _ => "/odata/Collaborations?$filter=Kind eq 'CrossUnit'&$expand=Goal($select=Title,OwnerUnitId),PartnerUnit($select=Name)",
            (_, pages) => Values(pages).Select(v => Canonical.Row(v, "Id", "Goal/Title", "Goal/OwnerUnitId", "PartnerUnit/Name")),
            (_, sql) => sql.RowsAsync("""
                SELECT c."Id", g."Title", g."OwnerUnitId", u."Name" FROM "Collaborations" c
                LEFT JOIN "Goals" g ON g."Id" = c."GoalId" LEFT JOIN "OrgUnits" u ON u."Id" = c."PartnerUnitId"
                WHERE c."Kind" = 'CrossUnit' ORDER BY c."Id"
                """)) { AllPages = true, Council = true },
        new("a goal's chain: key results and their actions", "OData",
            t => $"/odata/Goals({t.GoalId})?$expand=KeyResults($select=Title,Progress,Confidence;$expand=Actions($select=Title,State,DueDate))",
            (_, pages) => pages[0].GetProperty("KeyResults").EnumerateArray().Select(k => Canonical.Row(k, "Title", "Progress", "Confidence")
                + " | " + string.Join(",", k.GetProperty("Actions").EnumerateArray().Select(a => Canonical.Row(a, "Title", "State", "DueDate")).Order(StringComparer.Ordinal))),
            GoalChainFromSqlAsync) { Ordered = false, Council = true },
        new("check-ins per month this year ($apply)", "OData",
            t => $"/odata/CheckIns?$apply=filter(year(At) eq {t.Year})/compute(month(At) as Month)/groupby((Month),aggregate($count as CheckIns))",
            (_, pages) => Values(pages).Select(v => Canonical.Row(v, "Month", "CheckIns")),
            (t, sql) => sql.RowsAsync($"""
                SELECT {sql.Database.Month("\"At\"")} AS m, COUNT(*) FROM "CheckIns" WHERE {sql.Database.Year("\"At\"")} = @y GROUP BY {sql.Database.Month("\"At\"")}
                """, ("y", t.Year))) { AllPages = true, Ordered = false, Council = true },
        // The feed maps every row to its department by the unit's path (a join per row); the SQL counts per unit first.
        new("check-ins per department this year ($apply over DepartmentName)", "OData",
            t => $"/odata/CheckIns?$apply=filter(year(At) eq {t.Year})/groupby((DepartmentName),aggregate($count as CheckIns))",
            (_, pages) => Values(pages).Select(v => Canonical.Row(v, "DepartmentName", "CheckIns")),
            (t, sql) => sql.RowsAsync($"""
                SELECT d."Name", CAST(SUM(x.n) AS BIGINT) FROM
                    (SELECT "OrgUnitId", COUNT(*) AS n FROM "CheckIns" WHERE {sql.Database.Year("\"At\"")} = @y GROUP BY "OrgUnitId") x
                JOIN "OrgUnits" u ON u."Id" = x."OrgUnitId"
                LEFT JOIN "OrgUnits" d ON length(u."Path") >= {DepartmentPathLength} AND d."Path" = substr(u."Path", 1, {DepartmentPathLength})
                GROUP BY d."Name"
                """, ("y", t.Year))) { AllPages = true, Ordered = false, Council = true },
        new("all check-ins, first page with $count", "OData",
            _ => "/odata/CheckIns?$count=true",
            (_, pages) => [Canonical.Row("count", pages[0].GetProperty("@odata.count")), .. Values(pages).Select(v => Canonical.Row(v, "Id", "At", "Value", "Confidence"))],
            async (_, sql) => [.. await sql.RowsAsync("""SELECT 'count', COUNT(*) FROM "CheckIns" """),
                .. await sql.RowsAsync("""SELECT "Id", "At", "Value", "Confidence" FROM "CheckIns" ORDER BY "Id" LIMIT 200""")]) { Council = true },
    ];

    /// <summary>A department's path: "/root/department/", two 32-character ids and their separators.</summary>
    private static readonly int DepartmentPathLength = 1 + (2 * (Guid.Empty.ToString("N").Length + 1));

    private static IEnumerable<JsonElement> Values(IReadOnlyList<JsonElement> pages) => pages.SelectMany(p => p.GetProperty("value").EnumerateArray());

    /// <summary>Today in the organisation's time zone: the replay of today must give the stored figures.</summary>
    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Europe/Copenhagen"));

    private static Task<List<string>> DepartmentsFromSqlAsync(ReadTargets t, SqlReader sql)
    {
        var f = sql.Figures;
        string Share(string part) => $"CASE WHEN f.{f.Area("GoalCount")} = 0 THEN NULL ELSE CAST(f.{f.Area(part)} AS DOUBLE PRECISION) / f.{f.Area("GoalCount")} END";
        return sql.RowsAsync($"""
            SELECT u."Name", f.{f.Area("Progress")}, f.{f.Area("Confidence")}, f.{f.Area("GoalCount")}, {Share("AlignedGoalCount")}, {Share("CollaboratingGoalCount")},
                (SELECT s.{f.Snapshot("StaleKeyResultCount")} FROM "ProgressSnapshots" s
                 WHERE s."SubjectKind" = 'OrgUnit' AND s."SubjectId" = f."SubjectId" AND s."PeriodId" = f."PeriodId" ORDER BY s."Date" DESC LIMIT 1)
            FROM "PeriodFigures" f JOIN "OrgUnits" u ON u."Id" = f."SubjectId" JOIN "Periods" p ON p."Id" = f."PeriodId"
            WHERE f."SubjectKind" = 'OrgUnit' AND u."Kind" = 'Department' AND p."Name" = @name
            ORDER BY CASE WHEN f.{f.Area("Progress")} IS NULL THEN 1 ELSE 0 END, f.{f.Area("Progress")} DESC, f."Id"
            """, ("name", t.PeriodName));
    }

    private static async Task<List<string>> GoalChainFromSqlAsync(ReadTargets t, SqlReader sql)
    {
        var g = ("g", sql.Id(t.GoalId));
        var actions = (await sql.ValuesAsync("""
            SELECT a."KeyResultId", a."Title", a."State", a."DueDate" FROM "Actions" a JOIN "KeyResults" k ON k."Id" = a."KeyResultId" WHERE k."GoalId" = @g
            """, g)).ToLookup(r => Canonical.Value(r[0]), r => Canonical.Row(r[1], r[2], r[3]));
        var krs = await sql.ValuesAsync("""SELECT "Id", "Title", "Progress", "Confidence" FROM "KeyResults" WHERE "GoalId" = @g""", g);
        return krs.Select(k => Canonical.Row(k[1], k[2], k[3]) + " | " + string.Join(",", actions[Canonical.Value(k[0])].Order(StringComparer.Ordinal))).ToList();
    }
}
