using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VisionTracker.Domain.Organisation;
using VisionTracker.Infrastructure.Persistence;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Security;

/// <summary>
/// OWASP API5:2023 Broken Function Level Authorization and API2:2023 Broken Authentication around personal tokens: a
/// token is the power to act as its holder, so only an administrator of the whole organisation issues one for someone
/// else (never for another such administrator); tokens expire by default and within a maximum; a new bootstrap value
/// in configuration replaces the old one.
/// </summary>
public sealed class TokenTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    [Fact]
    public async Task Api5_BrokenFunctionLevelAuthorization_DepartmentAdmin_CannotIssueATokenForTheDepartmentsDirector()
    {
        var department = await factory.CreateUnitAsync("Borgerservice");
        var departmentAdmin = await factory.CreatePersonAsync("Afdelingsadministrator", department.Id, Role.Admin);
        var director = await factory.CreatePersonAsync("Direktør", department.Id, Role.DepartmentHead);

        var forDirector = await departmentAdmin.Client.PostJsonAsync($"/api/people/{director.Id}/tokens", new { name = "Låner" });
        var ownToken = await departmentAdmin.Client.PostJsonAsync($"/api/people/{departmentAdmin.Id}/tokens", new { name = "Min egen" });

        (await forDirector.ShouldHaveStatusAsync(HttpStatusCode.Forbidden))!["code"]!.GetValue<string>().ShouldBe("ForbiddenTokenForOther");
        await ownToken.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var directorsTokens = await (await director.Client.GetAsync($"/api/people/{director.Id}/tokens")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        directorsTokens!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Api5_BrokenFunctionLevelAuthorization_GlobalAdmin_IssuesForADepartmentHeadButNotForAnotherGlobalAdmin()
    {
        var department = await factory.CreateUnitAsync("Kultur");
        var head = await factory.CreatePersonAsync("Kulturchef", department.Id, Role.DepartmentHead);
        var otherAdmin = await factory.CreatePersonAsync("Anden administrator", factory.RootUnitId, Role.Admin);

        var forHead = await factory.Admin.PostJsonAsync($"/api/people/{head.Id}/tokens", new { name = "Power BI" });
        var forAdmin = await factory.Admin.PostJsonAsync($"/api/people/{otherAdmin.Id}/tokens", new { name = "Låner" });

        await forHead.ShouldHaveStatusAsync(HttpStatusCode.Created);
        await forAdmin.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Api2_BrokenAuthentication_TokenWithoutExpiry_LivesTheDefault_AndNoneLivesLongerThanTheMaximum()
    {
        var person = await factory.CreatePersonAsync("Tokenbruger", factory.RootUnitId, Role.Viewer);
        var now = factory.Clock.GetUtcNow();

        var plain = await person.Client.PostJsonAsync($"/api/people/{person.Id}/tokens", new { name = "Excel" });
        var forever = await person.Client.PostJsonAsync($"/api/people/{person.Id}/tokens", new { name = "Evig", expiresAt = now.AddDays(366) });
        var reserved = await person.Client.PostJsonAsync($"/api/people/{person.Id}/tokens", new { name = "bootstrap" });

        (await plain.ShouldHaveStatusAsync(HttpStatusCode.Created))!["expiresAt"]!.GetValue<DateTimeOffset>().ShouldBe(now.AddDays(90));
        (await forever.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["errors"]!["expiresAt"].ShouldNotBeNull();
        (await reserved.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["errors"]!["name"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Api2_BrokenAuthentication_EveryChange_RecordsTheTokenItWasMadeWith()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var issued = await (await scene.Leader.Client.PostJsonAsync($"/api/people/{scene.Leader.Id}/tokens", new { name = "Excel" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        var secondToken = factory.ClientWithToken(issued!["secret"]!.GetValue<string>());

        var checkIn = await (await secondToken.PostJsonAsync($"/api/key-results/{scene.KeyResultId}/check-ins", new { value = 20, confidence = 0.5 }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);

        var trail = await (await factory.Admin.GetAsync($"/api/audit?entityType=CheckIn&entityId={checkIn!["id"]}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var entry = trail!["items"]!.AsArray().ShouldHaveSingleItem()!;
        entry["actorId"]!.GetValue<Guid>().ShouldBe(scene.Leader.Id);
        entry["tokenId"]!.GetValue<Guid>().ShouldBe(issued["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Api2_BrokenAuthentication_NewBootstrapValueInConfiguration_ReplacesTheOldOne()
    {
        await using var service = new VisionTrackerFactory { AdminHasPersonalToken = false };
        await service.InitializeAsync();
        const string Rotated = "vt_rotated_bootstrap_value_after_a_leak";

        using (var scope = service.Services.CreateScope())
        {
            var restart = ActivatorUtilities.CreateInstance<DatabaseInitializer>(
                scope.ServiceProvider, Options.Create(new BootstrapOptions { BootstrapAdminToken = Rotated }));
            await restart.InitializeAsync(CancellationToken.None);
        }

        await (await service.Admin.GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
        await (await service.ClientWithToken(Rotated).GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Api5_BrokenFunctionLevelAuthorization_ReadOnlyToken_ReadsTheApiAndTheFeed_ButEveryWriteIs403()
    {
        var scene = await factory.ArrangeGoalSceneAsync();
        var issued = await (await scene.Leader.Client.PostJsonAsync($"/api/people/{scene.Leader.Id}/tokens", new { name = "Power BI", kind = "ReadOnly" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        issued!["kind"]!.GetValue<string>().ShouldBe("ReadOnly");
        var reporting = factory.ClientWithToken(issued["secret"]!.GetValue<string>());

        await (await reporting.GetAsync($"/api/key-results/{scene.KeyResultId}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await reporting.GetAsync("/odata/Goals")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var checkIn = await reporting.PostJsonAsync($"/api/key-results/{scene.KeyResultId}/check-ins", new { value = 20, confidence = 0.5 });
        var ownToken = await reporting.PostJsonAsync($"/api/people/{scene.Leader.Id}/tokens", new { name = "Fuld" });

        (await checkIn.ShouldHaveStatusAsync(HttpStatusCode.Forbidden))!["code"]!.GetValue<string>().ShouldBe("ReadOnlyToken");
        await ownToken.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        var stored = await factory.WithDbAsync(db => db.CheckIns.CountAsync(c => c.KeyResultId == scene.KeyResultId));
        stored.ShouldBe(0);
        var listed = await (await scene.Leader.Client.GetAsync($"/api/people/{scene.Leader.Id}/tokens")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        listed!.AsArray().Single(t => t!["id"]!.GetValue<Guid>() == issued["id"]!.GetValue<Guid>())!["kind"]!.GetValue<string>().ShouldBe("ReadOnly");
    }

    [Fact]
    public async Task Api2_BrokenAuthentication_LastUsedTime_IsWrittenAtMostOnceAMinutePerToken()
    {
        var person = await factory.CreatePersonAsync("Flittig bruger", factory.RootUnitId, Role.Viewer);
        var first = factory.Clock.GetUtcNow().UtcDateTime;

        await (await person.Client.GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        await (await person.Client.GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var afterTwo = await LastUsedAsync(person);
        factory.Clock.Advance(TimeSpan.FromSeconds(31));
        await (await person.Client.GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var afterThree = await LastUsedAsync(person);

        afterTwo.ShouldBe(first);
        afterThree.ShouldBe(first.AddSeconds(61));
    }

    [Fact]
    public async Task Api2_BrokenAuthentication_BootstrapToken_StopsWorking_OnceAGlobalAdminHasAPersonalToken()
    {
        await using var service = new VisionTrackerFactory { AdminHasPersonalToken = false };
        await service.InitializeAsync();
        var me = await (await service.Admin.GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var readOnly = await service.Admin.PostJsonAsync($"/api/people/{me!["id"]}/tokens", new { name = "Rapporter", kind = "ReadOnly" });
        await readOnly.ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await service.Admin.GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var personal = await (await service.Admin.PostJsonAsync($"/api/people/{me["id"]}/tokens", new { name = "Min egen" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);

        await (await service.Admin.GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
        await (await service.ClientWithToken(personal!["secret"]!.GetValue<string>()).GetAsync("/api/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    private Task<DateTime?> LastUsedAsync(TestPerson person) =>
        factory.WithDbAsync(db => db.ApiTokens.Where(t => t.PersonId == person.Id).Select(t => t.LastUsedAt).SingleAsync());
}
