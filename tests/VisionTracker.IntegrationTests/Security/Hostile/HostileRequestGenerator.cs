using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace VisionTracker.IntegrationTests.Security.Hostile;

/// <summary>
/// Generates hostile requests for every operation of the service's own OpenAPI document and every set of its OData
/// metadata, read at run time (a new endpoint is covered without touching this file). Everything is drawn from one
/// seeded <see cref="Random"/>, so a seed names a run; only the ids taken from the database differ between runs.
/// </summary>
public sealed class HostileRequestGenerator(JsonNode openApi, XDocument metadata, IReadOnlyDictionary<string, List<Guid>> ids, int seed)
{
    private const string Json = "application/json";

    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    private static readonly string[] Strings =
    [
        "", " ", "\t\r\n", "\u0000", "a\u0000b", "\u0007\u0008\u001b[31mred", "\u202Egnp.exe", "\u200F\u202B\u2066\u061C", "\uFEFF", "\u2028\u2029",
        "'; DROP TABLE \"Goals\";--", "' OR '1'='1", "1; SELECT pg_sleep(5)--", "\" OR \"\"=\"", "%' AND 1=1 --", "); DELETE FROM People; --",
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "{{7*7}}", "${jndi:ldap://x/a}", "../../../../etc/passwd",
        "%00", "%s%s%s%n", "\\", "\"", "null", "undefined", "NaN", "😀🏳️‍🌈ÆØÅæøå", "Z̵̡̛a̸l̷g̶o̵", new string('x', 5_000),
    ];

    private static readonly string[] Dates =
    [
        "2027-02-30", "2027-13-01", "0000-00-00", "-0001-01-01", "9999-12-31T24:00:00", "10000-01-01", "0001-01-01", "9999-12-31",
        "yesterday", "2027-03-15T25:61:61Z", "2027-03-15T10:00:00+25:00", "1e10", "15/03/2027", "",
    ];

    private static readonly string[] RawNumbers =
    [
        "NaN", "Infinity", "-Infinity", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1e308", "-1e308", "1e309", "-1e309", "1e-400",
        "99999999999999999999999999999999", "-99999999999999999999999999999999", "9223372036854775808", "2147483648", "-2147483649",
        "-1", "-0.5", "-0", "0", "-1e9", "1.5", "0x10", "01", "+1", ".5", "1.", "\"12abc\"", "\"\"", "true", "[]", "{}", "1e5000",
    ];

    private static readonly string[] WrongTypes =
    [
        "\"text\"", "12345", "-1", "true", "false", "[]", "[1,2,3]", "{}", "{\"a\":1}", "null", "\"00000000-0000-0000-0000-000000000000\"", "1.7976931348623157e308",
        "\"\\uD800\"", "\"\\uDFFFx\"", "\"\\u0000\"",
    ];

    private static readonly string[] BrokenBodies =
    [
        "", "{", "}", "{\"", "{\"title\":", "{\"title\":\"x\",}", "{'title':'x'}", "{title:\"x\"}", "[", "]", "nul", "tru", "\"unterminated",
        "{\"a\":1}{\"b\":2}", "{\"a\":1 \"b\":2}", "\u0000\u0000", "\uFEFF{}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":undefined}", "{\"a\":01}",
        "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}", "/* comment */{}", "{} // trailing", "<xml/>", "a=1&b=2", "null", "[]", "\"\"", "0", "true",
    ];

    private static readonly string[] ContentTypes =
    [
        "application/json; charset=x-unknown", "application/json; charset=utf-16", "application/json; charset=iso-8859-1", "application/json; charset=",
        "application/json;;;", "text/plain", "text/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "application/xml",
        "application/merge-patch+json", "application/problem+json", "*/*", "garbage", "application/json; charset=\"utf-8\"; foo=bar",
    ];

    private static readonly string[] Accepts =
    [
        "text/html", "application/xml", "image/png", "*/*", "text/plain;q=0.5, text/csv", "application/json;odata.metadata=full", "application/json; charset=x-unknown",
        "%%%", "application/json;q=0", "text/event-stream", "application/atom+xml", "application/json;odata.metadata=none;odata.streaming=true",
    ];

    private static readonly string[] PathValues =
    [
        "x", "1", "-1", "00000000-0000-0000-0000-000000000000", "%27%20OR%20%271%27%3D%271", "%01", "%E2%80%AE", "..%2F..%2Fetc%2Fpasswd", "null",
        "%7Bid%7D", "ffffffff-ffff-ffff-ffff-ffffffffffffff", "%20", "1e5", "true", new string('a', 3000),
    ];

    private static readonly string[] QueryValues =
    [
        "", "x", "-1", "0", "2147483648", "99999999999999999999", "1e3", "NaN", "Infinity", "true", "maybe", "%27%20OR%201%3D1--", "%00", "%E2%80%AE",
        "2027-02-30", "0000-00-00", "00000000-0000-0000-0000-000000000000", "Nope", "99", "a,b,c", "%3Cscript%3E", new string('9', 2000),
    ];

    private readonly Random random = new(seed);
    private readonly JsonObject schemas = openApi["components"]?["schemas"]?.AsObject() ?? [];

    /// <summary><paramref name="perOperation"/> requests for every REST operation, then <paramref name="perSet"/> for every OData set.</summary>
    public List<HostileRequest> Generate(int perOperation, int perSet)
    {
        var requests = new List<HostileRequest>();
        foreach (var (path, item) in openApi["paths"]!.AsObject())
        {
            foreach (var method in Methods.Where(m => item![m] is not null))
            {
                for (var i = 0; i < perOperation; i++)
                {
                    requests.Add(RestRequest(path, method, item![method]!, i));
                }
            }
        }

        foreach (var set in FeedSets())
        {
            for (var i = 0; i < perSet; i++)
            {
                requests.Add(FeedRequest(set, i));
            }
        }

        return requests;
    }

    private HostileRequest RestRequest(string template, string method, JsonNode operation, int index)
    {
        var name = $"{method.ToUpperInvariant()} {template}";
        var parameters = operation["parameters"]?.AsArray().Select(p => p!).ToList() ?? [];
        var bodySchema = operation["requestBody"]?["content"]?[Json]?["schema"];
        var headers = new List<KeyValuePair<string, string>>();
        var kinds = bodySchema is null
            ? new[] { "path", "query", "headers", "path", "unexpected-body", "query", "valid" }
            : ["valid", "broken-json", "wrong-type", "missing", "extra", "huge-string", "huge-number", "control-rtl", "sql-script", "invalid-date", "nan-infinity", "negative", "deep-json", "null-body", "content-type", "headers", "path"];
        var kind = kinds[index % kinds.Length];

        var url = new StringBuilder(template);
        foreach (var parameter in parameters.Where(p => (string?)p["in"] == "path"))
        {
            var parameterName = (string)parameter["name"]!;
            url.Replace("{" + parameterName + "}", kind == "path" && Chance(0.8) ? Pick(PathValues) : ValidId(PoolFor(template, parameterName)).ToString());
        }

        var query = parameters.Where(p => (string?)p["in"] == "query").ToList();
        if (query.Count > 0 && (kind == "query" || Chance(0.2)))
        {
            url.Append('?').AppendJoin('&', query.Where(_ => Chance(0.6)).Select(p => $"{p["name"]}={QueryValue(p["schema"])}"));
        }

        if (parameters.Any(p => (string?)p["in"] == "header" && (string?)p["name"] == "Idempotency-Key"))
        {
            var key = Chance(0.15) ? Pick(["", new string('k', 5_000), "\u0007\u202E", "a b", "k1, k2"]) : $"hostile-{random.Next():x8}";
            headers.Add(new("Idempotency-Key", key));
        }

        if (kind == "headers" || Chance(0.1))
        {
            OddHeaders(headers);
        }

        if (bodySchema is null)
        {
            var stray = kind == "unexpected-body" ? Encoding.UTF8.GetBytes(Pick(BrokenBodies.Concat(["{\"reason\":\"x\"}", new string('[', 10_000)]).ToArray())) : null;
            return new(name, kind, new HttpMethod(method.ToUpperInvariant()), url.ToString(), stray, stray is null ? null : Pick([Json, "text/plain", "application/x-www-form-urlencoded"]), headers);
        }

        var (body, contentType) = Body(bodySchema, kind);
        return new(name, kind, new HttpMethod(method.ToUpperInvariant()), url.ToString(), body, contentType, headers);
    }

    private (byte[] Body, string? ContentType) Body(JsonNode schema, string kind)
    {
        var valid = Valid(schema, "", 0) ?? new JsonObject();
        var raw = new Dictionary<string, string>();
        var target = valid as JsonObject;
        var properties = target?.Select(p => p.Key).ToList() ?? [];
        string? Property(Func<JsonNode?, bool>? fits = null)
        {
            var fitting = properties.Where(p => fits is null || fits(Resolve(PropertySchema(schema, p)))).ToList();
            return fitting.Count > 0 ? Pick(fitting) : properties.Count > 0 ? Pick(properties) : null;
        }

        void SetRaw(string? property, string rawJson)
        {
            if (target is null || property is null)
            {
                return;
            }

            var marker = $"@@raw{raw.Count}@@";
            raw[marker] = rawJson;
            target[property] = marker;
        }

        string text;
        switch (kind)
        {
            case "broken-json":
                var serialized = valid.ToJsonString();
                text = Chance(0.5) ? Pick(BrokenBodies) : serialized[..random.Next(serialized.Length)];
                return (Encoding.UTF8.GetBytes(text), Json);
            case "null-body":
                return (Encoding.UTF8.GetBytes(Pick(["null", "[]", "\"\"", "0", "{}", "[{}]", "true"])), Json);
            case "deep-json":
                var depth = Pick([65, 200, 5_000, 100_000]);
                text = Chance(0.5) ? new string('[', depth) + new string(']', depth) : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
                if (target is not null && Chance(0.5))
                {
                    SetRaw(Property(), text);
                    break;
                }

                return (Encoding.UTF8.GetBytes(text), Json);
            case "wrong-type":
                SetRaw(Property(), Pick(WrongTypes));
                break;
            case "missing":
                foreach (var property in properties.Where(_ => Chance(0.5)).DefaultIfEmpty(properties.FirstOrDefault()).OfType<string>())
                {
                    target!.Remove(property);
                }

                break;
            case "extra":
                if (target is not null)
                {
                    target[Pick(["unknownField", "__proto__", "$type", "id", "createdAt", "isAdmin", "role", "Title", "TITLE", "constructor"])] = JsonNode.Parse(Pick(["\"System.IO.FileInfo, System.IO\"", "{\"isAdmin\":true}", "1", "\"Admin\""]));
                }

                break;
            case "huge-string":
                var huge = Chance(0.3) ? 1_200_000 : Pick([300, 4_001, 100_000]);
                SetRaw(Property(IsString), JsonSerializer.Serialize(string.Concat(Enumerable.Repeat(Pick(["x", "Æ", "😀", " "]), huge))));
                break;
            case "huge-number":
                SetRaw(Property(IsNumber), Pick(["1e308", "-1e308", "1e309", "99999999999999999999999999999999", "9223372036854775808", "1.7976931348623157e308", "4.9e-324"]));
                break;
            case "control-rtl":
                SetRaw(Property(IsString), JsonSerializer.Serialize(Pick(Strings[..10]) + "title" + Pick(Strings[..10])));
                break;
            case "sql-script":
                SetRaw(Property(IsString), JsonSerializer.Serialize(Pick(Strings[10..])));
                break;
            case "invalid-date":
                SetRaw(Property(s => IsString(s) && ((string?)s!["format"])?.Contains("date", StringComparison.Ordinal) == true), JsonSerializer.Serialize(Pick(Dates)));
                break;
            case "nan-infinity":
            case "negative":
                SetRaw(Property(IsNumber), kind == "negative" ? Pick(["-1", "-0.5", "-1e9", "-0", "-2147483649"]) : Pick(RawNumbers[..6]));
                break;
            case "content-type":
                return (Encoding.UTF8.GetBytes(valid.ToJsonString()), Chance(0.1) ? null : Pick(ContentTypes));
            default:
                break;
        }

        text = valid.ToJsonString();
        foreach (var (marker, rawJson) in raw)
        {
            text = text.Replace($"\"{marker}\"", rawJson, StringComparison.Ordinal);
        }

        return (Encoding.UTF8.GetBytes(text), Json);
    }

    private HostileRequest FeedRequest((string Set, List<string> Properties, List<string> Navigations) set, int index)
    {
        var property = set.Properties.Count > 0 ? Pick(set.Properties) : "Id";
        var navigation = set.Navigations.Count > 0 ? Pick(set.Navigations) : "Nope";
        string[] fragments =
        [
            "$top=-1", "$top=99999999999999999999", "$top=1e3", "$skip=-1", "$skip=1000001", "$top=5&$top=6", "$count=maybe", "$format=xml", "$format=application/atom+xml",
            "$search=x", "$skiptoken=garbage", "$deltatoken=x", "$levels=max", "$filter=" + new string('(', 400) + "true" + new string(')', 400),
            "$filter=" + string.Join("%20or%20", Enumerable.Repeat("1%20eq%201", 400)), "$expand=$ref", $"$expand={navigation}/$ref", "$expand=*($expand=*($expand=*($expand=*($expand=*))))",
            $"$expand={navigation}($top=99999)", $"$expand={navigation}($expand={navigation}($expand={navigation}($expand={navigation})))", $"$expand={navigation}($levels=max)",
            "$select=Nope", $"$select={property},*,$ref", "$orderby=Nope%20desc", $"$orderby={property}%20sideways", $"$filter={property}%20eq%20'unterminated", $"$filter={property}%20eq%20'x'",
            $"$filter={property}%20eq%20NaN", $"$filter={property}%20eq%20INF", $"$filter={property}%20gt%202027-02-30", $"$filter={property}%20eq%20{new string('9', 400)}",
            $"$filter=contains({property},'%00')", $"$filter=contains({property},'%E2%80%AE')", $"$filter=cast({property},Edm.Int32)%20eq%201", $"$filter=1%20div%200%20eq%201",
            $"$filter={property}%20eq%20'%27%3B%20DROP%20TABLE%20Goals%3B--'", $"$filter=substring({property},-1,-1)%20eq%20'x'", $"$filter=any()", $"$filter={navigation}/any(x:x/Nope%20eq%201)",
            $"$filter={navigation}/all(x:{string.Concat(Enumerable.Repeat("x/", 50))}Id%20eq%201)", $"$apply=groupby(({property}))", "$apply=groupby((Nope))",
            $"$apply=aggregate({property}%20with%20sum%20as%20X)", $"$apply=aggregate({navigation}/$count%20as%20X)", string.Concat(Enumerable.Repeat("$apply=groupby(", 50)),
            $"$apply=filter({property}%20eq%201)/groupby(({property}),aggregate($count%20as%20N))", $"$compute=1%20div%200%20as%20X", $"$compute={property}%20add%201%20as%20X&$select=X",
            "$filter=" + new string('x', 6_000), "%24filter=true", "$unknown=1", "$filter=", "$expand=", "$orderby=", "$select=", "$filter=$it", "$filter=@p&@p=1",
        ];
        string[] paths = ["", "('x')", "(00000000-0000-0000-0000-000000000000)", "/$count", "(1)", "/$ref", "/Nope", "(Id='x')", "/$count/$value", "('%27%20OR%201%3D1')"];
        var path = index % 5 == 0 ? Pick(paths) : "";
        var queryParts = Enumerable.Range(0, 1 + (index % 3)).Select(_ => Pick(fragments)).ToList();
        var url = $"/odata/{set.Set}{path}?{string.Join('&', queryParts)}";
        if (index % 17 == 0)
        {
            url = Pick([
                "/odata/ThemeProgressAsOf(date='x')", "/odata/ThemeProgressAsOf(date=2027-02-30)", "/odata/UnitProgressAsOf(date=9999-12-31)",
                "/odata/UnitProgressAsOf(date=0001-01-01)", "/odata/ThemeProgressAsOf()", "/odata/ThemeProgressAsOf(date=null)", "/odata/$metadata?$format=x",
                "/odata/$batch", "/odata/Nope", "/odata/$metadata#Goals", "/odata/ThemeProgressAsOf(date=@d)?@d=x",
            ]);
        }

        var headers = new List<KeyValuePair<string, string>>();
        if (index % 4 == 1)
        {
            OddHeaders(headers);
        }

        return new($"GET /odata/{set.Set}", "odata", HttpMethod.Get, url, null, null, headers);
    }

    private IEnumerable<(string Set, List<string> Properties, List<string> Navigations)> FeedSets()
    {
        XNamespace edm = "http://docs.oasis-open.org/odata/ns/edm";
        var types = metadata.Descendants(edm + "EntityType").ToDictionary(
            t => (string)t.Attribute("Name")!,
            t => (t.Elements(edm + "Property").Select(p => (string)p.Attribute("Name")!).ToList(), t.Elements(edm + "NavigationProperty").Select(p => (string)p.Attribute("Name")!).ToList()));
        foreach (var set in metadata.Descendants(edm + "EntitySet"))
        {
            var type = ((string)set.Attribute("EntityType")!).Split('.')[^1];
            var (properties, navigations) = types[type];
            yield return ((string)set.Attribute("Name")!, properties, navigations);
        }
    }

    private void OddHeaders(List<KeyValuePair<string, string>> headers)
    {
        switch (random.Next(4))
        {
            case 0:
                headers.Add(new("Accept", Pick(Accepts)));
                break;
            case 1:
                headers.Add(new("Host", Pick(["evil.example", "localhost:99999", "a b", "[::1", "", new string('h', 3000)])));
                break;
            case 2:
                headers.Add(new("Accept-Charset", Pick(["x-unknown", "utf-16", "*;q=0"])));
                headers.Add(new("Accept-Language", Pick(["xx-YY", "da;q=abc", new string('a', 3000), "\u202Eda"])));
                break;
            default:
                headers.Add(new(Pick(["X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "Origin", "Referer", "If-Match", "If-None-Match", "Range", "X-HTTP-Method-Override"]), Pick(["evil.example", "https://evil.example", "\"0\"", "*", "bytes=0-1,1-2", "DELETE", "W/\"x\"", "127.0.0.1, 10.0.0.1"])));
                break;
        }
    }

    private JsonNode? Valid(JsonNode? schema, string name, int depth)
    {
        schema = Resolve(schema);
        if (schema is null || depth > 5)
        {
            return null;
        }

        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            return values.FirstOrDefault(v => v is not null)?.DeepClone();
        }

        if (schema["properties"] is JsonObject properties)
        {
            var body = new JsonObject();
            foreach (var (property, propertySchema) in properties)
            {
                body[property] = Valid(propertySchema, property, depth + 1);
            }

            return body;
        }

        if (IsType(schema, "array"))
        {
            return new JsonArray(Valid(schema["items"], name, depth + 1) is { } item ? [item] : []);
        }

        if (IsNumber(schema))
        {
            return name.Contains("confidence", StringComparison.OrdinalIgnoreCase) || name.Contains("progress", StringComparison.OrdinalIgnoreCase) ? 0.5 : 10;
        }

        if (IsType(schema, "boolean"))
        {
            return false;
        }

        return (string?)schema["format"] switch
        {
            "uuid" => ValidId(PoolForProperty(name)).ToString(),
            "date" => "2027-04-01",
            "date-time" => "2027-04-01T10:00:00Z",
            _ => $"Hostile {name} {random.Next(1000)}",
        };
    }

    private JsonNode? Resolve(JsonNode? schema)
    {
        for (var i = 0; i < 10 && schema is not null; i++)
        {
            if ((string?)schema["$ref"] is { } reference)
            {
                schema = schemas[reference.Split('/')[^1]];
            }
            else if ((schema["oneOf"] ?? schema["anyOf"] ?? schema["allOf"]) is JsonArray choices)
            {
                schema = choices.FirstOrDefault(c => !IsOnly(c, "null"));
            }
            else
            {
                break;
            }
        }

        return schema;
    }

    private JsonNode? PropertySchema(JsonNode schema, string property) => Resolve(schema)?["properties"]?[property];

    private static bool IsType(JsonNode? schema, string type) => schema?["type"] switch
    {
        JsonArray types => types.Any(t => (string?)t == type),
        JsonValue value => (string?)value == type,
        _ => false,
    };

    private static bool IsOnly(JsonNode? schema, string type) => schema?["type"] is JsonValue value && (string?)value == type;

    private static bool IsNumber(JsonNode? schema) => IsType(schema, "number") || IsType(schema, "integer");

    private static bool IsString(JsonNode? schema) => IsType(schema, "string") && !IsNumber(schema);

    private string QueryValue(JsonNode? schema) => Chance(0.3) && Resolve(schema) is { } resolved && (string?)resolved["format"] == "uuid"
        ? ValidId("").ToString()
        : Pick(QueryValues);

    private static string PoolFor(string template, string parameter)
    {
        var segments = template.Split('/');
        var at = Array.IndexOf(segments, "{" + parameter + "}");
        return at > 0 ? segments[at - 1] : "";
    }

    private static string PoolForProperty(string property) => property.ToUpperInvariant() switch
    {
        "GOALID" or "PARENTGOALID" => "goals",
        "OWNERID" or "PERSONID" or "RECIPIENTID" => "people",
        "UNITID" or "PARENTID" or "ORGUNITID" or "OWNERUNITID" or "PARTNERUNITID" or "HOMEUNITID" => "org-units",
        "PERIODID" => "periods",
        "THEMEID" => "themes",
        "KEYRESULTID" => "key-results",
        "VISIONID" => "visions",
        _ => "",
    };

    private Guid ValidId(string pool) =>
        ids.TryGetValue(pool, out var list) && list.Count > 0 ? list[random.Next(list.Count)]
        : ids.Values.SelectMany(v => v).ToList() is { Count: > 0 } all && Chance(0.5) ? all[random.Next(all.Count)]
        : new Guid(random.Next(), 0, 0, new byte[8]);

    private bool Chance(double p) => random.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> options) => options[random.Next(options.Count)];

    public static string Describe(int seed) => string.Create(CultureInfo.InvariantCulture, $"seed {seed} (replay: VT_HOSTILE_SEED={seed})");
}
