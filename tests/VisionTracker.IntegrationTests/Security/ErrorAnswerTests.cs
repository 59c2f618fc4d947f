using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Security;

/// <summary>
/// OWASP API8:2023 Security Misconfiguration, as the probe found it: error answers that were 500s with no body, bodies
/// naming internal types, client errors logged as server errors. Every error is problem+json (an OData error under
/// /odata) whatever the request accepts, names nothing internal, and is logged as a warning without a stack trace.
/// </summary>
public sealed class ErrorAnswerTests(LoggedService service) : IClassFixture<LoggedService>
{
    private static readonly string[] Internals = ["VisionTracker.", "Microsoft.", "System.", "SQLite", "Sqlite", "Npgsql", "PostgreSQL", "   at ", "Exception"];

    private VisionTrackerFactory Factory => service.Factory;

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml")]
    [InlineData("image/png")]
    [InlineData("text/plain;q=0.5, text/csv")]
    public async Task Api8_SecurityMisconfiguration_UnauthenticatedWithNonJsonAccept_Is401ProblemWithChallenge(string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        var response = await Factory.CreateClient().SendAsync(request);

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Api8_SecurityMisconfiguration_NotFoundWithHtmlAccept_IsProblemJson()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/goals/{Guid.NewGuid()}");
        request.Headers.Accept.ParseAdd("text/html");

        var response = await Factory.Admin.SendAsync(request);

        await ShouldBeProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/odata/Goals?$expand=$ref")]
    [InlineData("/odata/Goals?$expand=KeyResults/$ref")]
    [InlineData("/odata/Goals?$select=$ref")]
    public async Task Api8_SecurityMisconfiguration_ExpandRef_Is400ODataError(string url)
    {
        var response = await Factory.Admin.GetAsync(url);

        var error = await ShouldBeODataErrorAsync(response, HttpStatusCode.BadRequest);
        error.ShouldContain("$ref");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Api8_SecurityMisconfiguration_FunctionParameterThatIsNoDate_Is400ODataError(bool withToken)
    {
        var client = withToken ? Factory.Admin : Factory.CreateClient();

        var response = await client.GetAsync("/odata/ThemeProgressAsOf(date='x')");

        var error = await ShouldBeODataErrorAsync(response, HttpStatusCode.BadRequest);
        error.ShouldContain("Date");
    }

    [Theory]
    [InlineData("application/json; charset=x-unknown")]
    [InlineData("application/json; charset=latin1")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=")]
    [InlineData("application/json; charset=\"\"")]
    public async Task Api8_SecurityMisconfiguration_JsonInAnUnsupportedCharset_Is415Problem(string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"name\":\"2027 H2\",\"startDate\":\"2027-07-01\",\"endDate\":\"2027-12-31\"}"));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await Factory.Admin.PostAsync("/api/periods", content);

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        problem["detail"]!.GetValue<string>().ShouldContain("UTF-8");
    }

    [Theory]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json; charset=UTF8")]
    [InlineData("application/json; charset=\"UTF-8\"; foo=bar")]
    public async Task Api8_SecurityMisconfiguration_JsonInUtf8SpelledAnotherWay_IsReadNot500(string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"culture\":\"en\"}"));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await Factory.Admin.PutAsync("/api/me/culture", content);

        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("{\"culture\":\"e\\u0000n\"}")]
    [InlineData("{\"culture\":\"\\u0000\"}")]
    public async Task Api8_SecurityMisconfiguration_NulCharacterInAJsonText_Is400ProblemOnEveryDatabase(string json)
    {
        var content = new StringContent(json, Encoding.UTF8, "application/json");

        var response = await Factory.Admin.PutAsync("/api/me/culture", content);

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem["detail"]!.GetValue<string>().ShouldContain("U+0000");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Api8_SecurityMisconfiguration_BodyOverTheLimit_Is413ProblemUnderTheTestServerToo(bool declaresLength)
    {
        // Valid JSON that the service accepts at the limit (below), one byte past it: the limit answers, not the content.
        var body = CultureBody(1_048_577);
        HttpContent content = declaresLength ? new ByteArrayContent(body) : new UnsizedContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await Factory.Admin.PutAsync("/api/me/culture", content);

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        problem["code"]!.GetValue<string>().ShouldBe("BodyTooLarge");
        problem["detail"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Api8_SecurityMisconfiguration_BodyAtTheLimit_IsRead()
    {
        var content = new ByteArrayContent(CultureBody(1_048_576));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await Factory.Admin.PutAsync("/api/me/culture", content);

        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Api8_SecurityMisconfiguration_HangfireStatsReadAsAdmin_AnswersJson()
    {
        var response = await Factory.Admin.GetAsync("/hangfire/stats");

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        JsonNode.Parse(body).ShouldNotBeNull();
    }

    [Fact]
    public async Task Api8_SecurityMisconfiguration_HangfireStatsPostedWithoutAntiforgery_Is403()
    {
        var response = await Factory.Admin.PostAsync("/hangfire/stats", new FormUrlEncodedContent([new("metrics[]", "enqueued:count")]));

        await ShouldBeProblemAsync(response, HttpStatusCode.Forbidden);
    }

    /// <summary>Bodies that once named request types, enum types, the OData parser's types or the database engine.</summary>
    public static TheoryData<string, string, string> Malformed => new()
    {
        { "POST", "/api/periods", "{\"name\":\"x\",\"startDate\":\"2027-07-01\",\"endDate\":\"2027-12-31\",\"surprise\":1}" },
        { "POST", "/api/periods", "{\"name\":\"x\",\"startDate\":\"not a date\",\"endDate\":\"2027-12-31\"}" },
        { "POST", "/api/periods", "[1,2,3]" },
        { "POST", "/api/periods", "{\"name\": 12}" },
        { "POST", "/api/periods", "{\"name\":" },
        { "POST", "/api/goals", "{\"periodId\":\"not-a-guid\"}" },
        { "POST", "/api/goals", "{\"coCreationLevel\":\"Sometimes\"}" },
        { "POST", "/api/periods", "{" + new string('[', 100) + new string(']', 100) + "}" },
        { "GET", "/api/goals?skip=x", "" },
        { "GET", "/api/goals?take=99999999999999", "" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Api8_SecurityMisconfiguration_MalformedRequest_ProblemNamesNothingInternal(string method, string url, string body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body.Length > 0)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var response = await Factory.Admin.SendAsync(request);

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem.ToJsonString().ShouldSatisfyAllConditions(Internals.Select(i => (Action<string>)(text => text.ShouldNotContain(i))).ToArray());
    }

    [Theory]
    [InlineData("/odata/Goals?$filter=NoSuchProperty eq 1")]
    [InlineData("/odata/Goals?$filter=Title eq 1")]
    [InlineData("/odata/Goals?$orderby=Owner/NoSuch")]
    [InlineData("/odata/Goals?$apply=groupby((NoSuch))")]
    [InlineData("/odata/Goals?$filter=cast(Title,VisionTracker.Goal) eq null")]
    public async Task Api8_SecurityMisconfiguration_BadFeedQuery_ErrorNamesNothingInternal(string url)
    {
        var response = await Factory.Admin.GetAsync(url);

        var error = await ShouldBeODataErrorAsync(response, HttpStatusCode.BadRequest);
        error.ShouldSatisfyAllConditions(Internals.Select(i => (Action<string>)(text => text.ShouldNotContain(i))).ToArray());
    }

    [Fact]
    public async Task Api8_SecurityMisconfiguration_ClientErrors_AreLoggedAsWarningsWithoutStackTraces()
    {
        var before = Factory.Logs.Records.Count;

        await Factory.Admin.PostAsync("/api/periods", new StringContent("{\"name\":", Encoding.UTF8, "application/json"));
        await Factory.Admin.GetAsync($"/api/goals/{Guid.NewGuid()}");
        await Factory.Admin.GetAsync("/odata/Goals?$filter=NoSuch eq 1");
        await Factory.Admin.GetAsync("/odata/Goals?$expand=$ref");
        await Factory.CreateClient().GetAsync("/odata/ThemeProgressAsOf(date='x')");
        (await Factory.Admin.GetAsync("/odata/Goals(not-a-guid)")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var logged = Factory.Logs.Records.Skip(before).ToList();
        logged.Where(r => r.Level >= LogLevel.Error).Select(r => $"{r.Category}: {r.Message}").ShouldBeEmpty();
        logged.Where(r => r.Exception is not null).Select(r => $"{r.Category}: {r.Message}").ShouldBeEmpty();
        logged.ShouldContain(r => r.Level == LogLevel.Warning && r.Message.Contains("answered 400", StringComparison.Ordinal));
    }

    /// <summary><c>{"culture":"en"}</c> padded with spaces to <paramref name="bytes"/> bytes.</summary>
    private static byte[] CultureBody(int bytes)
    {
        var json = Encoding.UTF8.GetBytes("{\"culture\":\"en\"}");
        var body = new byte[bytes];
        Array.Fill(body, (byte)' ');
        json.CopyTo(body, 0);
        return body;
    }

    private static async Task<JsonNode> ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = JsonNode.Parse(body)!;
        problem["status"]!.GetValue<int>().ShouldBe((int)status);
        problem["title"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        return problem;
    }

    private static async Task<string> ShouldBeODataErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        var error = JsonNode.Parse(body)!["error"]!;
        error["code"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        return error["message"]!.GetValue<string>();
    }

    /// <summary>A body sent without a Content-Length: only reading it tells its size.</summary>
    private sealed class UnsizedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
