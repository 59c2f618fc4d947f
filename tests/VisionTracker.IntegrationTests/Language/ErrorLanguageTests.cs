using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Planning;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Language;

/// <summary>
/// Errors speak the caller's language: the same failing request made by a Danish and an English caller gives the same
/// status and codes, and texts in Danish (no English words) and in English. One scene per host serves every row.
/// </summary>
public sealed partial class ErrorLanguageTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    private static readonly ConditionalWeakTable<VisionTrackerFactory, Task<Scene>> Scenes = new();

    private static readonly string[] EnglishWords = ["the", "is", "was", "must", "only", "not", "you", "cannot", "this", "found", "request", "value", "valid", "needs", "failed"];

    private static readonly string[] DanishWords = ["ikke", "skal", "findes", "og", "du", "er", "må", "kun", "forespørgslen", "gyldig", "værdien"];

    private sealed record Scene(Caller Danish, Caller English, Caller DanishViewer, Caller EnglishViewer, Guid UnitId, Guid PeriodId, Guid ClosedPeriodId, Guid GoalId);

    private sealed record Caller(HttpClient Client, string Language);

    private Task<Scene> SceneAsync() => Scenes.GetValue(factory, f => ArrangeAsync(f));

    private static async Task<Scene> ArrangeAsync(VisionTrackerFactory f)
    {
        var unit = await f.CreateUnitAsync("Sundhed og Omsorg");
        var da = await f.CreatePersonAsync("Dorte Dansk", unit.Id, Role.DepartmentHead, "da");
        var en = await f.CreatePersonAsync("Emma English", unit.Id, Role.DepartmentHead, "en");
        var viewerDa = await f.CreatePersonAsync("Vagn Visning", unit.Id, Role.Viewer, "da");
        var viewerEn = await f.CreatePersonAsync("Vera Viewer", unit.Id, Role.Viewer, "en");
        var period = await f.ArrangePeriodAsync();
        var closed = await f.ArrangePeriodAsync(PeriodState.Closed);
        var goal = await f.ArrangeGoalAsync(period, unit.Id, da.Id);
        return new Scene(new(da.Client, "da"), new(en.Client, "en"), new(viewerDa.Client, "da"), new(viewerEn.Client, "en"), unit.Id, period, closed, goal);
    }

    private static object Goal(Guid periodId, Guid unitId, string title = "Flere ældre i bevægelse", string citizenValue = "Ældre borgere holder sig friske længere") =>
        new { periodId, ownerUnitId = unitId, title, description = "", citizenValue, coCreationLevel = "Involve", greenTransition = false };

    public static TheoryData<string, HttpStatusCode, string> Failures => new()
    {
        { "validation", HttpStatusCode.BadRequest, "ValidationFailed" },
        { "malformed-json", HttpStatusCode.BadRequest, "JsonInvalid" },
        { "not-found", HttpStatusCode.NotFound, "NotFound" },
        { "forbidden", HttpStatusCode.Forbidden, "ForbiddenRoleNeeded" },
        { "domain-rule", HttpStatusCode.Conflict, "PeriodClosed" },
        { "precondition", HttpStatusCode.PreconditionFailed, "PreconditionFailed" },
        { "media-type", HttpStatusCode.UnsupportedMediaType, "BodyWrongMediaType" },
        { "unauthorized", HttpStatusCode.Unauthorized, "Unauthorized" },
        { "feed", HttpStatusCode.NotFound, "NotFound" },
        { "feed-expand-top", HttpStatusCode.BadRequest, "BadQuery" },
        { "feed-as-of", HttpStatusCode.BadRequest, "DateOutOfRange" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Failure_ForDanishAndEnglishCallers_SameCodesTextsInTheirLanguage(string failure, HttpStatusCode status, string code)
    {
        var scene = await SceneAsync();

        var danish = await SendAsync(scene, failure, danish: true);
        var english = await SendAsync(scene, failure, danish: false);

        foreach (var (response, language) in new[] { (danish, "da"), (english, "en") })
        {
            response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
            response.Content.Headers.ContentLanguage.ShouldBe([language]);
        }

        var (da, en) = (await BodyAsync(danish), await BodyAsync(english));
        CodeOf(da).ShouldBe(code);
        CodeOf(en).ShouldBe(code);
        da["fieldCodes"]?.ToJsonString().ShouldBe(en["fieldCodes"]?.ToJsonString());
        da["type"]?.ToJsonString().ShouldBe(en["type"]?.ToJsonString());
        var (daTexts, enTexts) = (Texts(da), Texts(en));
        daTexts.ShouldNotBeEmpty();
        daTexts.Count.ShouldBe(enTexts.Count);
        foreach (var text in daTexts)
        {
            enTexts.ShouldNotContain(text);
            Words(text).Intersect(EnglishWords).ShouldBeEmpty($"English in a Danish answer: {text}");
        }

        foreach (var text in enTexts)
        {
            Words(text).Intersect(DanishWords).ShouldBeEmpty($"Danish in an English answer: {text}");
        }
    }

    [Fact]
    public async Task Failure_ForAValidationError_NamesEachFieldWithItsStableCode()
    {
        var scene = await SceneAsync();

        var body = await BodyAsync(await SendAsync(scene, "validation", danish: true));

        body["fieldCodes"]!["title"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["NotEmptyValidator"]);
        body["fieldCodes"]!["citizenValue"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["CitizenValueMissing"]);
        body["errors"]!["citizenValue"]![0]!.GetValue<string>().ShouldBe("Skriv, hvem der får gavn af målet, og hvordan (værdi for borgerne).");
    }

    [Theory]
    [InlineData("da", "en", "da")]
    [InlineData("en", "da", "en")]
    [InlineData(null, "en-GB,en;q=0.9", "en")]
    [InlineData(null, "da-DK", "da")]
    [InlineData(null, "fr-FR,de;q=0.8", "da")]
    [InlineData(null, null, "da")]
    public async Task Language_PersonsPreferenceFirstThenAcceptLanguageThenDanish(string? preference, string? acceptLanguage, string expected)
    {
        var scene = await SceneAsync();
        var client = preference switch { "da" => scene.Danish.Client, "en" => scene.English.Client, _ => factory.CreateClient() };
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/goals/{Guid.NewGuid()}");
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(preference is null ? HttpStatusCode.Unauthorized : HttpStatusCode.NotFound);
        response.Content.Headers.ContentLanguage.ShouldBe([expected]);
    }

    private async Task<HttpResponseMessage> SendAsync(Scene scene, string failure, bool danish)
    {
        var caller = danish ? scene.Danish : scene.English;
        var request = failure switch
        {
            "validation" => Json(HttpMethod.Post, "/api/goals", Goal(scene.PeriodId, scene.UnitId, title: "", citizenValue: " ")),
            "malformed-json" => Raw(HttpMethod.Post, "/api/goals", """{"periodId":"x","title":1}""", "application/json"),
            "not-found" => new HttpRequestMessage(HttpMethod.Get, $"/api/goals/{Guid.NewGuid()}"),
            "forbidden" => Json(HttpMethod.Post, "/api/goals", Goal(scene.PeriodId, scene.UnitId)),
            "domain-rule" => Json(HttpMethod.Post, "/api/goals", Goal(scene.ClosedPeriodId, scene.UnitId)),
            "precondition" => IfMatch(Json(HttpMethod.Put, $"/api/goals/{scene.GoalId}", new { title = "Ny titel", citizenValue = "c", coCreationLevel = "None", greenTransition = false }), "\"99\""),
            "media-type" => Raw(HttpMethod.Post, "/api/goals", "title=x", "text/plain"),
            "unauthorized" or "feed" => new HttpRequestMessage(HttpMethod.Get, failure == "feed" ? "/odata/NoSuchSet" : $"/api/goals/{Guid.NewGuid()}"),
            "feed-expand-top" => new HttpRequestMessage(HttpMethod.Get, "/odata/Goals?$expand=KeyResults($top=5000)"),
            "feed-as-of" => new HttpRequestMessage(HttpMethod.Get, "/odata/ThemeProgressAsOf(date=2999-01-01)"),
            _ => throw new ArgumentOutOfRangeException(nameof(failure)),
        };
        if (failure == "forbidden")
        {
            caller = danish ? scene.DanishViewer : scene.EnglishViewer;
        }

        if (failure == "unauthorized")
        {
            // Nobody signed in: the language comes from Accept-Language.
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(caller.Language));
            return await factory.CreateClient().SendAsync(request);
        }

        return await caller.Client.SendAsync(request);
    }

    private static HttpRequestMessage Json(HttpMethod method, string url, object body) =>
        new(method, url) { Content = JsonContent.Create(body, options: HttpAssertions.Json) };

    private static HttpRequestMessage Raw(HttpMethod method, string url, string body, string contentType) =>
        new(method, url) { Content = new StringContent(body, Encoding.UTF8, contentType) };

    private static HttpRequestMessage IfMatch(HttpRequestMessage request, string version)
    {
        request.Headers.TryAddWithoutValidation("If-Match", version);
        return request;
    }

    private static async Task<JsonNode> BodyAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    /// <summary>The code of a problem, or of an OData error.</summary>
    private static string CodeOf(JsonNode body) => (body["code"] ?? body["error"]!["code"])!.GetValue<string>();

    /// <summary>Every text a person reads: title, detail and field errors of a problem, or an OData error's message.</summary>
    private static List<string> Texts(JsonNode body)
    {
        var texts = new List<string>();
        foreach (var name in new[] { "title", "detail" })
        {
            if (body[name] is { } text)
            {
                texts.Add(text.GetValue<string>());
            }
        }

        texts.AddRange(body["errors"]?.AsObject().SelectMany(f => f.Value!.AsArray().Select(m => m!.GetValue<string>())) ?? []);
        if (body["error"]?["message"] is { } message)
        {
            texts.Add(message.GetValue<string>());
        }

        return texts;
    }

    private static IEnumerable<string> Words(string text) => Word().Matches(text).Select(m => m.Value.ToLowerInvariant());

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();
}
