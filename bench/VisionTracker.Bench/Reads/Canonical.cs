using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace VisionTracker.Bench.Reads;

/// <summary>
/// One spelling for a value whether it came from the service's JSON or from a database reader, so that the two answers
/// compare as lists of strings: ids lower-case, times as UTC ISO, numbers rounded to 9 decimals, booleans 1/0.
/// </summary>
public static class Canonical
{
    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-dd",
    ];

    public static string Value(object? value) => value switch
    {
        null or DBNull => "∅",
        Guid g => g.ToString(),
        string s => Text(s),
        DateTime t => Time(t),
        DateOnly d => Time(d.ToDateTime(TimeOnly.MinValue)),
        bool b => b ? "1" : "0",
        double d => Number(d),
        float f => Number(f),
        decimal m => Number((double)m),
        long or int or short or byte => Number(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        JsonElement e => Json(e),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "∅",
    };

    public static string Row(params object?[] values) => string.Join(" | ", values.Select(Value));

    /// <summary>Every column of the reader's current row.</summary>
    public static string Row(DbDataReader reader)
    {
        var values = new object?[reader.FieldCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }

        return Row(values);
    }

    /// <summary>The values at the given property paths ("OwnerUnit/Name") of a JSON object.</summary>
    public static string Row(JsonElement item, params string[] paths) => Row(paths.Select(p => (object?)At(item, p)).ToArray());

    public static JsonElement? At(JsonElement item, string path)
    {
        var current = item;
        foreach (var part in path.Split('/'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }

        return current;
    }

    private static string Json(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "∅",
        JsonValueKind.True => "1",
        JsonValueKind.False => "0",
        JsonValueKind.Number => Number(e.GetDouble()),
        JsonValueKind.String => Text(e.GetString()!),
        _ => e.GetRawText(),
    };

    private static string Text(string s)
    {
        if (s.Length == 36 && Guid.TryParseExact(s, "D", out var id))
        {
            return id.ToString();
        }

        return s.Length >= 10 && char.IsDigit(s[0]) && DateTime.TryParseExact(
            s, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? Time(time)
            : s;
    }

    private static string Time(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture);

    private static string Number(double d) => Math.Round(d, 9).ToString("0.#########", CultureInfo.InvariantCulture);
}
