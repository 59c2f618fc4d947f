using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using VisionTracker.Domain.Common;

namespace VisionTracker.Application.Audit;

/// <summary>
/// The trail stores enum values as the numbers they were saved with; people read them as names ("Active", not 1).
/// The entity's own type says which properties are enums, so this holds for every state, kind and role, old and new.
/// </summary>
public static class AuditValueNames
{
    private static readonly Dictionary<string, Type> EntityTypes = typeof(Entity).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.Namespace?.StartsWith("VisionTracker.Domain", StringComparison.Ordinal) == true)
        .GroupBy(t => t.Name)
        .ToDictionary(g => g.Key, g => g.First());

    private static readonly ConcurrentDictionary<(Type, string), Type?> Enums = new();

    public static JsonElement Name(string entityType, JsonElement changes)
    {
        if (changes.ValueKind != JsonValueKind.Object || !EntityTypes.TryGetValue(entityType, out var type))
        {
            return changes;
        }

        var root = JsonNode.Parse(changes.GetRawText())!.AsObject();
        foreach (var (property, value) in root.ToList())
        {
            if (EnumOf(type, property) is not { } enumType || value is null)
            {
                continue;
            }

            if (value is JsonObject pair)
            {
                pair["old"] = Named(enumType, pair["old"]);
                pair["new"] = Named(enumType, pair["new"]);
            }
            else
            {
                root[property] = Named(enumType, value);
            }
        }

        return JsonSerializer.SerializeToElement(root);
    }

    private static JsonNode? Named(Type enumType, JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<long>(out var number)
            ? JsonValue.Create(Enum.GetName(enumType, Enum.ToObject(enumType, number)) ?? number.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : value?.DeepClone();

    private static Type? EnumOf(Type type, string property) => Enums.GetOrAdd((type, property), key =>
    {
        var propertyType = key.Item1.GetProperty(key.Item2, BindingFlags.Public | BindingFlags.Instance)?.PropertyType;
        propertyType = propertyType is null ? null : Nullable.GetUnderlyingType(propertyType) ?? propertyType;
        return propertyType is { IsEnum: true } ? propertyType : null;
    });
}
