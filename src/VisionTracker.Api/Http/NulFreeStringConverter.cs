using System.Text.Json;
using System.Text.Json.Serialization;

namespace VisionTracker.Api.Http;

/// <summary>
/// Every text read from a JSON body: one with a NUL character (U+0000) is refused as malformed JSON (a 400 naming the
/// field), because PostgreSQL cannot store it in a text column, while SQLite would, so the same request must not be a
/// 500 on one database and stored on the other.
/// </summary>
public sealed class NulFreeStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is not null && text.Contains('\0', StringComparison.Ordinal)
            ? throw new JsonException("A text may not contain the NUL character (U+0000).")
            : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
