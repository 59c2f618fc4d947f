using System.Text.Json;

namespace VisionTracker.Bench.Reads;

/// <summary>
/// The REST reads leaders and department heads use most, each beside the SQL that gives the same answer. Expected
/// progress and status are left out of the comparison: they are computed at read time from the clock, not stored.
/// </summary>
public static class RestReads
{
    public static IReadOnlyList<ReadScenario> All { get; } =
    [
        new("vision tree of the active period", "REST", t => $"/api/vision/tree?periodId={t.PeriodId}", VisionTreeFromService, VisionTreeFromSqlAsync),
        new("a department's goal list, first page of 50", "REST", t => $"/api/goals?periodId={t.PeriodId}&unitId={t.DepartmentId}&take=50", GoalPageFromService, GoalPageFromSqlAsync),
        new("a goal with key results, actions and check-ins", "REST", t => $"/api/goals/{t.GoalId}", GoalFromService, GoalFromSqlAsync),
        new("a department's goals with alignment figures and cuts", "REST", t => $"/api/org-units/{t.DepartmentId}/goals?periodId={t.PeriodId}", UnitGoalsFromService, UnitGoalsFromSqlAsync),
        new("a key result's check-ins, first page", "REST", t => $"/api/key-results/{t.KeyResultId}/check-ins", CheckInsFromService, CheckInsFromSqlAsync),
    ];

    private static string Ids(IEnumerable<Guid> ids) => string.Join(",", ids.Select(i => i.ToString()).Order(StringComparer.Ordinal));

    private static Guid Id(JsonElement e) => e.GetGuid();

    private static Guid Id(object? value) => value switch
    {
        Guid g => g,
        string s => Guid.Parse(s),
        _ => throw new InvalidOperationException($"Not an id: {value}"),
    };

    private static JsonElement.ArrayEnumerator Items(JsonElement e, string name) => e.GetProperty(name).EnumerateArray();

    private static IEnumerable<string> VisionTreeFromService(ReadTargets t, IReadOnlyList<JsonElement> pages)
    {
        var tree = pages[0];
        var figures = tree.GetProperty("figures");
        yield return Canonical.Row("root", figures.GetProperty("progress"), figures.GetProperty("confidence"));
        foreach (var theme in Items(tree, "themes"))
        {
            var f = theme.GetProperty("figures");
            yield return Canonical.Row("theme", theme.GetProperty("id"), f.GetProperty("progress"), f.GetProperty("confidence"),
                theme.GetProperty("goalCount"), Ids(Items(theme, "goals").Select(g => Id(g.GetProperty("id")))));
        }

        yield return Canonical.Row("unaligned", Ids(Items(tree, "unalignedGoals").Select(g => Id(g.GetProperty("id")))));
        var goals = Items(tree, "themes").SelectMany(th => Items(th, "goals")).Concat(Items(tree, "unalignedGoals"))
            .DistinctBy(g => Id(g.GetProperty("id"))).OrderBy(g => g.GetProperty("id").GetString(), StringComparer.Ordinal);
        foreach (var goal in goals)
        {
            var f = goal.GetProperty("figures");
            var krs = Items(goal, "keyResults").Select(k => k.GetProperty("keyResult"))
                .Select(k => $"{Id(k.GetProperty("id"))}:{Canonical.Value(k.GetProperty("progress"))}").Order(StringComparer.Ordinal);
            var actions = Items(goal, "keyResults").SelectMany(k => Items(k, "actions")).Concat(Items(goal, "actions")).Select(a => Id(a.GetProperty("id")));
            yield return Canonical.Row("goal", goal.GetProperty("id"), f.GetProperty("progress"), f.GetProperty("confidence"),
                goal.GetProperty("state"), string.Join(",", krs), Ids(actions));
        }
    }

    private static async Task<List<string>> VisionTreeFromSqlAsync(ReadTargets t, SqlReader sql)
    {
        var p = ("p", sql.Id(t.PeriodId));
        var f = sql.Figures;
        const string Goals = """FROM "Goals" g WHERE g."PeriodId" = @p AND g."IsArchived" = FALSE""";
        var root = await sql.RowsAsync($"""
            SELECT 'root', f.{f.Area("Progress")}, f.{f.Area("Confidence")} FROM "PeriodFigures" f JOIN "OrgUnits" u ON u."Id" = f."SubjectId"
            WHERE f."PeriodId" = @p AND f."SubjectKind" = 'OrgUnit' AND u."ParentId" IS NULL
            """, p);
        var themes = await sql.ValuesAsync($"""
            SELECT t."Id", f.{f.Area("Progress")}, f.{f.Area("Confidence")}, COALESCE(f.{f.Area("GoalCount")}, 0)
            FROM "Themes" t JOIN "Visions" v ON v."Id" = t."VisionId"
            LEFT JOIN "PeriodFigures" f ON f."PeriodId" = @p AND f."SubjectKind" = 'Theme' AND f."SubjectId" = t."Id"
            WHERE v."IsActive" = TRUE ORDER BY t."SortOrder"
            """, p);
        var goals = await sql.ValuesAsync($"""SELECT g."Id", g."Progress", g."Confidence", g."State" {Goals}""", p);
        var aligned = (await sql.ValuesAsync($"""
            SELECT a."GoalId", a."ThemeId" FROM "GoalThemes" a JOIN "Goals" g ON g."Id" = a."GoalId"
            WHERE g."PeriodId" = @p AND g."IsArchived" = FALSE AND a."ReviewState" <> 'Rejected'
            """, p)).ToLookup(r => Id(r[1]), r => Id(r[0]));
        var alignedGoals = aligned.SelectMany(a => a).ToHashSet();
        var krs = (await sql.ValuesAsync("""
            SELECT k."GoalId", k."Id", k."Progress" FROM "KeyResults" k JOIN "Goals" g ON g."Id" = k."GoalId"
            WHERE g."PeriodId" = @p AND g."IsArchived" = FALSE
            """, p)).ToLookup(r => Id(r[0]), r => $"{Id(r[1])}:{Canonical.Value(r[2])}");
        var actions = (await sql.ValuesAsync("""
            SELECT a."GoalId", a."Id" FROM "Actions" a JOIN "Goals" g ON g."Id" = a."GoalId"
            WHERE g."PeriodId" = @p AND g."IsArchived" = FALSE
            """, p)).ToLookup(r => Id(r[0]), r => Id(r[1]));

        List<string> rows = [.. root];
        rows.AddRange(themes.Select(th => Canonical.Row("theme", th[0], th[1], th[2], th[3], Ids(aligned[Id(th[0])]))));
        rows.Add(Canonical.Row("unaligned", Ids(goals.Select(g => Id(g[0])).Where(g => !alignedGoals.Contains(g)))));
        rows.AddRange(goals.OrderBy(g => Id(g[0]).ToString(), StringComparer.Ordinal).Select(g => Canonical.Row(
            "goal", g[0], g[1], g[2], g[3], string.Join(",", krs[Id(g[0])].Order(StringComparer.Ordinal)), Ids(actions[Id(g[0])]))));
        return rows;
    }

    private static IEnumerable<string> GoalPageFromService(ReadTargets t, IReadOnlyList<JsonElement> pages)
    {
        yield return Canonical.Row("total", pages[0].GetProperty("totalCount"));
        foreach (var goal in Items(pages[0], "items"))
        {
            yield return Canonical.Row(goal.GetProperty("id"), goal.GetProperty("title"), Canonical.At(goal, "figures/progress"), Canonical.At(goal, "figures/confidence"));
        }
    }

    private static async Task<List<string>> GoalPageFromSqlAsync(ReadTargets t, SqlReader sql)
    {
        (string, object?)[] args = [("p", sql.Id(t.PeriodId)), ("path", t.DepartmentPath + "%")];
        const string From = """
            FROM "Goals" g JOIN "OrgUnits" u ON u."Id" = g."OwnerUnitId"
            WHERE g."PeriodId" = @p AND u."Path" LIKE @path AND g."IsArchived" = FALSE
            """;
        List<string> rows = [.. await sql.RowsAsync($"""SELECT 'total', COUNT(*) {From}""", args)];
        rows.AddRange(await sql.RowsAsync($"""
            SELECT g."Id", g."Title", g."Progress", g."Confidence" {From}
            ORDER BY u."Path", g."Title", g."Id" LIMIT 50
            """, args));
        return rows;
    }

    private static IEnumerable<string> GoalFromService(ReadTargets t, IReadOnlyList<JsonElement> pages)
    {
        var goal = pages[0];
        yield return Canonical.Row("goal", Canonical.At(goal, "figures/progress"), Canonical.At(goal, "figures/confidence"), goal.GetProperty("state"));
        foreach (var row in Items(goal, "keyResults").Select(k => Canonical.Row("kr", k.GetProperty("id"), k.GetProperty("progress"), k.GetProperty("confidence"))).Order(StringComparer.Ordinal))
        {
            yield return row;
        }

        yield return Canonical.Row("themes", Ids(Items(goal, "alignments").Select(a => Id(a.GetProperty("themeId")))));
        yield return Canonical.Row("children", Ids(Items(goal, "childGoalIds").Select(Id)));
        yield return Canonical.Row("actions", Ids(Items(goal, "actions").Select(a => Id(a.GetProperty("id")))));
        foreach (var checkIn in Items(goal, "checkIns"))
        {
            yield return Canonical.Row("check-in", checkIn.GetProperty("id"), checkIn.GetProperty("value"), checkIn.GetProperty("confidence"));
        }
    }

    private static async Task<List<string>> GoalFromSqlAsync(ReadTargets t, SqlReader sql)
    {
        var g = ("g", sql.Id(t.GoalId));
        List<string> rows = [.. await sql.RowsAsync("""SELECT 'goal', "Progress", "Confidence", "State" FROM "Goals" WHERE "Id" = @g""", g)];
        rows.AddRange((await sql.RowsAsync("""SELECT 'kr', "Id", "Progress", "Confidence" FROM "KeyResults" WHERE "GoalId" = @g""", g)).Order(StringComparer.Ordinal));
        rows.Add(Canonical.Row("themes", Ids((await sql.ValuesAsync("""SELECT "ThemeId" FROM "GoalThemes" WHERE "GoalId" = @g""", g)).Select(r => Id(r[0])))));
        rows.Add(Canonical.Row("children", Ids((await sql.ValuesAsync("""SELECT "Id" FROM "Goals" WHERE "ParentGoalId" = @g""", g)).Select(r => Id(r[0])))));
        rows.Add(Canonical.Row("actions", Ids((await sql.ValuesAsync("""SELECT "Id" FROM "Actions" WHERE "GoalId" = @g""", g)).Select(r => Id(r[0])))));
        rows.AddRange(await sql.RowsAsync("""
            SELECT 'check-in', c."Id", c."Value", c."Confidence" FROM "CheckIns" c JOIN "KeyResults" k ON k."Id" = c."KeyResultId"
            WHERE k."GoalId" = @g ORDER BY c."At" DESC LIMIT 200
            """, g));
        return rows;
    }

    private static IEnumerable<string> UnitGoalsFromService(ReadTargets t, IReadOnlyList<JsonElement> pages)
    {
        var unit = pages[0];
        yield return Canonical.Row("figures", Canonical.At(unit, "figures/progress"), Canonical.At(unit, "figures/confidence"));
        var a = unit.GetProperty("alignment");
        yield return Canonical.Row("alignment", a.GetProperty("goalCount"), a.GetProperty("keyResultCount"), a.GetProperty("actionCount"),
            a.GetProperty("alignedGoalShare"), a.GetProperty("keyResultsWithActionShare"), a.GetProperty("orphanGoalCount"),
            a.GetProperty("collaborationShare"), a.GetProperty("staleKeyResultCount"));
        foreach (var cut in Items(unit, "cuts"))
        {
            yield return Canonical.Row("cut", cut.GetProperty("dimension"), cut.GetProperty("value"), cut.GetProperty("goalCount"), cut.GetProperty("progress"));
        }

        foreach (var row in Items(unit, "goals").Select(g => Canonical.Row("goal", g.GetProperty("id"), Canonical.At(g, "figures/progress"), g.GetProperty("isOrphan"), g.GetProperty("crossesBoundary"))).Order(StringComparer.Ordinal))
        {
            yield return row;
        }
    }

    private static async Task<List<string>> UnitGoalsFromSqlAsync(ReadTargets t, SqlReader sql)
    {
        var f = sql.Figures;
        (string, object?)[] args = [("p", sql.Id(t.PeriodId)), ("u", sql.Id(t.DepartmentId)), ("path", t.DepartmentPath + "%"), ("cutoff", sql.Time(t.StaleCutoff))];
        const string Goals = """
            FROM "Goals" g JOIN "OrgUnits" u ON u."Id" = g."OwnerUnitId"
            WHERE g."PeriodId" = @p AND u."Path" LIKE @path AND g."IsArchived" = FALSE
            """;
        static string Share(string part, string whole) => $"CASE WHEN f.{whole} = 0 THEN NULL ELSE CAST(f.{part} AS DOUBLE PRECISION) / f.{whole} END";
        List<string> rows = [.. await sql.RowsAsync($"""
            SELECT 'figures', f.{f.Area("Progress")}, f.{f.Area("Confidence")} FROM "PeriodFigures" f
            WHERE f."PeriodId" = @p AND f."SubjectKind" = 'OrgUnit' AND f."SubjectId" = @u
            """, args)];
        rows.AddRange(await sql.RowsAsync($"""
            SELECT 'alignment', f.{f.Area("GoalCount")}, f.{f.Area("KeyResultCount")}, f.{f.Area("ActionCount")},
                {Share(f.Area("AlignedGoalCount"), f.Area("GoalCount"))}, {Share(f.Area("KeyResultsWithActionCount"), f.Area("KeyResultCount"))},
                f.{f.Area("OrphanGoalCount")}, {Share(f.Area("CollaboratingGoalCount"), f.Area("GoalCount"))},
                (SELECT COUNT(*) FROM "KeyResults" k JOIN "Goals" g ON g."Id" = k."GoalId" JOIN "OrgUnits" u ON u."Id" = g."OwnerUnitId"
                 WHERE g."PeriodId" = @p AND u."Path" LIKE @path AND g."IsArchived" = FALSE AND g."State" = 'Active'
                   AND COALESCE(k."LastCheckInAt", k."CreatedAt") < @cutoff)
            FROM "PeriodFigures" f WHERE f."PeriodId" = @p AND f."SubjectKind" = 'OrgUnit' AND f."SubjectId" = @u
            """, args));

        var cuts = await sql.ValuesAsync($"""
            SELECT g."GreenTransition", g."CoCreationLevel", g."CrossesBoundary", COUNT(*), SUM(g."Progress"), COUNT(g."Progress")
            {Goals} AND g."State" = 'Active' GROUP BY g."GreenTransition", g."CoCreationLevel", g."CrossesBoundary"
            """, args);
        void Cut(string dimension, string value, Func<object?[], bool> member)
        {
            var set = cuts.Where(member).ToList();
            var sum = set.Sum(c => Convert.ToDouble(c[4] ?? 0d, System.Globalization.CultureInfo.InvariantCulture));
            var counted = set.Sum(c => Convert.ToInt64(c[5], System.Globalization.CultureInfo.InvariantCulture));
            rows.Add(Canonical.Row("cut", dimension, value, set.Sum(c => Convert.ToInt64(c[3], System.Globalization.CultureInfo.InvariantCulture)), counted == 0 ? null : sum / counted));
        }

        static bool Flag(object? value) => value is bool b ? b : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) != 0;
        foreach (var green in new[] { true, false })
        {
            Cut("greenTransition", green ? "true" : "false", c => Flag(c[0]) == green);
        }

        foreach (var level in new[] { "None", "Inform", "Involve", "CoCreate" })
        {
            Cut("coCreationLevel", level, c => (string)c[1]! == level);
        }

        foreach (var crosses in new[] { true, false })
        {
            Cut("crossesBoundary", crosses ? "true" : "false", c => Flag(c[2]) == crosses);
        }

        rows.AddRange((await sql.RowsAsync($"""
            SELECT 'goal', g."Id", g."Progress",
                CASE WHEN g."ParentGoalId" IS NULL AND NOT EXISTS (SELECT 1 FROM "GoalThemes" a WHERE a."GoalId" = g."Id" AND a."ReviewState" <> 'Rejected') THEN 1 ELSE 0 END,
                g."CrossesBoundary"
            {Goals}
            """, args)).Order(StringComparer.Ordinal));
        return rows;
    }

    private static IEnumerable<string> CheckInsFromService(ReadTargets t, IReadOnlyList<JsonElement> pages)
    {
        yield return Canonical.Row("total", pages[0].GetProperty("totalCount"));
        foreach (var c in Items(pages[0], "items"))
        {
            yield return Canonical.Row(c.GetProperty("id"), c.GetProperty("at"), c.GetProperty("value"), c.GetProperty("confidence"), c.GetProperty("personName"));
        }
    }

    private static async Task<List<string>> CheckInsFromSqlAsync(ReadTargets t, SqlReader sql)
    {
        var k = ("k", sql.Id(t.KeyResultId));
        List<string> rows = [.. await sql.RowsAsync("""SELECT 'total', COUNT(*) FROM "CheckIns" WHERE "KeyResultId" = @k""", k)];
        rows.AddRange(await sql.RowsAsync("""
            SELECT c."Id", c."At", c."Value", c."Confidence", p."Name" FROM "CheckIns" c JOIN "People" p ON p."Id" = c."PersonId"
            WHERE c."KeyResultId" = @k ORDER BY c."At" DESC, c."Id" DESC LIMIT 50
            """, k));
        return rows;
    }
}
