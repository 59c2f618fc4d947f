using Microsoft.Extensions.Options;
using VisionTracker.Application.Common;

namespace VisionTracker.UnitTests.Notifications;

/// <summary>The paths of the people-facing pages, as the web app serves them.</summary>
public sealed class PageLinksTests
{
    private static readonly Guid GoalId = Guid.Parse("0191f0a4-0000-7000-8000-000000000001");
    private static readonly Guid ItemId = Guid.Parse("0191f0a4-0000-7000-8000-000000000002");

    private static PageLinks With(string? baseUrl) => new(Options.Create(new PublicLinkOptions { PublicBaseUrl = baseUrl }));

    [Fact]
    public void Links_WithABaseUrl_AreAbsoluteLinksToThePages()
    {
        var links = With("https://visiontracker.aarhus.dk/");

        string?[] built =
        [
            links.MyWork(), links.VisionTree(), links.Goal(GoalId), links.KeyResult(GoalId, ItemId), links.Action(GoalId, ItemId),
            links.Department(ItemId), links.Foundation(), links.Notifications(), links.Admin(),
        ];

        built.ShouldBe(
        [
            "https://visiontracker.aarhus.dk/",
            "https://visiontracker.aarhus.dk/vision",
            $"https://visiontracker.aarhus.dk/goals/{GoalId}",
            $"https://visiontracker.aarhus.dk/goals/{GoalId}#kr-{ItemId}",
            $"https://visiontracker.aarhus.dk/goals/{GoalId}#action-{ItemId}",
            $"https://visiontracker.aarhus.dk/departments/{ItemId}",
            "https://visiontracker.aarhus.dk/foundation",
            "https://visiontracker.aarhus.dk/notifications",
            "https://visiontracker.aarhus.dk/admin",
        ]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Links_WithoutABaseUrl_AreNull(string? baseUrl)
    {
        var links = With(baseUrl);

        (links.Goal(GoalId), links.Action(GoalId, ItemId), links.MyWork()).ShouldBe((null, null, null));
    }
}
