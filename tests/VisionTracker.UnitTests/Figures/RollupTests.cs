using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;

namespace VisionTracker.UnitTests.Figures;

/// <summary>The roll-up rules of domain.md ("The numbers"), each with values worked by hand.</summary>
public sealed class RollupTests
{
    private const double Tolerance = 1e-9;
    private static readonly StatusThresholds Defaults = new();

    [Theory]
    [InlineData(MetricKind.Number, 10, 20, 15, 0.5)]
    [InlineData(MetricKind.Number, 10, 20, 20, 1)]
    [InlineData(MetricKind.Number, 10, 20, 10, 0)]
    [InlineData(MetricKind.Percentage, 40, 80, 50, 0.25)]
    [InlineData(MetricKind.Currency, 0, 1_000_000, 250_000, 0.25)]
    public void KeyResultProgress_Increase_IsShareOfDistanceCovered(MetricKind kind, double start, double target, double current, double expected)
    {
        var progress = Rollup.KeyResultProgress(kind, Direction.Increase, start, target, current, 0, 0);

        progress.ShouldBe(expected, Tolerance);
    }

    [Theory]
    [InlineData(MetricKind.Number, 100, 60, 90, 0.25)]
    [InlineData(MetricKind.Number, 100, 60, 60, 1)]
    [InlineData(MetricKind.Percentage, 30, 10, 20, 0.5)]
    [InlineData(MetricKind.Currency, 500, 300, 350, 0.75)]
    public void KeyResultProgress_Decrease_IsShareOfDistanceCovered(MetricKind kind, double start, double target, double current, double expected)
    {
        var progress = Rollup.KeyResultProgress(kind, Direction.Decrease, start, target, current, 0, 0);

        progress.ShouldBe(expected, Tolerance);
    }

    [Theory]
    [InlineData(MetricKind.Number, Direction.Increase, 10, 20, 25)]
    [InlineData(MetricKind.Percentage, Direction.Increase, 40, 80, 100)]
    [InlineData(MetricKind.Currency, Direction.Increase, 0, 1000, 5000)]
    [InlineData(MetricKind.Number, Direction.Decrease, 100, 60, 50)]
    [InlineData(MetricKind.Currency, Direction.Decrease, 500, 300, 0)]
    public void KeyResultProgress_BeyondTarget_IsClampedToOne(MetricKind kind, Direction direction, double start, double target, double current)
    {
        var progress = Rollup.KeyResultProgress(kind, direction, start, target, current, 0, 0);

        progress.ShouldBe(1);
    }

    [Theory]
    [InlineData(MetricKind.Number, Direction.Increase, 10, 20, 5)]
    [InlineData(MetricKind.Percentage, Direction.Increase, 40, 80, 0)]
    [InlineData(MetricKind.Number, Direction.Decrease, 100, 60, 110)]
    [InlineData(MetricKind.Currency, Direction.Decrease, 500, 300, 900)]
    public void KeyResultProgress_WorseThanStart_IsClampedToZero(MetricKind kind, Direction direction, double start, double target, double current)
    {
        var progress = Rollup.KeyResultProgress(kind, direction, start, target, current, 0, 0);

        progress.ShouldBe(0);
    }

    [Theory]
    [InlineData(Direction.Increase, 50, 1)]
    [InlineData(Direction.Increase, 60, 1)]
    [InlineData(Direction.Increase, 49, 0)]
    [InlineData(Direction.Decrease, 50, 1)]
    [InlineData(Direction.Decrease, 40, 1)]
    [InlineData(Direction.Decrease, 51, 0)]
    public void KeyResultProgress_StartEqualsTarget_IsMetOrNotInItsDirection(Direction direction, double current, double expected)
    {
        var progress = Rollup.KeyResultProgress(MetricKind.Number, direction, 50, 50, current, 0, 0);

        progress.ShouldBe(expected);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    public void KeyResultProgress_YesNo_IsZeroOrOne(double current, double expected)
    {
        var progress = Rollup.KeyResultProgress(MetricKind.YesNo, Direction.Increase, 0, 1, current, 0, 0);

        progress.ShouldBe(expected);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(0, 4, 0)]
    [InlineData(2, 4, 0.5)]
    [InlineData(4, 4, 1)]
    public void KeyResultProgress_Milestone_IsShareOfMilestonesDone(int done, int count, double expected)
    {
        var progress = Rollup.KeyResultProgress(MetricKind.Milestone, Direction.Increase, 0, 0, 0, done, count);

        progress.ShouldBe(expected);
    }

    [Fact]
    public void GoalProgress_WithWeights1And2_IsWeightedMean()
    {
        // (0.2 × 1 + 0.8 × 2) / (1 + 2) = 1.8 / 3 = 0.6
        (double, double)[] keyResults = [(0.2, 1), (0.8, 2)];

        var progress = Rollup.GoalProgress(keyResults, []);

        progress.ShouldNotBeNull().ShouldBe(0.6, Tolerance);
    }

    [Fact]
    public void GoalProgress_WithDefaultWeights_IsPlainMean()
    {
        (double, double)[] keyResults = [(0.2, 1), (0.8, 1), (0.5, 1)];

        var progress = Rollup.GoalProgress(keyResults, []);

        progress.ShouldNotBeNull().ShouldBe(0.5, Tolerance);
    }

    [Fact]
    public void GoalProgress_WithAllWeightsZero_IsPlainMean()
    {
        (double, double)[] keyResults = [(0.2, 0), (0.8, 0)];

        var progress = Rollup.GoalProgress(keyResults, []);

        progress.ShouldNotBeNull().ShouldBe(0.5, Tolerance);
    }

    [Fact]
    public void GoalProgress_WithKeyResultsAndChildren_CountsOnlyKeyResults()
    {
        (double, double)[] keyResults = [(0.5, 1)];

        var progress = Rollup.GoalProgress(keyResults, [1.0, 1.0]);

        progress.ShouldNotBeNull().ShouldBe(0.5, Tolerance);
    }

    [Fact]
    public void GoalProgress_WithoutKeyResultsButChildren_IsMeanOfChildrenIgnoringNulls()
    {
        // (0.4 + 0.8) / 2; the child without progress does not count as 0.
        var progress = Rollup.GoalProgress([], [0.4, null, 0.8]);

        progress.ShouldNotBeNull().ShouldBe(0.6, Tolerance);
    }

    [Fact]
    public void GoalProgress_WithNeitherKeyResultsNorChildren_IsNullNotZero()
    {
        var progress = Rollup.GoalProgress([], []);

        progress.ShouldBeNull();
    }

    [Fact]
    public void GoalProgress_WithOnlyChildrenWithoutProgress_IsNull()
    {
        var progress = Rollup.GoalProgress([], [null, null]);

        progress.ShouldBeNull();
    }

    [Theory]
    [InlineData(ActionState.Done, 0.3, 1.0)]
    [InlineData(ActionState.Done, 0, 1.0)]
    [InlineData(ActionState.Planned, 0, 0.0)]
    [InlineData(ActionState.InProgress, 0.4, 0.4)]
    [InlineData(ActionState.Blocked, 0.6, 0.6)]
    [InlineData(ActionState.InProgress, 1.5, 1.0)]
    [InlineData(ActionState.InProgress, -0.2, 0.0)]
    public void ActionProgress_ByState_IsOneWhenDoneElseClampedReportedValue(ActionState state, double reported, double expected)
    {
        var progress = Rollup.ActionProgress(state, reported);

        progress.ShouldNotBeNull().ShouldBe(expected, Tolerance);
    }

    [Fact]
    public void ActionProgress_Cancelled_IsExcluded()
    {
        var progress = Rollup.ActionProgress(ActionState.Cancelled, 0.7);

        progress.ShouldBeNull();
    }

    [Fact]
    public void ActionProgress_NewActionWithoutCheckIn_IsZero()
    {
        var action = new LeaderAction { Title = "Start a citizens' panel" };

        var progress = Rollup.ActionProgress(action.State, action.ReportedProgress);

        progress.ShouldBe(0);
    }

    [Fact]
    public void Mean_IgnoresNulls()
    {
        var mean = Rollup.Mean([0.2, null, 0.4]);

        mean.ShouldNotBeNull().ShouldBe(0.3, Tolerance);
    }

    [Fact]
    public void Mean_WithOnlyNulls_IsNull()
    {
        Rollup.Mean([null, null]).ShouldBeNull();
        Rollup.Mean([]).ShouldBeNull();
    }

    [Fact]
    public void MinConfidence_IsLowestPresentValue()
    {
        var confidence = Rollup.MinConfidence([0.7, null, 0.4, 0.9]);

        confidence.ShouldBe(0.4);
    }

    [Fact]
    public void MinConfidence_WithOnlyNulls_IsNull()
    {
        Rollup.MinConfidence([null]).ShouldBeNull();
        Rollup.MinConfidence([]).ShouldBeNull();
    }

    [Theory]
    [InlineData(-31, 0)]
    [InlineData(0, 0)]
    [InlineData(5, 0.5)]
    [InlineData(10, 1)]
    [InlineData(59, 1)]
    public void ExpectedProgress_OverTenDayPeriod_IsElapsedShareClamped(int dayOffset, double expected)
    {
        var start = new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var end = start.AddDays(10);

        var progress = Rollup.ExpectedProgress(start.AddDays(dayOffset), start, end);

        progress.ShouldBe(expected, Tolerance);
    }

    [Theory]
    [InlineData(0.5, 0.5, ProgressStatus.OnTrack)]
    [InlineData(0.2, 0.9, ProgressStatus.OnTrack)]
    [InlineData(0.10, 0, ProgressStatus.OnTrack)]
    [InlineData(0.11, 0, ProgressStatus.Behind)]
    [InlineData(0.25, 0, ProgressStatus.Behind)]
    [InlineData(0.75, 0.5, ProgressStatus.Behind)]
    [InlineData(0.26, 0, ProgressStatus.AtRisk)]
    [InlineData(0.76, 0.5, ProgressStatus.AtRisk)]
    [InlineData(1, 0, ProgressStatus.AtRisk)]
    public void Status_ByGapWithDefaultThresholds_FollowsBoundaries(double expected, double progress, ProgressStatus status)
    {
        var result = Rollup.Status(progress, expected, null, Defaults);

        result.ShouldBe(status);
    }

    [Theory]
    [InlineData(0.29, ProgressStatus.AtRisk)]
    [InlineData(0.0, ProgressStatus.AtRisk)]
    [InlineData(0.3, ProgressStatus.OnTrack)]
    [InlineData(null, ProgressStatus.OnTrack)]
    public void Status_OnScheduleByConfidence_IsAtRiskOnlyBelowThreshold(double? confidence, ProgressStatus status)
    {
        var result = Rollup.Status(0.5, 0.5, confidence, Defaults);

        result.ShouldBe(status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0.9)]
    public void Status_WithoutProgress_IsNoData(double? confidence)
    {
        var result = Rollup.Status(null, 0.8, confidence, Defaults);

        result.ShouldBe(ProgressStatus.NoData);
    }

    [Fact]
    public void StatusThresholds_Defaults_AreThoseOfTheDomain()
    {
        var thresholds = new StatusThresholds();

        thresholds.OnTrackGap.ShouldBe(0.10);
        thresholds.BehindGap.ShouldBe(0.25);
        thresholds.LowConfidence.ShouldBe(0.3);
    }

    [Theory]
    [InlineData(0.05, 0.9, ProgressStatus.OnTrack)]
    [InlineData(0.10, 0.9, ProgressStatus.Behind)]
    [InlineData(0.125, 0.9, ProgressStatus.Behind)]
    [InlineData(0.25, 0.9, ProgressStatus.AtRisk)]
    [InlineData(0, 0.4, ProgressStatus.AtRisk)]
    [InlineData(0, 0.5, ProgressStatus.OnTrack)]
    public void Status_WithCustomThresholds_UsesThem(double expected, double confidence, ProgressStatus status)
    {
        var thresholds = new StatusThresholds(OnTrackGap: 0.05, BehindGap: 0.125, LowConfidence: 0.5);

        var result = Rollup.Status(0, expected, confidence, thresholds);

        result.ShouldBe(status);
    }

    [Theory]
    [InlineData(13, false)]
    [InlineData(15, true)]
    public void IsStale_ByDaysSinceLastCheckIn_IsStaleAfterFourteenDays(int daysAgo, bool stale)
    {
        var now = new DateTime(2027, 3, 1, 12, 0, 0, DateTimeKind.Utc);

        var result = Rollup.IsStale(now.AddDays(-daysAgo), now.AddDays(-60), now, 14);

        result.ShouldBe(stale);
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(20, true)]
    public void IsStale_NeverCheckedIn_CountsFromCreation(int createdDaysAgo, bool stale)
    {
        var now = new DateTime(2027, 3, 1, 12, 0, 0, DateTimeKind.Utc);

        var result = Rollup.IsStale(null, now.AddDays(-createdDaysAgo), now, 14);

        result.ShouldBe(stale);
    }

    [Fact]
    public void IsStale_WithSevenDayCadence_IsStaleAfterEightDays()
    {
        var now = new DateTime(2027, 3, 1, 12, 0, 0, DateTimeKind.Utc);

        var result = Rollup.IsStale(now.AddDays(-8), now.AddDays(-60), now, 7);

        result.ShouldBeTrue();
    }

    [Theory]
    [InlineData(null, "none")]
    [InlineData(0.0, "red")]
    [InlineData(0.29, "red")]
    [InlineData(0.3, "amber")]
    [InlineData(0.69, "amber")]
    [InlineData(0.7, "green")]
    [InlineData(1.0, "green")]
    public void ConfidenceColour_ByConfidence_IsTrafficLight(double? confidence, string colour)
    {
        var result = Rollup.ConfidenceColour(confidence);

        result.ShouldBe(colour);
    }
}
