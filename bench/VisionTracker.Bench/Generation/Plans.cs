using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Bench.Generation;

/// <summary>
/// Goals, key results, milestones, actions, theme alignments and collaborations of one period, built through the
/// domain's own constructors and state changes (<c>MoveTo</c>, <c>Review</c>, <c>Archive</c>, <c>EnsureShape</c>), so
/// every row is one the service could have written. Department goals come first, then division goals (70 % under a
/// department goal), then unit goals (70 % under a division goal); 30 % of department goals and 10 % of division goals
/// are umbrella goals without key results, rolled up from their children.
/// </summary>
public sealed class Plans(Organisation organisation, DataShape shape, Random random, DateTime now)
{
    private static readonly string[] Verbs = ["Styrke", "Udvikle", "Reducere", "Øge", "Forbedre", "Fremme", "Sikre", "Udbrede"];

    private static readonly string[] Objects =
    [
        "trivslen blandt børn i dagtilbud", "CO2-udledningen fra kommunale bygninger", "den digitale selvbetjening",
        "samarbejdet med civilsamfundet", "rekrutteringen af sosu-assistenter", "genbruget i boligområderne",
        "læsefærdighederne i indskolingen", "ventetiden på genoptræning", "antallet af ledige i job",
        "brugen af cykel til arbejde", "fællesskaber for ældre", "inddragelsen af borgere i byudvikling",
    ];

    private static readonly string[] Partners =
    [
        "Aarhus Universitet", "Region Midtjylland", "DGI Østjylland", "Brabrand Boligforening", "Erhverv Aarhus",
        "Frivilligcenter Aarhus", "VIA University College", "Aarhus Vand",
    ];

    public List<Goal> Goals { get; } = [];
    public List<GoalTheme> Alignments { get; } = [];
    public List<KeyResult> KeyResults { get; } = [];
    public List<Milestone> Milestones { get; } = [];
    public List<LeaderAction> Actions { get; } = [];
    public List<Collaboration> Collaborations { get; } = [];

    public void Add(Period period)
    {
        var levels = new[] { (OrgUnitKind.Department, DataShape.DepartmentGoals, 0.3), (OrgUnitKind.Division, DataShape.DivisionGoals, 0.1), (OrgUnitKind.Unit, DataShape.UnitGoals, 0.0) };
        List<Goal> earlier = [];
        Dictionary<Guid, List<Goal>> byUnit = [];
        foreach (var (kind, perUnit, umbrellaShare) in levels)
        {
            foreach (var unit in organisation.Units.Where(u => u.Kind == kind))
            {
                var count = Count(perUnit * shape.GoalsPerUnit);
                for (var i = 0; i < count; i++)
                {
                    var parents = unit.ParentId is { } p ? byUnit.GetValueOrDefault(p) : null;
                    var parent = parents is { Count: > 0 } && random.NextDouble() < 0.7 ? parents[random.Next(parents.Count)] : null;
                    var goal = AddGoal(period, unit, parent, earlier, umbrella: random.NextDouble() < umbrellaShare);
                    earlier.Add(goal);
                    (byUnit.TryGetValue(unit.Id, out var list) ? list : byUnit[unit.Id] = []).Add(goal);
                }
            }
        }
    }

    /// <summary>A whole number with <paramref name="mean"/> as its expectation, at least 1.</summary>
    private int Count(double mean) => Math.Max(1, (int)mean + (random.NextDouble() < mean - (int)mean ? 1 : 0));

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private Goal AddGoal(Period period, OrgUnit unit, Goal? parent, List<Goal> earlier, bool umbrella)
    {
        var owner = Pick(organisation.LeadersByUnit[unit.Id]);
        var start = period.StartsAt(DataShape.TimeZone);
        var created = start < now ? start.AddDays(-random.Next(14)) : now;
        var goal = new Goal
        {
            PeriodId = period.Id,
            OwnerUnitId = unit.Id,
            OwnerId = owner.Id,
            Title = $"{Pick(Verbs)} {Pick(Objects)}",
            Description = "Målet omsætter visionen til konkrete forandringer i enheden.",
            CitizenValue = "Borgerne oplever en mærkbar forbedring i hverdagen.",
            CoCreationLevel = (CoCreationLevel)random.Next(4),
            GreenTransition = random.Next(4) == 0,
            Tags = random.Next(3) == 0 ? ["bench", Pick(Verbs).ToLowerInvariant()] : [],
            ParentGoalId = parent?.Id,
            CreatedAt = created,
            UpdatedAt = created,
        };
        MoveGoal(goal, period.State);
        Align(goal, period);
        AddCollaborations(goal.Id, null, unit, earlier, random.Next(3));
        Goals.Add(goal);

        if (!umbrella)
        {
            var krCount = 3 + (random.NextDouble() < 0.76 ? 1 : 0);
            for (var i = 0; i < krCount; i++)
            {
                goal.KeyResults.Add(AddKeyResult(goal, owner, i));
            }
        }

        // One goal in forty has no action yet: the council asks for those.
        var actions = random.Next(40) == 0 ? 0 : 6 + random.Next(4);
        for (var i = 0; i < actions; i++)
        {
            var keyResult = goal.KeyResults.Count > 0 && random.NextDouble() < 0.7 ? Pick(goal.KeyResults) : null;
            AddAction(goal, keyResult, period, unit, earlier);
        }

        return goal;
    }

    private void MoveGoal(Goal goal, PeriodState periodState)
    {
        var roll = random.NextDouble();
        GoalState[] path = periodState switch
        {
            PeriodState.Closed => roll < 0.70 ? [GoalState.Active, GoalState.Achieved] : roll < 0.85 ? [GoalState.Active, GoalState.Abandoned] : [GoalState.Active],
            PeriodState.Active => roll < 0.85 ? [GoalState.Active] : roll < 0.93 ? [] : roll < 0.97 ? [GoalState.Active, GoalState.Achieved] : [GoalState.Abandoned],
            _ => roll < 0.85 ? [] : [GoalState.Active],
        };
        foreach (var state in path)
        {
            goal.MoveTo(state);
        }

        if (periodState != PeriodState.Planning && random.Next(50) == 0)
        {
            goal.Archive();
        }
    }

    private void Align(Goal goal, Period period)
    {
        if (random.NextDouble() < 0.15)
        {
            return;
        }

        var head = organisation.HeadOf[organisation.DepartmentOf[goal.OwnerUnitId].Id];
        foreach (var theme in organisation.Vision.Themes.OrderBy(_ => random.Next()).Take(1 + random.Next(2)))
        {
            var alignment = new GoalTheme { GoalId = goal.Id, ThemeId = theme.Id, Rationale = $"Bidrager til '{theme.Title}'." };
            var review = period.State == PeriodState.Planning ? AlignmentReviewState.Proposed : (AlignmentReviewState)random.Next(4);
            if (review != AlignmentReviewState.Proposed)
            {
                alignment.Review(review, review == AlignmentReviewState.Accepted ? null : "Uddyb sammenhængen med temaet.", head.Id, goal.CreatedAt.AddDays(10));
            }

            goal.Alignments.Add(alignment);
            Alignments.Add(alignment);
        }
    }

    private void AddCollaborations(Guid? goalId, Guid? actionId, OrgUnit unit, List<Goal> earlier, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var kind = (CollaborationKind)random.Next(4);
            if (kind == CollaborationKind.GoalDependency && earlier.Count == 0)
            {
                kind = CollaborationKind.External;
            }

            // One cross-unit link in twenty names the owner's own unit: it crosses no boundary.
            var partnerUnit = random.Next(20) == 0 ? unit : Pick(organisation.Units);
            var collaboration = new Collaboration
            {
                GoalId = goalId,
                ActionId = actionId,
                Kind = kind,
                PartnerUnitId = kind == CollaborationKind.CrossUnit ? partnerUnit.Id : null,
                PartnerGoalId = kind == CollaborationKind.GoalDependency ? Pick(earlier).Id : null,
                PartnerName = kind is CollaborationKind.External or CollaborationKind.CoCreation ? Pick(Partners) : null,
                Description = "Fælles indsats på tværs af grænser.",
                CreatedAt = now,
            };
            collaboration.EnsureShape();
            Collaborations.Add(collaboration);
        }
    }

    private KeyResult AddKeyResult(Goal goal, Person owner, int index)
    {
        var roll = random.NextDouble();
        var kind = roll < 0.35 ? MetricKind.Number : roll < 0.60 ? MetricKind.Percentage : roll < 0.70 ? MetricKind.Currency : roll < 0.85 ? MetricKind.YesNo : MetricKind.Milestone;
        var milestones = kind == MetricKind.Milestone ? 3 + random.Next(4) : 0;
        var (start, target, unitName) = kind switch
        {
            MetricKind.YesNo => (0d, 1d, (string?)null),
            MetricKind.Milestone => (0d, milestones, null),
            MetricKind.Percentage => random.Next(2) == 0 ? (40d, 80d, "%") : (30d, 10d, "%"),
            MetricKind.Currency => (0d, 250_000d * (1 + random.Next(8)), "kr."),
            _ => random.Next(50) == 0 ? (95d, 95d, "borgere") : random.Next(3) == 0 ? (500d, 300d, "ton CO2") : (100d, 100d + (50 * (1 + random.Next(10))), "borgere"),
        };
        var weightRoll = random.NextDouble();
        var keyResult = new KeyResult
        {
            GoalId = goal.Id,
            PeriodId = goal.PeriodId,
            OwnerId = random.Next(4) == 0 ? Pick(organisation.LeadersByUnit[goal.OwnerUnitId]).Id : owner.Id,
            Title = $"Nøgleresultat {index + 1}: {Pick(Objects)}",
            MetricKind = kind,
            StartValue = start,
            TargetValue = target,
            CurrentValue = start,
            Unit = unitName,
            Direction = target < start ? Direction.Decrease : Direction.Increase,
            Weight = weightRoll < 0.60 ? 1 : weightRoll < 0.85 ? 2 : weightRoll < 0.95 ? 3 : 0,
            CreatedAt = goal.CreatedAt,
            UpdatedAt = goal.CreatedAt,
        };
        for (var i = 1; i <= milestones; i++)
        {
            keyResult.Milestones.Add(new Milestone { KeyResultId = keyResult.Id, Title = $"Milepæl {i}", SortOrder = i });
        }

        keyResult.EnsureShape();
        KeyResults.Add(keyResult);
        Milestones.AddRange(keyResult.Milestones);
        return keyResult;
    }

    private void AddAction(Goal goal, KeyResult? keyResult, Period period, OrgUnit unit, List<Goal> earlier)
    {
        var action = new LeaderAction
        {
            OwnerId = random.Next(3) == 0 ? Pick(organisation.LeadersByUnit[unit.Id]).Id : goal.OwnerId,
            GoalId = goal.Id,
            KeyResultId = keyResult?.Id,
            PeriodId = goal.PeriodId,
            OrgUnitId = goal.OwnerUnitId,
            Title = $"Handling: {Pick(Verbs).ToLowerInvariant()} {Pick(Objects)}",
            Description = "Et konkret skridt fra lederens ledelsesgrundlag.",
            DueDate = period.Start.AddDays(20 + random.Next(150)),
            CitizenValue = random.Next(2) == 0 ? "Kortere ventetid for borgerne." : null,
            CoCreationLevel = (CoCreationLevel)random.Next(4),
            GreenTransition = random.Next(5) == 0,
            CreatedAt = goal.CreatedAt,
            UpdatedAt = goal.CreatedAt,
        };
        var roll = random.NextDouble();
        ActionState[] path = period.State switch
        {
            PeriodState.Planning => [],
            PeriodState.Closed => roll < 0.70 ? [ActionState.InProgress, ActionState.Done] : roll < 0.82 ? [ActionState.InProgress, ActionState.Cancelled]
                : roll < 0.92 ? [ActionState.InProgress] : [ActionState.InProgress, ActionState.Blocked],
            _ => roll < 0.15 ? [] : roll < 0.60 ? [ActionState.InProgress] : roll < 0.80 ? [ActionState.InProgress, ActionState.Done]
                : roll < 0.90 ? [ActionState.InProgress, ActionState.Blocked] : [ActionState.Cancelled],
        };
        foreach (var state in path)
        {
            action.MoveTo(state);
        }

        if (random.Next(5) == 0)
        {
            AddCollaborations(null, action.Id, unit, earlier, 1);
        }

        Actions.Add(action);
    }
}
