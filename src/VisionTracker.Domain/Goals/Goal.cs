using VisionTracker.Domain.Common;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Domain.Goals;

public enum GoalState
{
    Draft,
    Active,
    Achieved,
    Abandoned,
}

public enum CoCreationLevel
{
    None,
    Inform,
    Involve,
    CoCreate,
}

public sealed class Goal : VersionedEntity, IPeriodScoped
{
    private static readonly Dictionary<GoalState, GoalState[]> Transitions = new()
    {
        [GoalState.Draft] = [GoalState.Active, GoalState.Abandoned],
        [GoalState.Active] = [GoalState.Achieved, GoalState.Abandoned],
        [GoalState.Achieved] = [GoalState.Active],
        [GoalState.Abandoned] = [GoalState.Draft],
    };

    public Guid PeriodId { get; set; }
    public Period? Period { get; set; }
    public Guid OwnerUnitId { get; set; }
    public OrgUnit? OwnerUnit { get; set; }
    public Guid OwnerId { get; set; }
    public Person? Owner { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public required string CitizenValue { get; set; }
    public CoCreationLevel CoCreationLevel { get; set; }
    public bool GreenTransition { get; set; }
    public GoalState State { get; private set; } = GoalState.Draft;
    public bool IsArchived { get; private set; }
    public Guid? ParentGoalId { get; set; }
    public Goal? ParentGoal { get; set; }
    public Guid? CopiedFromGoalId { get; set; }
    public List<string> Tags { get; set; } = [];

    /// <summary>Stored figures, kept current by the roll-up after every command that changes an input.</summary>
    public double? Progress { get; set; }

    public double? Confidence { get; set; }

    /// <summary>Derived: the goal or one of its actions collaborates across a unit, task or municipal boundary.</summary>
    public bool CrossesBoundary { get; set; }

    /// <summary>Derived: what the goal last added to its areas' figures, besides progress and confidence.</summary>
    public GoalShare Share { get; set; }

    /// <summary>Derived: the themes the goal was last counted for (its counting alignments while it counts).</summary>
    public List<Guid> CountedThemeIds { get; set; } = [];

    public List<KeyResult> KeyResults { get; init; } = [];
    public List<GoalTheme> Alignments { get; init; } = [];
    public List<Collaboration> Collaborations { get; init; } = [];

    /// <summary>Whether the goal counts in theme and unit figures.</summary>
    public bool CountsInFigures => FigureRules.GoalCountsCompiled(State, IsArchived);

    /// <summary>Whether the goal counts in its parent goal's roll-up.</summary>
    public bool CountsInParent => FigureRules.GoalCountsInParentCompiled(State, IsArchived);

    public static bool CanMove(GoalState from, GoalState to) => Transitions[from].Contains(to);

    public void MoveTo(GoalState target)
    {
        EnsureEditable();
        if (!CanMove(State, target))
        {
            throw new DomainRuleException(nameof(ErrorTexts.GoalStateTransition), State, target, string.Join(", ", Transitions[State]));
        }

        State = target;
    }

    public void Archive()
    {
        if (IsArchived)
        {
            throw new DomainRuleException(nameof(ErrorTexts.GoalAlreadyArchived));
        }

        IsArchived = true;
    }

    public void Restore()
    {
        if (!IsArchived)
        {
            throw new DomainRuleException(nameof(ErrorTexts.GoalNotArchived));
        }

        IsArchived = false;
    }

    public void EnsureEditable()
    {
        if (IsArchived)
        {
            throw new DomainRuleException(nameof(ErrorTexts.GoalArchived));
        }
    }
}
