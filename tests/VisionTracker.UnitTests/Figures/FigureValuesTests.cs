using VisionTracker.Domain.Figures;

namespace VisionTracker.UnitTests.Figures;

public sealed class FigureValuesTests
{
    [Fact]
    public void CountDifferences_ProgressWithinToleranceAndOneCountChanged_CountsOne()
    {
        var stored = new FigureValues { Progress = 0.5, Confidence = null, GoalCount = 3 };
        var computed = stored with { Progress = 0.5 + 1e-12, GoalCount = 4 };

        stored.CountDifferences(computed, 1e-9).ShouldBe(1);
    }

    [Fact]
    public void CountDifferences_ConfidenceAppearsAndEveryCountChanges_CountsEach()
    {
        var stored = new FigureValues { Progress = 0.5 };
        var computed = new FigureValues
        {
            Progress = 0.5,
            Confidence = 0.7,
            GoalCount = 1,
            KeyResultCount = 1,
            ActionCount = 1,
            AlignedGoalCount = 1,
            KeyResultsWithActionCount = 1,
            OrphanGoalCount = 1,
            CollaboratingGoalCount = 1,
        };

        stored.CountDifferences(computed, 1e-9).ShouldBe(8);
        computed.CountDifferences(computed, 1e-9).ShouldBe(0);
    }
}
