using VisionTracker.Domain.Common;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Domain.Actions;

public enum ActionState
{
    Planned,
    InProgress,
    Done,
    Blocked,
    Cancelled,
}

/// <summary>A leader's concrete action under a goal and/or one of its key results.</summary>
public sealed class LeaderAction : VersionedEntity, IPeriodScoped
{
    private static readonly Dictionary<ActionState, ActionState[]> Transitions = new()
    {
        [ActionState.Planned] = [ActionState.InProgress, ActionState.Done, ActionState.Blocked, ActionState.Cancelled],
        [ActionState.InProgress] = [ActionState.Done, ActionState.Blocked, ActionState.Cancelled],
        [ActionState.Blocked] = [ActionState.InProgress, ActionState.Cancelled],
        [ActionState.Done] = [ActionState.InProgress],
        [ActionState.Cancelled] = [ActionState.Planned],
    };

    public Guid OwnerId { get; set; }
    public Person? Owner { get; set; }
    public Guid GoalId { get; set; }
    public Goal? Goal { get; set; }
    public Guid? KeyResultId { get; set; }
    public KeyResult? KeyResult { get; set; }

    /// <summary>Copied from the goal so scope and period checks need no join.</summary>
    public Guid PeriodId { get; set; }

    public Guid OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public DateOnly? DueDate { get; set; }
    public ActionState State { get; private set; } = ActionState.Planned;
    public string? CitizenValue { get; set; }
    public CoCreationLevel CoCreationLevel { get; set; }
    public bool GreenTransition { get; set; }

    /// <summary>The last checked-in progress (0–1), whatever the state; the rolled-up figure is <see cref="Progress"/>.</summary>
    public double ReportedProgress { get; set; }

    public double? Progress { get; set; }
    public double? Confidence { get; set; }
    public DateTime? LastCheckInAt { get; set; }
    public List<Collaboration> Collaborations { get; init; } = [];

    public static bool CanMove(ActionState from, ActionState to) => Transitions[from].Contains(to);

    /// <summary>The states an action in <paramref name="from"/> may move to.</summary>
    public static IReadOnlyList<ActionState> NextStates(ActionState from) => Transitions[from];

    /// <summary>Done and Cancelled actions need no more work (and no more check-ins to stay fresh).</summary>
    public static bool IsOpen(ActionState state) => FigureRules.ActionIsOpenCompiled(state);

    public void MoveTo(ActionState target)
    {
        if (target == State)
        {
            return;
        }

        if (!CanMove(State, target))
        {
            throw new DomainRuleException(nameof(ErrorTexts.ActionStateTransition), State, target, string.Join(", ", Transitions[State]));
        }

        State = target;
    }

}
