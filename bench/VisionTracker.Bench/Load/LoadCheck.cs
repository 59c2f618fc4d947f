using VisionTracker.Bench.Data;

namespace VisionTracker.Bench.Load;

/// <summary>
/// After the load: every accepted check-in is stored exactly once with what was sent (none lost or altered), no
/// Idempotency-Key has two rows, no row exists that was never sent, and every key result the load touched shows the
/// value and confidence of its newest check-in.
/// </summary>
public sealed record LoadCheck(int Accepted, int Unknown, int Stored, int Lost, int Duplicated, int Unexpected, int StaleCurrentValues, IReadOnlyList<string> Examples)
{
    public bool Passed => Lost == 0 && Duplicated == 0 && Unexpected == 0 && StaleCurrentValues == 0;

    public static async Task<LoadCheck> VerifyAsync(BenchDatabase database, CheckInLoad load, Guid periodId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var stored = new Dictionary<(Guid, string), List<(Guid KeyResult, double Value, double Confidence)>>();
        await using (var command = BenchDatabase.Command(connection, """
            SELECT "PersonId", "IdempotencyKey", "KeyResultId", "Value", "Confidence" FROM "CheckIns" WHERE "IdempotencyKey" LIKE @prefix
            """, ("prefix", load.KeyPrefix + "%")))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var key = (BenchDatabase.ReadId(reader, 0), reader.GetString(1));
                (stored.TryGetValue(key, out var rows) ? rows : stored[key] = []).Add((BenchDatabase.ReadId(reader, 2), reader.GetDouble(3), reader.GetDouble(4)));
            }
        }

        List<string> examples = [];
        void Note(string what)
        {
            if (examples.Count < 5)
            {
                examples.Add(what);
            }
        }

        int lost = 0, duplicated = 0;
        foreach (var p in load.Accepted)
        {
            var rows = stored.GetValueOrDefault((p.PersonId, p.Key)) ?? [];
            if (rows.Count == 0 || rows.Any(r => r.KeyResult != p.KeyResultId || r.Value != p.StoredValue || r.Confidence != p.Confidence))
            {
                lost++;
                Note($"accepted {p.Key} is {(rows.Count == 0 ? "missing" : "stored differently")}");
            }
        }

        var sent = load.Sent.Select(p => (p.PersonId, p.Key)).ToHashSet();
        foreach (var (key, rows) in stored)
        {
            if (rows.Count > 1)
            {
                duplicated += rows.Count - 1;
                Note($"{key.Item2} stored {rows.Count} times");
            }
        }

        var unexpected = stored.Keys.Count(k => !sent.Contains(k));
        var stale = await StaleCurrentValuesAsync(database, connection, load, periodId, Note, ct);
        return new LoadCheck(load.Accepted.Count, load.Unknown.Count, stored.Values.Sum(r => r.Count), lost, duplicated, unexpected, stale, examples);
    }

    /// <summary>Key results the load touched whose stored current value or confidence is not their newest check-in's.</summary>
    private static async Task<int> StaleCurrentValuesAsync(
        BenchDatabase database, System.Data.Common.DbConnection connection, CheckInLoad load, Guid periodId, Action<string> note, CancellationToken ct)
    {
        var touched = load.Sent.Select(p => p.KeyResultId).ToHashSet();
        await using var command = BenchDatabase.Command(connection, """
            SELECT k."Id", k."CurrentValue", k."Confidence", c."Value", c."Confidence" FROM "KeyResults" k
            JOIN "CheckIns" c ON c."Id" = (SELECT n."Id" FROM "CheckIns" n WHERE n."KeyResultId" = k."Id" ORDER BY n."At" DESC, n."Id" DESC LIMIT 1)
            WHERE k."PeriodId" = @p
            """, ("p", database.Id(periodId)));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var stale = 0;
        while (await reader.ReadAsync(ct))
        {
            var id = BenchDatabase.ReadId(reader, 0);
            if (touched.Contains(id) && (reader.GetDouble(1) != reader.GetDouble(3) || reader.IsDBNull(2) || reader.GetDouble(2) != reader.GetDouble(4)))
            {
                stale++;
                note($"key result {id} shows {reader.GetDouble(1)} but its newest check-in says {reader.GetDouble(3)}");
            }
        }

        return stale;
    }
}
