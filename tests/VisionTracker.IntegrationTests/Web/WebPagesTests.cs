using System.Net;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Operations;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Web;

/// <summary>
/// The pages through HTTP on each database (the browser tests run the service on SQLite only). PostgreSQL's reads are
/// asynchronous where SQLite's complete at once, so a page that renders before it has loaded fails there and only there.
/// </summary>
public sealed class WebPagesTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    [Fact]
    public async Task ALeadersPages_Load_AndTheFoundationFormSaves()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        using var browser = new WebBrowserSession(factory.Server.CreateHandler());
        var (_, signIn, _) = await browser.GetAsync("/sign-in");
        (await browser.SubmitAsync(signIn, "/sign-in", ("Input.Token", scene.Leader.Token))).Status.ShouldBe(HttpStatusCode.Found);

        foreach (var path in new[] { "/", "/foundation", "/reflections", "/notifications", "/goals/new", $"/goals/{scene.GoalId}" })
        {
            var (status, html, _) = await browser.GetAsync(path);
            status.ShouldBe(HttpStatusCode.OK, path);
            html.ShouldContain("<h1", Case.Sensitive, path);
        }

        var (_, foundation, _) = await browser.GetAsync("/foundation");
        var (saved, _, _) = await browser.SubmitAsync(foundation, "/foundation", ("Input.Text", "Jeg leder med tillid."), ("Input.GoalIds", scene.GoalId.ToString()));

        saved.ShouldBe(HttpStatusCode.OK);
        var stored = await factory.WithDbAsync(db => db.LeadershipFoundations.Where(f => f.PersonId == scene.Leader.Id).Select(f => new { f.Text, f.CommittedGoalIds }).SingleAsync());
        stored.Text.ShouldBe("Jeg leder med tillid.");
        stored.CommittedGoalIds.ShouldBe([scene.GoalId]);
    }

    [Fact]
    public async Task ADepartmentHeadsAndAnAdministratorsPages_Load()
    {
        var scene = await factory.ArrangeGoalSceneAsync("Sundhed og Omsorg");
        var head = await factory.CreatePersonAsync("Dorte Direktør", scene.Unit.Id, Role.DepartmentHead);

        await PagesLoadAsync(head.Token, "/", $"/departments/{scene.Unit.Id}", $"/goals/{scene.GoalId}");
        await PagesLoadAsync(VisionTrackerFactory.AdminToken, "/admin", "/admin/people", $"/admin/people/{scene.Leader.Id}", "/admin/periods");
    }

    private async Task PagesLoadAsync(string token, params string[] paths)
    {
        using var browser = new WebBrowserSession(factory.Server.CreateHandler());
        var (_, signIn, _) = await browser.GetAsync("/sign-in");
        (await browser.SubmitAsync(signIn, "/sign-in", ("Input.Token", token))).Status.ShouldBe(HttpStatusCode.Found);
        foreach (var path in paths)
        {
            var (status, html, _) = await browser.GetAsync(path);
            status.ShouldBe(HttpStatusCode.OK, path);
            html.ShouldContain("<h1", Case.Sensitive, path);
        }
    }
}
