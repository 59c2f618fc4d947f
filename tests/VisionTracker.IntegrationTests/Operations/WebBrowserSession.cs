using System.Net;
using System.Text.RegularExpressions;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Operations;

/// <summary>
/// What a browser keeps between requests to the pages (cookies, the forms' hidden fields), sent to whichever instance a
/// load balancer picks (or to the in-process test server, through its handler). Cookies are kept by hand: the session
/// cookie is <c>Secure</c> in Production, and the test talks plain HTTP.
/// </summary>
public sealed partial class WebBrowserSession(HttpMessageHandler? handler = null) : IDisposable
{
    private static readonly Uri InProcess = new("http://localhost");

    private readonly Dictionary<string, string> cookies = new(StringComparer.Ordinal);
    private readonly HttpClient client = new(handler ?? new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });

    public IReadOnlyCollection<string> CookieNames => cookies.Keys;

    public Task<(HttpStatusCode Status, string Html, Uri? Location)> GetAsync(ServiceProcess service, string path) => GetAsync(service.Address, path);

    /// <summary>A page of the in-process server whose handler this session was given.</summary>
    public Task<(HttpStatusCode Status, string Html, Uri? Location)> GetAsync(string path) => GetAsync(InProcess, path);

    public Task<(HttpStatusCode Status, string Html, Uri? Location)> SubmitAsync(string page, string action, params (string Name, string Value)[] fields) =>
        SubmitAsync(page, action, InProcess, fields);

    /// <summary>Submits the form that posts to <paramref name="action"/> on a page (its hidden fields and the given ones) to <paramref name="service"/>.</summary>
    public Task<(HttpStatusCode Status, string Html, Uri? Location)> SubmitAsync(
        string page, string action, ServiceProcess service, params (string Name, string Value)[] fields) =>
        SubmitAsync(page, action, service.Address, fields);

    private async Task<(HttpStatusCode Status, string Html, Uri? Location)> GetAsync(Uri address, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, path));
        return await SendAsync(request);
    }

    private async Task<(HttpStatusCode Status, string Html, Uri? Location)> SubmitAsync(
        string page, string action, Uri address, (string Name, string Value)[] fields)
    {
        var form = Forms().Matches(page).FirstOrDefault(f => f.Groups["action"].Value == action)
            ?? throw new InvalidOperationException($"The page has no form posting to {action}.");
        var values = HiddenInputs().Matches(form.Value).Select(i => KeyValuePair.Create(WebUtility.HtmlDecode(i.Groups["name"].Value), WebUtility.HtmlDecode(i.Groups["value"].Value)))
            .Concat(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, action)) { Content = new FormUrlEncodedContent(values) };
        return await SendAsync(request);
    }

    public void Dispose() => client.Dispose();

    private async Task<(HttpStatusCode, string, Uri?)> SendAsync(HttpRequestMessage request)
    {
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        using var response = await client.SendAsync(request);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [])
        {
            var pair = header.Split(';')[0].Split('=', 2);
            var expired = header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
            if (expired || pair[1].Length == 0)
            {
                cookies.Remove(pair[0]);
            }
            else
            {
                cookies[pair[0]] = pair[1];
            }
        }

        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location);
    }

    [GeneratedRegex("<form[^>]*action=\"(?<action>[^\"]*)\"[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex Forms();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInputs();
}
