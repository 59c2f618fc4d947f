using System.Net;
using System.Text.Json.Nodes;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Platform;

/// <summary>The OpenAPI document declares each endpoint's problem responses, so generated clients see them.</summary>
public sealed class OpenApiErrorResponsesTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    private sealed record Operation(string Name, JsonNode Node)
    {
        public IReadOnlyList<string> Statuses => [.. Node["responses"]!.AsObject().Select(r => r.Key).Order(StringComparer.Ordinal)];

        public bool Declares(int status) => Statuses.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture));

        public bool HasPathParameter => Node["parameters"]?.AsArray().Any(p => p!["in"]!.GetValue<string>() == "path") == true;
    }

    private async Task<List<Operation>> OperationsAsync()
    {
        var document = await (await factory.CreateClient().GetAsync("/openapi/v1.json")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        return
        [
            .. document!["paths"]!.AsObject()
                .Where(path => path.Key.StartsWith("/api/", StringComparison.Ordinal))
                .SelectMany(path => path.Value!.AsObject().Select(op => new Operation($"{op.Key.ToUpperInvariant()} {path.Key}", op.Value!))),
        ];
    }

    [Fact]
    public async Task EveryOperation_DeclaresTheProblemsItsShapeImplies()
    {
        var operations = await OperationsAsync();

        operations.Count.ShouldBeGreaterThan(60);
        operations.Where(o => !o.Declares(401)).Select(o => o.Name).ShouldBeEmpty("every /api route needs a token");
        operations.Where(o => o.HasPathParameter && !o.Declares(404)).Select(o => o.Name).ShouldBeEmpty("a route naming a resource can miss it");
        operations.Where(o => o.Node["requestBody"] is not null && !o.Declares(400)).Select(o => o.Name).ShouldBeEmpty("a body can be invalid");
        operations.Where(o => o.Declares(412) != o.Node["summary"]!.GetValue<string>().Contains("Honours If-Match", StringComparison.Ordinal))
            .Select(o => o.Name).ShouldBeEmpty("412 is declared exactly where the summary says the route honours If-Match");
        operations.Where(o => o.Declares(412) && !(o.Declares(404) && o.Declares(409))).Select(o => o.Name).ShouldBeEmpty();
    }

    [Fact]
    public async Task EveryDeclaredProblem_IsAProblemDocument()
    {
        var operations = await OperationsAsync();

        var problems = operations
            .SelectMany(o => o.Node["responses"]!.AsObject().Where(r => r.Key[0] == '4').Select(r => (o.Name, Status: r.Key, Response: r.Value!)))
            .ToList();

        problems.Count.ShouldBeGreaterThan(200);
        problems.Where(p => p.Response["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>() is not
                ("#/components/schemas/ProblemDetails" or "#/components/schemas/HttpValidationProblemDetails"))
            .Select(p => $"{p.Name} {p.Status}").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("PUT /api/goals/{id}", "200 400 401 403 404 409 412")]
    [InlineData("GET /api/goals", "200 400 401")]
    [InlineData("POST /api/key-results/{id}/check-ins", "200 201 400 401 403 404 409")]
    [InlineData("DELETE /api/people/{id}/tokens/{tokenId}", "204 401 403 404 409")]
    [InlineData("GET /api/vision/tree", "200 400 401 404")]
    public async Task Operation_DeclaresItsResponses(string name, string statuses)
    {
        var operations = await OperationsAsync();

        var operation = operations.Single(o => o.Name == name);

        string.Join(' ', operation.Statuses).ShouldBe(statuses);
    }
}
