using VisionTracker.Bench.Data;
using VisionTracker.Bench.Generation;

namespace VisionTracker.Bench.Reads;

/// <summary>The ids and names the read scenarios address.</summary>
public sealed record ReadTargets(
    Guid PeriodId, string PeriodName, Guid DepartmentId, string DepartmentPath, Guid GoalId, Guid KeyResultId, int Year, int StaleAfterDays)
{
    /// <summary>The service's default stale limit (<c>Figures:StaleAfterDays</c>), which the bench does not change.</summary>
    public const int DefaultStaleAfterDays = 14;

    /// <summary>"Stale" as the service decides it now: no check-in for <see cref="StaleAfterDays"/> days.</summary>
    public DateTime StaleCutoff => DateTime.UtcNow.AddDays(-StaleAfterDays);

    /// <summary>
    /// In the active period: the department with most goals, the active goal with most key results, and the key result
    /// with most check-ins.
    /// </summary>
    public static Task<ReadTargets> FindAsync(BenchDatabase database, BenchPeriod active, CancellationToken ct) =>
        FindAsync(database, active.Id, active.Name, ct);

    /// <summary>The same in a database kept by an earlier run (<c>--reuse</c>): its active period read from it.</summary>
    public static async Task<ReadTargets> FindAsync(BenchDatabase database, CancellationToken ct)
    {
        var (id, name) = await ActivePeriodAsync(database, ct);
        return await FindAsync(database, id, name, ct);
    }

    /// <summary>The active period of a database kept by an earlier run.</summary>
    public static async Task<(Guid Id, string Name)> ActivePeriodAsync(BenchDatabase database, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = BenchDatabase.Command(connection, """SELECT "Id", "Name" FROM "Periods" WHERE "State" = 'Active'""");
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            throw new InvalidOperationException($"The database {database.Name} has no active period.");
        }

        return (BenchDatabase.ReadId(reader, 0), reader.GetString(1));
    }

    private static async Task<ReadTargets> FindAsync(BenchDatabase database, Guid periodId, string periodName, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var period = ("p", database.Id(periodId));

        async Task<object[]> First(string sql)
        {
            await using var command = BenchDatabase.Command(connection, sql, period);
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                throw new InvalidOperationException($"The generated data has nothing for: {sql}");
            }

            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            return values;
        }

        var department = await First("""
            SELECT d."Id", d."Path" FROM "OrgUnits" d
            WHERE d."Kind" = 'Department'
            ORDER BY (SELECT COUNT(*) FROM "Goals" g JOIN "OrgUnits" u ON u."Id" = g."OwnerUnitId"
                      WHERE g."PeriodId" = @p AND u."Path" LIKE d."Path" || '%') DESC, d."Code"
            LIMIT 1
            """);
        var goal = await First("""
            SELECT g."Id" FROM "Goals" g
            WHERE g."PeriodId" = @p AND g."State" = 'Active' AND g."IsArchived" = FALSE
            ORDER BY (SELECT COUNT(*) FROM "KeyResults" k WHERE k."GoalId" = g."Id") DESC, g."Id"
            LIMIT 1
            """);
        var keyResult = await First("""
            SELECT c."KeyResultId" FROM "CheckIns" c
            WHERE c."PeriodId" = @p AND c."KeyResultId" IS NOT NULL
            GROUP BY c."KeyResultId" ORDER BY COUNT(*) DESC, c."KeyResultId"
            LIMIT 1
            """);
        return new ReadTargets(
            periodId,
            periodName,
            AsId(department[0]),
            (string)department[1],
            AsId(goal[0]),
            AsId(keyResult[0]),
            DateTime.UtcNow.Year,
            DefaultStaleAfterDays);
    }

    private static Guid AsId(object value) => value is Guid g ? g : Guid.Parse((string)value);
}
