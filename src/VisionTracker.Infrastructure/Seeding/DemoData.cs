using System.Text.Json;
using System.Text.Json.Serialization;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Infrastructure.Seeding;

/// <summary>
/// The Aarhus demo as data (aarhus-demo.json, embedded): units, people, goals and the like refer to each other by
/// short keys. Check-in histories are not listed one by one; each key result says how it is doing against plan
/// ("pace") and the seeder draws a rising weekly series to it.
/// </summary>
internal sealed record DemoData
{
    private const string ResourceName = "VisionTracker.Infrastructure.Seeding.aarhus-demo.json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public required VisionSpec Vision { get; init; }
    public required IReadOnlyList<UnitSpec> Units { get; init; }
    public required IReadOnlyList<PersonSpec> People { get; init; }
    public required IReadOnlyList<PeriodSpec> Periods { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }
    public required IReadOnlyList<GoalSpec> Goals { get; init; }
    public required IReadOnlyList<FoundationSpec> Foundations { get; init; }

    public static DemoData Load()
    {
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        return JsonSerializer.Deserialize<DemoData>(stream, Options)
            ?? throw new InvalidOperationException($"{ResourceName} is empty.");
    }
}

internal sealed record VisionSpec
{
    public required string Title { get; init; }
    public required string Narrative { get; init; }
    public DateOnly ValidFrom { get; init; }
    public required IReadOnlyList<ThemeSpec> Themes { get; init; }
}

internal sealed record ThemeSpec(string Key, string Title, string Description);

internal sealed record UnitSpec(string Code, string Name, OrgUnitKind Kind, string? Parent = null);

internal sealed record PersonSpec(string Key, string Name, string JobTitle, string Unit, IReadOnlyList<RoleSpec> Roles, string Culture = "da");

internal sealed record RoleSpec(string Unit, Role Role);

internal sealed record PeriodSpec(string Key, string Name, DateOnly Start, DateOnly End, PeriodState State);

/// <summary>A leader's foundation, the goals it commits to and its answers to the foundation's reflection questions (by key).</summary>
internal sealed record FoundationSpec(string Person, string Text, IReadOnlyList<string> Goals, IReadOnlyDictionary<string, string>? Answers = null);

internal sealed record GoalSpec
{
    public required string Key { get; init; }
    public required string Period { get; init; }
    public required string Unit { get; init; }
    public required string Owner { get; init; }
    public required string Title { get; init; }
    public string Description { get; init; } = "";
    public required string CitizenValue { get; init; }
    public CoCreationLevel CoCreation { get; init; }
    public bool Green { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>Where the goal stands now; an Achieved or Abandoned goal ran Active until it was closed (see DemoDataBuilder).</summary>
    public GoalState State { get; init; }
    public string? Parent { get; init; }
    public string? CopiedFrom { get; init; }
    public IReadOnlyList<AlignmentSpec> Themes { get; init; } = [];
    public IReadOnlyList<CollaborationSpec> Collaborations { get; init; } = [];
    public required IReadOnlyList<KeyResultSpec> KeyResults { get; init; }
    public IReadOnlyList<ActionSpec> Actions { get; init; } = [];
}

internal sealed record AlignmentSpec(
    string Theme, string Rationale, AlignmentReviewState Review = AlignmentReviewState.Proposed, string? Comment = null);

/// <summary>A partner unit ("unit"), a partner goal ("goal") or an external partner ("partner"), by kind.</summary>
internal sealed record CollaborationSpec(
    CollaborationKind Kind, string Description, string? Unit = null, string? Goal = null, string? Partner = null);

internal sealed record KeyResultSpec
{
    public required string Key { get; init; }
    public required string Title { get; init; }
    public MetricKind Kind { get; init; }
    public double Start { get; init; }
    public double Target { get; init; }
    public string? Unit { get; init; }
    public double Weight { get; init; } = 1;
    public IReadOnlyList<string> Milestones { get; init; } = [];
    public string? Owner { get; init; }

    /// <summary>
    /// Progress at the latest check-in relative to the time gone by in the period: 1 is on plan, 0.5 half as far
    /// as it should be. Relative, so the mix of on-track, behind and at-risk looks the same whenever the seed runs.
    /// </summary>
    public double Pace { get; init; }

    /// <summary>Reached its target, whatever the pace.</summary>
    public bool Done { get; init; }

    public double Confidence { get; init; } = 0.7;

    /// <summary>Weekly check-ins to draw; 0 leaves the key result without any.</summary>
    public int Weeks { get; init; } = 8;

    /// <summary>Weeks since the latest check-in, so staleness shows.</summary>
    public int StaleWeeks { get; init; }

    public string? Note { get; init; }

    /// <summary>The latest check-in's answers to the check-in's reflection questions, by question key.</summary>
    public IReadOnlyDictionary<string, string> Answers { get; init; } = new Dictionary<string, string>();
}

internal sealed record ActionSpec
{
    public required string Title { get; init; }
    public string Description { get; init; } = "";
    public string? Owner { get; init; }
    public string? KeyResult { get; init; }
    public int DueInDays { get; init; }
    public ActionState State { get; init; }
    public double Progress { get; init; }
    public double Confidence { get; init; } = 0.7;
    public string? CitizenValue { get; init; }
    public CoCreationLevel CoCreation { get; init; }
    public bool Green { get; init; }
    public string? Note { get; init; }
    public IReadOnlyList<CollaborationSpec> Collaborations { get; init; } = [];
}
