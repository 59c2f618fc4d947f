using System.Net;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Notifications;
using VisionTracker.Domain.Organisation;
using VisionTracker.Infrastructure.Jobs;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Notifications;

public sealed class WeeklyDigestTests : IAsyncLifetime
{
    private NotificationHost host = null!;

    private VisionTrackerFactory Factory => host.Factory;

    public async Task InitializeAsync() => host = await NotificationHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task WeeklyDigest_DepartmentHead_GetsProgressChangeStaleItemsSilentLeadersOrphansAndCollaborations()
    {
        var department = await Factory.CreateUnitAsync("Teknik og Miljø");
        var head = await Factory.CreatePersonAsync("Dorte Direktør", department.Id, Role.DepartmentHead);
        var team = await Factory.CreateUnitAsync("Mobilitet", department.Id, OrgUnitKind.Unit);
        var busy = await Factory.CreatePersonAsync("Lone Leder", team.Id, Role.Leader);
        var silent = await Factory.CreatePersonAsync("Sune Stille", team.Id, Role.Leader);
        var partner = await Factory.CreateUnitAsync("Børn og Unge");
        var emptyDepartment = await Factory.CreateUnitAsync("Kultur og Borgerservice");
        var otherHead = await Factory.CreatePersonAsync("Oliver Other", emptyDepartment.Id, Role.DepartmentHead, culture: "en");
        var period = await Factory.ArrangePeriodAsync();
        var goal = await Factory.ArrangeGoalAsync(period, team.Id, busy.Id, title: "Flere cyklister i Aarhus");
        var checkedIn = await Factory.ArrangeKeyResultAsync(goal, busy.Id, title: "Cykelture");
        await Factory.ArrangeKeyResultAsync(goal, silent.Id, title: "Nye cykelstier");
        host.Advance(TimeSpan.FromDays(15));
        var checkIn = await busy.Client.PostJsonAsync($"/api/key-results/{checkedIn}/check-ins", new { value = 100, confidence = 0.7, note = "Halvvejs" });
        await checkIn.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var today = new DateOnly(2027, 3, 30);
        var now = Factory.Clock.GetUtcNow().UtcDateTime;
        var older = await Factory.CreateUnitAsync("Sundhed og Omsorg");
        await Factory.WithDbAsync(async db =>
        {
            db.ProgressSnapshots.Add(new ProgressSnapshot
            {
                SubjectKind = FigureSubject.OrgUnit,
                SubjectId = department.Id,
                PeriodId = period,
                Date = today.AddDays(-7),
                OrgUnitId = department.Id,
                Figures = new FigureValues { Progress = 0.10 },
                TakenAt = Factory.Clock.GetUtcNow().UtcDateTime.AddDays(-7),
            });
            db.Collaborations.Add(Collaboration.Create(goal, null, CollaborationKind.CrossUnit, partner.Id, null, null, "Skoleveje", now.AddDays(-2)));
            db.Collaborations.Add(Collaboration.Create(goal, null, CollaborationKind.CrossUnit, older.Id, null, null, "Sund transport", now.AddDays(-9)));
            db.Collaborations.Add(Collaboration.Create(goal, null, CollaborationKind.CrossUnit, emptyDepartment.Id, null, null, "Udstilling", now.AddDays(-8)));
            db.Notifications.Add(new Notification
            {
                RecipientId = head.Id,
                Kind = NotificationKind.WeeklyDigest,
                Subject = "Forrige overblik",
                Text = "",
                CreatedAt = now.AddDays(-7),
                SentAt = now.AddDays(-7),
                DeduplicationKey = $"digest:{head.Id}:2027-W12",
            });
            return await db.SaveChangesAsync();
        });

        await host.RunAndDeliverAsync<WeeklyDigestJob>();
        await host.RunAndDeliverAsync<WeeklyDigestJob>();

        var digest = host.Smtp.MessagesTo(await host.EmailOfAsync(head.Id)).ShouldHaveSingleItem();
        digest.Subject.ShouldBe("Ugentligt overblik for Teknik og Miljø, uge 13");
        var text = digest.TextBody;
        text.ShouldContainExactly(": fremdrift 25 %");
        text.ShouldContainExactly("Ændring siden 23. marts 2027: +15 procentpoint.");
        text.ShouldContainExactly("Nøgleresultater uden opfølgning i 14 dage (1)");
        text.ShouldContainExactly("Nye cykelstier (mål: Flere cyklister i Aarhus, ejer: Sune Stille) - seneste opfølgning: aldrig");
        text.ShouldContainExactly("Ikke tjekket ind i 14 dage (1)\n=");
        text.ShouldContainExactly("- Sune Stille\n");
        text.ShouldNotContainExactly("- Lone Leder");
        text.ShouldContainExactly("Mål uden tema og overordnet mål (1)");
        text.ShouldContainExactly("Flere cyklister i Aarhus (ejer: Lone Leder)");
        text.ShouldContainExactly("Nye grænsekrydsende samarbejder siden dit forrige overblik (1)");
        text.ShouldContainExactly("Mål: Flere cyklister i Aarhus med Børn og Unge");
        text.ShouldNotContainExactly("med Sundhed og Omsorg");
        text.ShouldContainExactly("Samarbejder fra andre, der venter på jeres svar (0, heraf 0 nye)");
        var other = host.Smtp.MessagesTo(await host.EmailOfAsync(otherHead.Id)).ShouldHaveSingleItem();
        other.Subject.ShouldBe("Weekly digest for Kultur og Borgerservice, week 13");
        other.TextBody.ShouldContainExactly("No earlier figure to compare with.");
        other.TextBody.ShouldNotContainExactly("Nye cykelstier");
        other.TextBody.ShouldContainExactly("Collaborations from others awaiting your answer (1, 0 new)");
        other.TextBody.ShouldContainExactly("From Mobilitet to Kultur og Borgerservice: Udstilling");
        (await host.NotificationsForAsync(head.Id)).Select(n => n.DeduplicationKey).ShouldBe([$"digest:{head.Id}:2027-W12", $"digest:{head.Id}:2027-W13"], ignoreOrder: true);
        (await Factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.Kind == NotificationKind.WeeklyDigest))).ShouldBe(3);
    }
}
