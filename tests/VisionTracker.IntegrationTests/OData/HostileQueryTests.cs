using System.Net;
using System.Net.Http.Headers;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.OData;

/// <summary>
/// Malformed, oversized and refused requests: each answers the documented 4xx (501 for $search) with an OData error body
/// that names the problem and gives away no internals; none of them, nor any odd but well-formed query, is a 5xx.
/// </summary>
public sealed class HostileQueryTests(DemoFeedFixture fixture) : IClassFixture<DemoFeedFixture>
{
    private const string SomeGuid = "01a2257c-0000-7000-8000-000000000000";

    private HttpClient Admin => fixture.Factory.Admin;

    /// <summary>Requests built in code: too long, too many nodes, too deep.</summary>
    public static TheoryData<string, string, HttpStatusCode> Oversized => new()
    {
        { "200 'or' terms (node count)", "/odata/Goals?$filter=" + string.Join(" or ", Enumerable.Repeat("IsArchived", 200)), HttpStatusCode.BadRequest },
        { "200 'or' terms in a nested $filter (node count)", "/odata/Goals?$expand=KeyResults($filter=" + string.Join(" or ", Enumerable.Repeat("true", 200)) + ")", HttpStatusCode.BadRequest },
        { "12 $orderby properties", "/odata/Goals?$orderby=" + string.Join(",", Enumerable.Repeat("Title", 12)), HttpStatusCode.BadRequest },
        { "a 5000-character query", "/odata/Goals?$filter=contains(Title,'" + new string('x', 5000) + "')", HttpStatusCode.BadRequest },
        { "1500 nested parentheses", "/odata/Goals?$filter=" + new string('(', 1500) + "true" + new string(')', 1500), HttpStatusCode.BadRequest },
    };

    /// <summary>Odd but possibly valid queries: whatever the answer, it is not a server error.</summary>
    public static TheoryData<string> Odd => new()
    {
        "/odata/Goals?$filter=Progress div 0 gt 1",
        "/odata/Goals?$filter=1 div 0 eq 1",
        "/odata/Goals?$filter=Version mod 0 eq 0",
        "/odata/Goals?$filter=Version div 0 eq 0",
        "/odata/Goals?$orderby=Progress div 0",
        "/odata/Goals?$filter=cast(Title,Edm.Int32) eq 1",
        "/odata/Goals?$filter=cast(Progress,Edm.String) eq '1'",
        "/odata/Goals?$filter=substring(Title,-1) eq 'a'",
        "/odata/Goals?$filter=substring(Title,1000000) eq ''",
        "/odata/Goals?$filter=substring(Title,1,-5) eq ''",
        "/odata/Goals?$filter=indexof(Title,'') eq 0",
        "/odata/Goals?$filter=length(Title) gt 2147483648",
        "/odata/Goals?$filter=Version gt 99999999999999999999",
        "/odata/Goals?$filter=Progress gt 1e309",
        "/odata/Goals?$filter=Progress eq INF or Progress eq -INF or Progress eq NaN",
        "/odata/Goals?$filter=year(CreatedAt) eq 99999",
        "/odata/Goals?$filter=CreatedAt lt 0001-01-01T00:00:00Z",
        "/odata/Goals?$filter=CreatedAt gt 9999-12-31T23:59:59.9999999Z",
        "/odata/Goals?$filter=CreatedAt gt 2027-01-01T00:00:00+14:00",
        "/odata/Actions?$filter=DueDate eq 9999-12-31",
        "/odata/Actions?$filter=DueDate eq 0001-01-01",
        "/odata/Goals?$filter=now() gt CreatedAt",
        "/odata/Goals?$filter=maxdatetime() gt CreatedAt and mindatetime() lt CreatedAt",
        "/odata/Goals?$filter=fractionalseconds(CreatedAt) gt 0",
        "/odata/Goals?$filter=totaloffsetminutes(CreatedAt) eq 0",
        "/odata/Goals?$filter=date(CreatedAt) eq 2026-01-01 and time(CreatedAt) eq 00:00:00",
        "/odata/Goals?$filter=round(Progress) eq 1 and floor(Confidence) eq 0 and ceiling(Progress) eq 1",
        "/odata/Goals?$filter=Title in ('a','b')",
        "/odata/Goals?$filter=Title in ()",
        "/odata/Goals?$filter=contains(Title,'%25') or contains(Title,'_') or contains(Title,'[')",
        "/odata/Goals?$filter=Title eq '%00'",
        "/odata/Goals?$filter=Title eq 'ÆØÅ æøå'",
        "/odata/Goals?$filter=not not not IsArchived",
        "/odata/Goals?$filter=KeyResults/all(k: k/Progress ge 0)",
        "/odata/Goals?$filter=KeyResults/$count gt 2",
        "/odata/Goals?$orderby=KeyResults/$count desc",
        "/odata/Goals?$orderby=Owner/Name,OwnerUnit/Parent/Name",
        "/odata/Goals?$filter=Owner/HomeUnit/Parent/Parent/Parent/Name eq 'x'",
        "/odata/Goals?$filter=Title eq @p&@p='x'",
        "/odata/Goals?$filter=Title eq @p",
        "/odata/Goals?$filter=$it/Title eq 'x'",
        "/odata/Goals?$filter=$it",
        "/odata/Goals?$select=*",
        "/odata/Goals?$expand=*",
        "/odata/Goals?$expand=KeyResults($levels=2)",
        "/odata/OrgUnits?$expand=Children($levels=max)",
        "/odata/Goals?$expand=KeyResults($top=1;$skip=1;$orderby=Title;$count=true)",
        "/odata/Goals?$expand=KeyResults($expand=Actions($top=1))",
        "/odata/Goals?$expand=KeyResults($expand=Actions($orderby=Progress desc))",
        "/odata/Goals?$expand=Owner,OwnerUnit,Period,ParentGoal,Themes,Collaborations,Actions",
        "/odata/Goals?$apply=groupby((OwnerUnit/Name),aggregate(Progress with countdistinct as D))",
        "/odata/Goals?$apply=aggregate(Progress with average as P)/filter(P gt 0)",
        "/odata/Goals?$apply=compute(length(Title) as L)/groupby((L),aggregate($count as N))",
        "/odata/Goals?$apply=groupby((ParentGoal/Title))",
        "/odata/Goals?$apply=groupby((OwnerUnitId))&$orderby=OwnerUnitId desc&$top=2&$skip=1",
        "/odata/Goals?$apply=groupby((OwnerUnitId))&$orderby=Title",
        "/odata/Goals?$apply=groupby((OwnerUnitId))&$select=Title",
        "/odata/Goals?$apply=groupby((OwnerUnitId))&$expand=KeyResults",
        "/odata/Goals?$apply=groupby((OwnerUnitId))&$filter=Title eq 'x'",
        "/odata/Goals?$apply=top(5,Progress)",
        "/odata/Goals?$apply=concat(filter(IsArchived),filter(not IsArchived))",
        "/odata/Goals?$apply=aggregate(Progress with sum as Progress)",
        "/odata/Goals?$apply=aggregate($count as N)&$top=0",
        "/odata/Goals?$apply=filter(true)/filter(true)/filter(true)/filter(true)/filter(true)/filter(true)/filter(true)/filter(true)",
        "/odata/Goals?$compute=Progress mul 2 as Double&$select=Double,Id",
        "/odata/Goals?$compute=Progress mul 2 as Double&$filter=Double gt 1",
        "/odata/Goals?$compute=Progress mul 2 as Title",
        "/odata/Collaborations?$compute=length(PartnerName) as L&$select=L",
        "/odata/Goals?$top=0",
        "/odata/Goals?$count=true&$top=0",
        "/odata/Goals?$format=json;odata.metadata=full",
        "/odata/Goals?$format=application/json;odata.metadata=none",
        "/odata/Goals?$apply=groupby((OwnerUnitId))&$format=application/json;odata.metadata=full",
        "/odata/Goals/$count?$top=1",
        "/odata/Goals/$count?$filter=Nope eq 1",
        "/odata/Goals/$count?$apply=groupby((OwnerUnitId))",
        "/odata/Goals/$value",
        "/odata/Goals/$ref",
        $"/odata/Goals({SomeGuid})/KeyResults",
        $"/odata/Goals({SomeGuid})/Title",
        "/odata/$batch",
        "/odata/$metadata?$filter=x",
        "/odata?$top=1",
        "/odata/ThemeProgressAsOf(date=2027-02-30)",
        "/odata/ThemeProgressAsOf(date=notadate)",
        "/odata/ThemeProgressAsOf()",
        "/odata/ThemeProgressAsOf(date=2027-06-30,extra=1)",
        "/odata/UnitProgressAsOf(date=0001-01-01)",
        "/odata/UnitProgressAsOf(date=9999-12-31)",
        "/odata/ThemeProgressAsOf(date=2027-06-30)?$apply=groupby((PeriodId),aggregate($count as N))",
        "/odata/ThemeProgressAsOf(date=2027-06-30)/$count",
        "/odata/AlignmentGaps(Kind='OrphanGoal')",
        "/odata/AlignmentGaps(Kind='Nope',SubjectId=not-a-guid)",
        "/odata/ProgressSnapshots(99999999999999999999)",
        "/odata/ProgressSnapshots(-1)",
        "/odata/ThemeProgress?$apply=groupby((ThemeTitle),aggregate(StaleKeyResultCount with sum as S))",
        "/odata/UnitProgress?$orderby=SnapshotDate desc,StaleKeyResultCount",
        "/odata/AlignmentGaps?$apply=groupby((Kind),aggregate($count as N))",
        "/odata/AlignmentGaps?$orderby=OwnerName,LastCheckInAt desc&$top=5&$skip=2",
        "/odata/Goals?$compute=" + string.Join(" add ", Enumerable.Repeat("Progress", 250)) + " as Big&$select=Big",
        "/odata/Goals?$apply=" + string.Join("/", Enumerable.Repeat("filter(true)", 300)),
    };

    [Theory]
    [InlineData("/odata/Goals?$filter=null", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$filter=Nope eq 1", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$filter=(", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$filter=Title eq", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$top=100000", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$top=-1", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$skip=abc", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$orderby=Nope", HttpStatusCode.BadRequest)]
    [InlineData("/odata/People?$select=Email", HttpStatusCode.BadRequest)]
    [InlineData("/odata/CheckIns?$select=Note", HttpStatusCode.BadRequest)]
    [InlineData("/odata/People?$filter=Email eq 'x'", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$expand=KeyResults($expand=Actions($expand=CheckIns($expand=KeyResult)))", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$filter=matchesPattern(Title,'a.*')", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$apply=filter(matchesPattern(Title,'a'))", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$compute=matchesPattern(Title,'a') as M", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$search=x", HttpStatusCode.NotImplemented)]
    [InlineData("/odata/Goals?$foo=1", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$format=application/x-evil", HttpStatusCode.NotAcceptable)]
    [InlineData("/odata/Goals?$format=xml", HttpStatusCode.NotAcceptable)]
    [InlineData("/odata/NoSuchSet", HttpStatusCode.NotFound)]
    [InlineData("/odata/Goals(not-a-guid)", HttpStatusCode.NotFound)]
    [InlineData("/odata/Goals(" + SomeGuid + ")", HttpStatusCode.NotFound)]
    [InlineData("/odata/AlignmentGaps(Kind='OrphanGoal',SubjectId=" + SomeGuid + ")", HttpStatusCode.NotFound)]
    [InlineData("/odata/ProgressSnapshots(999999999)", HttpStatusCode.NotFound)]
    [InlineData("/odata/Goals(" + SomeGuid + ")?$top=1", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals(" + SomeGuid + ")?$filter=IsArchived", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$apply=groupby((Nope))", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$apply=aggregate(Nope with sum as S)", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$apply=aggregate(Title with sum as S)", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$top=1001", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$top=2147483648", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$skip=-1", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$skip=1000001", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$count=maybe", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$skiptoken=abc", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$expand=Nope", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$select=Nope", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$compute=Nope as X", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$filter=Title eq 'unterminated", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$filter=Id eq 1", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$filter=Title", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Actions?$filter=DueDate eq 2027-13-45", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$orderby=KeyResults", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$orderby=Title sideways", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$filter=KeyResults/any(k:k/Actions/any(a:a/CheckIns/any(c:c/Confidence gt 0)))", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Goals?$filter=Title eq 'a'&$filter=Title eq 'b'", HttpStatusCode.BadRequest)]
    public async Task AHostileQuery_IsRefusedWithItsStatusAndAnODataError(string url, HttpStatusCode expected)
    {
        using var response = await Admin.GetAsync(new Uri(url, UriKind.Relative));

        await response.ShouldBeODataErrorAsync(expected, $"GET {url}");
    }

    [Theory]
    [MemberData(nameof(Oversized))]
    public async Task AnOversizedQuery_IsRefusedWithAnODataError(string what, string url, HttpStatusCode expected)
    {
        using var response = await Admin.GetAsync(new Uri(url, UriKind.Relative));

        var error = await response.ShouldBeODataErrorAsync(expected, what);
        if (url.Length > 4096)
        {
            error["code"]!.GetValue<string>().ShouldBe("QueryTooLong");
        }
        else if (what.Contains("node count", StringComparison.Ordinal))
        {
            error["message"]!.GetValue<string>().ShouldContain("node count", Case.Insensitive);
        }
    }

    [Theory]
    [InlineData("POST", "/odata/Goals")]
    [InlineData("PUT", "/odata/Goals(" + SomeGuid + ")")]
    [InlineData("PATCH", "/odata/Goals(" + SomeGuid + ")")]
    [InlineData("DELETE", "/odata/Goals(" + SomeGuid + ")")]
    [InlineData("POST", "/odata/ThemeProgressAsOf(date=2027-06-30)")]
    [InlineData("POST", "/odata/$batch")]
    public async Task AnythingButGet_Answers405(string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("{\"Title\":\"x\"}", new MediaTypeHeaderValue("application/json")) };

        using var response = await Admin.SendAsync(request);

        await response.ShouldBeODataErrorAsync(HttpStatusCode.MethodNotAllowed, $"{method} {url}");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer vt_not_a_token")]
    [InlineData("Basic bm9ib2R5Ondyb25n")]
    [InlineData("Basic !!!not-base64!!!")]
    [InlineData("Basic " + "OnZ0X3Rlc3RfYm9vdHN0cmFwX2FkbWluX3Rva2VuWA==")]
    public async Task WithoutAValidToken_Answers401AndOffersBasic(string? authorization)
    {
        using var client = fixture.Factory.CreateClient();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.GetAsync(new Uri("/odata/Goals", UriKind.Relative));

        await response.ShouldBeODataErrorAsync(HttpStatusCode.Unauthorized, $"Authorization: {authorization}");
        response.Headers.WwwAuthenticate.Select(h => h.Scheme).ShouldContain("Basic");
    }

    [Theory]
    [MemberData(nameof(Odd))]
    public async Task AnOddQuery_IsNeverAServerError(string url)
    {
        using var response = await Admin.GetAsync(new Uri(url, UriKind.Relative));

        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBeLessThan(500, $"GET {url}: {body}");
        if (!response.IsSuccessStatusCode)
        {
            await response.ShouldBeODataErrorAsync(response.StatusCode, $"GET {url}");
        }
    }
}
