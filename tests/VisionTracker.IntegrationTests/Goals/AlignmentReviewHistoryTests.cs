using System.Net;
using System.Text.Json.Nodes;
using VisionTracker.Domain.Organisation;
using VisionTracker.Infrastructure.Jobs;
using VisionTracker.IntegrationTests.Notifications;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Goals;

public sealed class AlignmentReviewHistoryTests : IAsyncLifetime
{
    private NotificationHost host = null!;

    private VisionTrackerFactory Factory => host.Factory;

    public async Task InitializeAsync() => host = await NotificationHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private async Task<(TestPerson Head, TestPerson Owner, Guid UnitId, PlanningSetup Plan, Guid GoalId)> ArrangeAsync(string ownerCulture = "da")
    {
        var department = await Factory.CreateUnitAsync("Teknik og Miljø");
        var head = await Factory.CreatePersonAsync("Dorte Direktør", department.Id, Role.DepartmentHead);
        var unit = await Factory.CreateUnitAsync("Mobilitet", department.Id, OrgUnitKind.Division);
        var owner = await Factory.CreatePersonAsync("Ulla Underdirektør", unit.Id, Role.DepartmentHead, ownerCulture);
        var plan = await Factory.ArrangePlanningAsync();
        var goal = await (await host.ClientOf(owner).PostJsonAsync("/api/goals", new
        {
            periodId = plan.PeriodId,
            ownerUnitId = unit.Id,
            title = "Flere cyklister",
            citizenValue = "Renere luft",
            coCreationLevel = "None",
            greenTransition = true,
        })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        return (head, owner, unit.Id, plan, goal!["id"]!.GetValue<Guid>());
    }

    private Task<HttpResponseMessage> ProposeAsync(TestPerson owner, Guid goalId, Guid themeId, string rationale) =>
        host.ClientOf(owner).PutJsonAsync($"/api/goals/{goalId}/themes/{themeId}", new { rationale });

    [Fact]
    public async Task ReviewAlignment_TwiceByHeadAbove_KeepsBothReviewsTellsOwnerInTheirLanguageAndOwnerMayNotReview()
    {
        var (head, owner, _, plan, goalId) = await ArrangeAsync(ownerCulture: "en");
        var themeId = plan.ThemeIds[0];
        await (await ProposeAsync(owner, goalId, themeId, "Færre biler")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var outsider = await Factory.CreatePersonAsync("Olga Udenfor", (await Factory.CreateUnitAsync("Børn og Unge")).Id, Role.DepartmentHead);

        var own = await host.ClientOf(owner).PostJsonAsync($"/api/goals/{goalId}/themes/{themeId}/review", new { decision = "Accepted" });
        var changes = await host.ClientOf(head).PostJsonAsync($"/api/goals/{goalId}/themes/{themeId}/review", new { decision = "ChangesRequested", comment = "Sig hvor meget" });
        host.Advance(TimeSpan.FromHours(2));
        await (await ProposeAsync(owner, goalId, themeId, "20 % færre biler i midtbyen")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var accepted = await host.ClientOf(head).PostJsonAsync($"/api/goals/{goalId}/themes/{themeId}/review", new { decision = "Accepted", comment = "Godt" });
        await host.RunJobAsync<NotificationDeliveryJob>();
        var history = await host.ClientOf(owner).GetAsync($"/api/goals/{goalId}/themes/{themeId}/reviews");
        var hidden = await outsider.Client.GetAsync($"/api/goals/{goalId}/themes/{themeId}/reviews");
        var permissions = await (await host.ClientOf(owner).GetAsync($"/api/goals/{goalId}/permissions")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var problem = await own.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        problem!["code"]!.GetValue<string>().ShouldBe("ForbiddenReviewOwnGoal");
        await changes.ShouldHaveStatusAsync(HttpStatusCode.OK);
        await accepted.ShouldHaveStatusAsync(HttpStatusCode.OK);
        permissions!["canReview"]!.GetValue<bool>().ShouldBeFalse();
        await hidden.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        var reviews = (await history.ShouldHaveStatusAsync(HttpStatusCode.OK))!.AsArray();
        reviews.Select(r => r!["decision"]!.GetValue<string>()).ShouldBe(["Accepted", "ChangesRequested"]);
        reviews.Select(r => r!["rationale"]!.GetValue<string>()).ShouldBe(["20 % færre biler i midtbyen", "Færre biler"]);
        reviews.Select(r => r!["comment"]!.GetValue<string>()).ShouldBe(["Godt", "Sig hvor meget"]);
        reviews.ShouldAllBe(r => r!["reviewerId"]!.GetValue<Guid>() == head.Id && r["reviewerName"]!.GetValue<string>() == "Dorte Direktør");
        reviews[0]!["themeTitle"]!.GetValue<string>().ShouldBe("Grøn by");
        (reviews[0]!["at"]!.GetValue<DateTime>() - reviews[1]!["at"]!.GetValue<DateTime>()).ShouldBe(TimeSpan.FromHours(2));
        var inApp = (await (await host.ClientOf(owner).GetAsync("/api/me/notifications")).ShouldHaveStatusAsync(HttpStatusCode.OK))!["items"]!.AsArray();
        inApp.Select(n => n!["kind"]!.GetValue<string>()).ShouldBe(["AlignmentReviewed", "AlignmentReviewed"]);
        var mails = host.Smtp.MessagesTo(await host.EmailOfAsync(owner.Id));
        mails.Select(m => m.Subject).ShouldBe(
            ["Alignment of \"Flere cyklister\" to \"Grøn by\": changes requested", "Alignment of \"Flere cyklister\" to \"Grøn by\": accepted"], ignoreOrder: true);
        var mail = mails.Single(m => m.Subject!.EndsWith("changes requested", StringComparison.Ordinal));
        mail.TextBody.ShouldContainExactly("Dorte Direktør reviewed the alignment of your goal \"Flere cyklister\" to the theme \"Grøn by\": changes requested (15 March 2027).");
        mail.TextBody.ShouldContainExactly("Comment: Sig hvor meget");
        mail.HtmlBody.ShouldContainExactly($"{NotificationHost.PublicBaseUrl}/goals/{goalId}");
        host.Smtp.MessagesTo(await host.EmailOfAsync(head.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task WeeklyDigest_PendingAlignments_ListedForTheHeadAboveAndNewOnlySinceThePreviousDigest()
    {
        var (head, owner, _, plan, goalId) = await ArrangeAsync();
        await (await ProposeAsync(owner, goalId, plan.ThemeIds[0], "Færre biler")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        await host.RunAndDeliverAsync<WeeklyDigestJob>();
        host.Advance(TimeSpan.FromDays(7));
        await (await ProposeAsync(owner, goalId, plan.ThemeIds[1], "Sikre skoleveje")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await host.RunAndDeliverAsync<WeeklyDigestJob>();

        var digests = host.Smtp.MessagesTo(await host.EmailOfAsync(head.Id)).Select(m => m.TextBody).ToList();
        digests.Count.ShouldBe(2);
        digests[0].ShouldContainExactly("Tilknytninger til temaer, der venter på din vurdering (1, heraf 0 nye siden sidste overblik)");
        digests[0].ShouldContainExactly("- Flere cyklister → Grøn by (ejer: Ulla Underdirektør, foreslået 15. marts 2027)");
        digests[1].ShouldContainExactly("Tilknytninger til temaer, der venter på din vurdering (2, heraf 1 nye siden sidste overblik)");
        digests[1].ShouldContainExactly("- NY: Flere cyklister → Børn og unge trives (ejer: Ulla Underdirektør, foreslået 22. marts 2027)");
        digests[1].ShouldContainExactly("- Flere cyklister → Grøn by (ejer: Ulla Underdirektør, foreslået 15. marts 2027)");
        var ownDigest = host.Smtp.MessagesTo(await host.EmailOfAsync(owner.Id))[^1].TextBody;
        ownDigest.ShouldContainExactly("Tilknytninger til temaer, der venter på din vurdering (0, heraf 0 nye siden sidste overblik)");
    }
}
