using System.Text;

namespace VisionTracker.IntegrationTests.Security.Hostile;

/// <summary>One generated request: what it is (<see cref="Kind"/>), where it goes and what it carries.</summary>
public sealed record HostileRequest(string Operation, string Kind, HttpMethod Method, string Url, byte[]? Body, string? ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public bool IsRead => Method == HttpMethod.Get;

    public bool IsFeed => Url.StartsWith("/odata", StringComparison.Ordinal);

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, new Uri(Url, UriKind.Relative));
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        foreach (var (name, value) in Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }

    public override string ToString()
    {
        var body = Body is null ? "" : Encoding.UTF8.GetString(Body);
        body = body.Length > 300 ? $"{body[..300]}… ({body.Length} chars)" : body;
        var url = Url.Length > 300 ? $"{Url[..300]}… ({Url.Length} chars)" : Url;
        var headers = string.Join("; ", Headers.Select(h => $"{h.Key}: {(h.Value.Length > 80 ? h.Value[..80] + "…" : h.Value)}"));
        return $"[{Kind}] {Method} {url} {(ContentType is null ? "" : $"Content-Type: {ContentType} ")}{headers} {body}".TrimEnd();
    }
}
