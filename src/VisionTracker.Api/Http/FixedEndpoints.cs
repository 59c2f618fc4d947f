using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace VisionTracker.Api.Http;

/// <summary>
/// ASP.NET Core builds a minimal API's endpoints (<c>RequestDelegateFactory</c>: reflection and compiled expressions for
/// every route) each time its data source is enumerated, and at start two consumers enumerate them: the authorization
/// policy cache when the pipeline is built, and the routing middleware's matcher on the first request. A data source
/// whose change token can never fire has endpoints that never change, so here they are built once, on the thread that
/// builds the pipeline while the database is brought up to date (Program.cs), and every later consumer reads that list
/// (start to first answer, docs/performance.md).
/// </summary>
public static class FixedEndpoints
{
    public static void BuildOnce(IEndpointRouteBuilder app)
    {
        var sources = app.DataSources.Select(s => NeverChanges(s.GetChangeToken()) ? new BuiltOnce(s) : s).ToList();
        app.DataSources.Clear();
        foreach (var source in sources)
        {
            app.DataSources.Add(source);
            _ = source.Endpoints;
        }
    }

    private static bool NeverChanges(IChangeToken token) =>
        token is NullChangeToken || (token is CompositeChangeToken composite && composite.ChangeTokens.All(NeverChanges));

    private sealed class BuiltOnce(EndpointDataSource source) : EndpointDataSource
    {
        private readonly Lazy<IReadOnlyList<Endpoint>> endpoints = new(() => source.Endpoints);

        public override IReadOnlyList<Endpoint> Endpoints => endpoints.Value;

        public override IChangeToken GetChangeToken() => NullChangeToken.Singleton;

        public override IReadOnlyList<Endpoint> GetGroupedEndpoints(RouteGroupContext context) => source.GetGroupedEndpoints(context);
    }
}
