using System.Net;
using VisionTracker.Domain.Notifications;
using VisionTracker.Domain.Organisation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.Notifications;

public sealed class NotificationsEndpointsTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    [Fact]
    public async Task GetMyNotifications_ListsOnlyMineNewestFirstWithUnreadCount()
    {
        var (me, other) = await ArrangePeopleAsync();
        var ids = await ArrangeNotificationsAsync(me.Id, 3, readFirst: true);
        await ArrangeNotificationsAsync(other.Id, 1);

        var all = (await (await me.Client.GetAsync("/api/me/notifications")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        var unread = (await (await me.Client.GetAsync("/api/me/notifications?unread=true&take=1")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;

        all["totalCount"]!.GetValue<int>().ShouldBe(3);
        all["unreadCount"]!.GetValue<int>().ShouldBe(2);
        all["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ShouldBe(ids.AsEnumerable().Reverse());
        all["items"]![2]!["readAt"].ShouldNotBeNull();
        all["items"]![0]!["delivery"]!.GetValue<string>().ShouldBe("Pending");
        unread["totalCount"]!.GetValue<int>().ShouldBe(2);
        unread["items"]!.AsArray().ShouldHaveSingleItem()!["id"]!.GetValue<Guid>().ShouldBe(ids[2]);
    }

    [Fact]
    public async Task MarkRead_OwnNotification_IsReadOnceAndOthersAre404()
    {
        var (me, other) = await ArrangePeopleAsync();
        var mine = await ArrangeNotificationsAsync(me.Id, 2);
        var theirs = (await ArrangeNotificationsAsync(other.Id, 1)).Single();

        var read = (await (await me.Client.PostAsync($"/api/me/notifications/{mine[0]}/read", null)).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = (await (await me.Client.PostAsync($"/api/me/notifications/{mine[0]}/read", null)).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        var foreign = await me.Client.PostAsync($"/api/me/notifications/{theirs}/read", null);
        var unknown = await me.Client.PostAsync($"/api/me/notifications/{Guid.NewGuid()}/read", null);
        var list = (await (await me.Client.GetAsync("/api/me/notifications")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;

        read["readAt"].ShouldNotBeNull();
        again["readAt"]!.GetValue<DateTime>().ShouldBe(read["readAt"]!.GetValue<DateTime>());
        (await foreign.ShouldHaveStatusAsync(HttpStatusCode.NotFound))!["title"].ShouldNotBeNull();
        await unknown.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        list["unreadCount"]!.GetValue<int>().ShouldBe(1);
        var theirsNow = await factory.WithDbAsync(db => Task.FromResult(db.Notifications.Single(n => n.Id == theirs)));
        theirsNow.ReadAt.ShouldBeNull();
    }

    [Fact]
    public async Task MarkAllRead_MarksOnlyMyUnreadOnes()
    {
        var (me, other) = await ArrangePeopleAsync();
        await ArrangeNotificationsAsync(me.Id, 3, readFirst: true);
        await ArrangeNotificationsAsync(other.Id, 2);

        var result = (await (await me.Client.PostAsync("/api/me/notifications/read-all", null)).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        var mine = (await (await me.Client.GetAsync("/api/me/notifications?unread=true")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;
        var theirs = (await (await other.Client.GetAsync("/api/me/notifications")).ShouldHaveStatusAsync(HttpStatusCode.OK))!;

        result["marked"]!.GetValue<int>().ShouldBe(2);
        mine["totalCount"]!.GetValue<int>().ShouldBe(0);
        mine["unreadCount"]!.GetValue<int>().ShouldBe(0);
        theirs["unreadCount"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task GetMyNotifications_BadPagingOrNoToken_Answers400And401()
    {
        var (me, _) = await ArrangePeopleAsync();

        var bad = await me.Client.GetAsync("/api/me/notifications?take=0");
        var anonymous = await factory.CreateClient().GetAsync("/api/me/notifications");

        (await bad.ShouldHaveStatusAsync(HttpStatusCode.BadRequest))!["errors"]!["take"].ShouldNotBeNull();
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task<(TestPerson Me, TestPerson Other)> ArrangePeopleAsync()
    {
        var unit = await factory.CreateUnitAsync("Teknik og Miljø");
        return (await factory.CreatePersonAsync("Mig Selv", unit.Id, Role.Leader), await factory.CreatePersonAsync("En Anden", unit.Id, Role.DepartmentHead));
    }

    /// <summary>Notifications a minute apart (oldest first); with <paramref name="readFirst"/> the oldest is already read.</summary>
    private Task<List<Guid>> ArrangeNotificationsAsync(Guid recipientId, int count, bool readFirst = false) =>
        factory.WithDbAsync(async db =>
        {
            var start = factory.Clock.GetUtcNow().UtcDateTime;
            var list = Enumerable.Range(0, count).Select(i => new Notification
            {
                RecipientId = recipientId,
                Kind = NotificationKind.StaleCheckIn,
                Subject = $"Påmindelse {i}",
                Text = "Tjek ind",
                CreatedAt = start.AddMinutes(i),
                ReadAt = readFirst && i == 0 ? start : null,
                DeduplicationKey = $"test:{Guid.NewGuid()}",
            }).ToList();
            db.Notifications.AddRange(list);
            await db.SaveChangesAsync();
            return list.Select(n => n.Id).ToList();
        });
}
