using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Validation;

namespace VisionTracker.IntegrationTests.OData.Conformance;

/// <summary>
/// The feed as an independent client sees it: $metadata parsed by Microsoft.OData.Edm's CSDL reader, payloads read by
/// Microsoft.OData.Core's <see cref="ODataMessageReader"/> (not the server's serializer), plain JSON where a test needs
/// the raw wire format.
/// </summary>
public static class ODataClient
{
    public const string Root = "/odata";

    public static async Task<string> GetStringAsync(HttpClient client, string url, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {url}: {body}");
        return body;
    }

    /// <summary>GET /odata/$metadata as CSDL XML, parsed and validated (the test fails on any error).</summary>
    public static async Task<IEdmModel> ReadModelAsync(HttpClient client)
    {
        var xml = await GetStringAsync(client, $"{Root}/$metadata", "application/xml");
        return ParseXml(xml);
    }

    public static IEdmModel ParseXml(string csdl)
    {
        using var text = new StringReader(csdl);
        using var xml = XmlReader.Create(text);
        CsdlReader.TryParse(xml, out var model, out var errors).ShouldBeTrue(Describe(errors));
        Describe(errors).ShouldBeEmpty();
        return model;
    }

    /// <summary>CSDL JSON read with <see cref="CsdlReader.TryParse(ref Utf8JsonReader, out IEdmModel, out IEnumerable{EdmError})"/>.</summary>
    /// <param name="csdl">The document.</param>
    /// <param name="tolerateErrors">Accept a model the reader built although it reported errors (for the tests that look past them).</param>
    public static IEdmModel ParseJson(string csdl, bool tolerateErrors = false)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(csdl));
        var parsed = CsdlReader.TryParse(ref reader, out var model, out var errors);
        model.ShouldNotBeNull(Describe(errors));
        if (!tolerateErrors)
        {
            parsed.ShouldBeTrue(Describe(errors));
            Describe(errors).ShouldBeEmpty();
        }

        return model;
    }

    public static string Describe(IEnumerable<EdmError>? errors) =>
        string.Join("; ", (errors ?? []).Select(e => $"{e.ErrorCode} at {e.ErrorLocation}: {e.ErrorMessage}"));

    public static IEdmEntityContainer Container(IEdmModel model) => model.EntityContainer.ShouldNotBeNull();

    public static IEdmEntitySet Set(IEdmModel model, string name) => Container(model).FindEntitySet(name).ShouldNotBeNull($"entity set {name}");

    /// <summary>One page of a resource set read with <see cref="ODataMessageReader"/>.</summary>
    public static async Task<ReadFeed> ReadFeedAsync(HttpClient client, IEdmModel model, IEdmEntitySetBase set, string url)
    {
        using var response = await client.GetAsync(url);
        var message = await ResponseMessage.FromAsync(response, url);
        using var reader = new ODataMessageReader((IODataResponseMessageAsync)message, Settings(client), model);
        var feedReader = await reader.CreateODataResourceSetReaderAsync(set, set.EntityType);
        var root = await ReadTreeAsync(feedReader);
        return new ReadFeed(root.Rows, root.Feed?.Count, root.Feed?.NextPageLink);
    }

    /// <summary>Every page of a resource set, following @odata.nextLink to the end.</summary>
    public static async Task<(List<ReadFeed> Pages, List<ReadEntry> Rows)> ReadAllPagesAsync(HttpClient client, IEdmModel model, IEdmEntitySetBase set, string url)
    {
        var pages = new List<ReadFeed>();
        string? next = url;
        while (next is not null)
        {
            pages.Count.ShouldBeLessThan(1000, "the feed's next links do not end");
            var page = await ReadFeedAsync(client, model, set, next);
            pages.Add(page);
            next = page.NextPageLink?.AbsoluteUri;
        }

        return (pages, pages.SelectMany(p => p.Rows).ToList());
    }

    /// <summary>A single entity read with <see cref="ODataMessageReader.CreateODataResourceReaderAsync(IEdmNavigationSource, IEdmStructuredType)"/>.</summary>
    public static async Task<ReadEntry> ReadEntityAsync(HttpClient client, IEdmModel model, IEdmEntitySetBase set, string url)
    {
        using var response = await client.GetAsync(url);
        var message = await ResponseMessage.FromAsync(response, url);
        using var reader = new ODataMessageReader((IODataResponseMessageAsync)message, Settings(client), model);
        var entryReader = await reader.CreateODataResourceReaderAsync(set, set.EntityType);
        var root = await ReadTreeAsync(entryReader);
        return root.Rows.ShouldHaveSingleItem();
    }

    public static async Task<ODataServiceDocument> ReadServiceDocumentAsync(HttpClient client, IEdmModel model)
    {
        using var response = await client.GetAsync($"{Root}/");
        var message = await ResponseMessage.FromAsync(response, Root);
        using var reader = new ODataMessageReader((IODataResponseMessageAsync)message, Settings(client), model);
        return await reader.ReadServiceDocumentAsync();
    }

    private static ODataMessageReaderSettings Settings(HttpClient client) => new()
    {
        BaseUri = new Uri(client.BaseAddress!, $"{Root}/"),
        EnableMessageStreamDisposal = true,
    };

    private static async Task<(List<ReadEntry> Rows, ODataResourceSet? Feed)> ReadTreeAsync(ODataReader reader)
    {
        var top = new List<ReadEntry>();
        ODataResourceSet? feed = null;

        // Each frame is the list the next resource belongs to, or the entry whose nested infos come next.
        var lists = new Stack<List<ReadEntry>>();
        var entries = new Stack<ReadEntry>();
        lists.Push(top);
        while (await reader.ReadAsync())
        {
            switch (reader.State)
            {
                case ODataReaderState.ResourceStart:
                    var entry = new ReadEntry((ODataResource?)reader.Item);
                    lists.Peek().Add(entry);
                    entries.Push(entry);
                    break;
                case ODataReaderState.ResourceEnd:
                    entries.Pop();
                    break;
                case ODataReaderState.NestedResourceInfoStart:
                    var info = (ODataNestedResourceInfo)reader.Item;
                    var nested = new List<ReadEntry>();
                    entries.Peek().Nested[info.Name] = nested;
                    lists.Push(nested);
                    break;
                case ODataReaderState.NestedResourceInfoEnd:
                    lists.Pop();
                    break;
                case ODataReaderState.ResourceSetEnd when lists.Count == 1:
                    feed = (ODataResourceSet)reader.Item;
                    break;
                default:
                    break;
            }
        }

        return (top, feed);
    }

    // ---- the raw wire format (System.Text.Json), for the per-set theory ----

    public static async Task<JsonObject> GetJsonAsync(HttpClient client, string url)
    {
        var body = await GetStringAsync(client, url);
        return JsonNode.Parse(body).ShouldBeOfType<JsonObject>();
    }

    public static List<JsonObject> Rows(JsonObject page) =>
        page["value"].ShouldBeOfType<JsonArray>().Select(r => r.ShouldBeOfType<JsonObject>()).ToList();

    /// <summary>All rows of a query, following @odata.nextLink; fails on a repeated next link.</summary>
    public static async Task<List<JsonObject>> WalkAsync(HttpClient client, string url) => (await WalkPagesAsync(client, url)).Rows;

    /// <summary>Every page's rows, and the first page as it came (with its count): no second request for the first page.</summary>
    public static async Task<(JsonObject First, List<JsonObject> Rows)> WalkPagesAsync(HttpClient client, string url)
    {
        JsonObject? first = null;
        var rows = new List<JsonObject>();
        var seen = new HashSet<string>();
        string? next = url;
        while (next is not null)
        {
            seen.Add(next).ShouldBeTrue($"next link {next} came twice");
            var page = await GetJsonAsync(client, next);
            first ??= page;
            rows.AddRange(Rows(page));
            next = page["@odata.nextLink"]?.GetValue<string>();
        }

        return (first!, rows);
    }

    /// <summary>The value of a property in an OData literal ($filter), per its EDM type.</summary>
    public static string Literal(IEdmTypeReference type, JsonNode? value)
    {
        if (value is null)
        {
            return "null";
        }

        return type.PrimitiveKind() switch
        {
            EdmPrimitiveTypeKind.String => $"'{value.GetValue<string>().Replace("'", "''", StringComparison.Ordinal)}'",
            EdmPrimitiveTypeKind.Boolean => value.GetValue<bool>() ? "true" : "false",
            EdmPrimitiveTypeKind.Double => value.GetValue<double>().ToString("R", CultureInfo.InvariantCulture),
            EdmPrimitiveTypeKind.Int32 or EdmPrimitiveTypeKind.Int64 => value.GetValue<long>().ToString(CultureInfo.InvariantCulture),
            _ => value.GetValue<string>(),
        };
    }

    /// <summary>Compares two values of one EDM property as the database orders them (a GUID by its canonical text).</summary>
    public static int Compare(IEdmTypeReference type, JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return (a is null ? 0 : 1) - (b is null ? 0 : 1);
        }

        return type.PrimitiveKind() switch
        {
            EdmPrimitiveTypeKind.Int32 or EdmPrimitiveTypeKind.Int64 => a.GetValue<long>().CompareTo(b.GetValue<long>()),
            EdmPrimitiveTypeKind.Double => a.GetValue<double>().CompareTo(b.GetValue<double>()),
            EdmPrimitiveTypeKind.Boolean => a.GetValue<bool>().CompareTo(b.GetValue<bool>()),
            EdmPrimitiveTypeKind.DateTimeOffset => DateTimeOffset.Parse(a.GetValue<string>(), CultureInfo.InvariantCulture)
                .CompareTo(DateTimeOffset.Parse(b.GetValue<string>(), CultureInfo.InvariantCulture)),
            EdmPrimitiveTypeKind.Guid => string.CompareOrdinal(a.GetValue<string>().ToUpperInvariant(), b.GetValue<string>().ToUpperInvariant()),
            _ => string.CompareOrdinal(a.GetValue<string>(), b.GetValue<string>()),
        };
    }
}

/// <summary>A resource read by <see cref="ODataMessageReader"/>, with the entries of its expanded navigation properties.</summary>
public sealed class ReadEntry(ODataResource? resource)
{
    public ODataResource? Resource { get; } = resource;

    public Dictionary<string, List<ReadEntry>> Nested { get; } = [];

    public object? this[string property] =>
        Resource.ShouldNotBeNull().Properties.OfType<ODataProperty>().SingleOrDefault(p => p.Name == property).ShouldNotBeNull($"property {property}").Value;
}

public sealed record ReadFeed(List<ReadEntry> Rows, long? Count, Uri? NextPageLink);

/// <summary>An <see cref="IODataResponseMessageAsync"/> over an <see cref="HttpResponseMessage"/> (body read up front).</summary>
public sealed class ResponseMessage : IODataResponseMessageAsync
{
    private readonly Dictionary<string, string> headers;
    private readonly byte[] body;

    private ResponseMessage(HttpResponseMessage response, byte[] body)
    {
        this.body = body;
        StatusCode = (int)response.StatusCode;
        headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
    }

    public IEnumerable<KeyValuePair<string, string>> Headers => headers;

    public int StatusCode { get; set; }

    public static async Task<ResponseMessage> FromAsync(HttpResponseMessage response, string url)
    {
        var body = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {url}: {System.Text.Encoding.UTF8.GetString(body)}");
        return new ResponseMessage(response, body);
    }

    public string? GetHeader(string headerName) => headers.GetValueOrDefault(headerName);

    public void SetHeader(string headerName, string headerValue) => throw new NotSupportedException("The response is read-only.");

    public Stream GetStream() => new MemoryStream(body, writable: false);

    public Task<Stream> GetStreamAsync() => Task.FromResult(GetStream());
}
