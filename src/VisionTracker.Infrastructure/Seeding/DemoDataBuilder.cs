using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Planning;
using VisionTracker.Domain.Reflections;
using VisionTracker.Infrastructure.Persistence;

namespace VisionTracker.Infrastructure.Seeding;

/// <summary>Turns <see cref="DemoData"/> into entities through the domain's own factories and state changes.</summary>
internal sealed class DemoDataBuilder(VisionTrackerDbContext db, DemoData data, DateTime now, TimeZoneInfo zone)
{
    private readonly Dictionary<string, Theme> themes = [];
    private readonly Dictionary<string, OrgUnit> units = [];
    private readonly Dictionary<string, Person> people = [];
    private readonly Dictionary<string, Period> periods = [];
    private readonly Dictionary<string, Goal> goals = [];
    private readonly Dictionary<Guid, Person> departmentHeads = [];
    private readonly List<(Goal Goal, GoalState State, Period Period)> closings = [];
    private readonly DemoCheckIns checkIns = new(db, data.Notes, now, zone);

    public IEnumerable<Period> Periods => periods.Values;

    public void Build()
    {
        AddVision();
        AddUnits();
        AddPeople();
        AddPeriods();
        foreach (var spec in data.Goals)
        {
            AddGoal(spec);
        }

        // A dependency may point to a goal listed later, so goal collaborations come once every goal exists.
        foreach (var spec in data.Goals)
        {
            var goal = goals[spec.Key];
            goal.Collaborations.AddRange(spec.Collaborations.Select(c => Collaboration(c, goal.Id, null, Find(periods, spec.Period))));
        }

        foreach (var spec in data.Foundations)
        {
            var foundation = new LeadershipFoundation
            {
                PersonId = Find(people, spec.Person).Id,
                Text = spec.Text,
                CommittedGoalIds = [.. spec.Goals.Select(g => Find(goals, g).Id)],
            };
            foundation.Answers.AddRange(DemoAnswers.For(spec.Answers, ReflectionScope.Foundation, $"foundation of '{spec.Person}'"));
            db.LeadershipFoundations.Add(foundation);
        }
    }

    /// <summary>
    /// Moves the goals that ended Achieved or Abandoned out of Active, as their owners did: a running period's goal just
    /// after its last check-in, a closed period's the morning after the period ended, when it was closed (so the closing
    /// snapshot, replayed at the end of its last day, holds the figures as they stood). Returns when and by whom, for
    /// the audit trail the AsOf replay reads.
    /// </summary>
    public IReadOnlyList<DemoGoalClosing> CloseGoals()
    {
        var closed = new List<DemoGoalClosing>();
        foreach (var (goal, state, period) in closings)
        {
            var at = period.State == PeriodState.Closed
                ? TimeZoneInfo.ConvertTimeToUtc(period.End.AddDays(1).ToDateTime(new TimeOnly(9, 30)), zone)
                : (goal.KeyResults.Max(k => k.LastCheckInAt) ?? Earliest(period)).AddHours(1);
            goal.MoveTo(state);
            closed.Add(new DemoGoalClosing(goal.Id, goal.OwnerId, at < now ? at : now));
        }

        return closed;
    }

    private void AddVision()
    {
        var spec = data.Vision;
        var vision = new Vision { Title = spec.Title, Narrative = spec.Narrative, ValidFrom = spec.ValidFrom, IsActive = true };
        foreach (var (theme, index) in spec.Themes.Select((t, i) => (t, i)))
        {
            themes.Add(theme.Key, new Theme { VisionId = vision.Id, Title = theme.Title, Description = theme.Description, SortOrder = index + 1 });
            vision.Themes.Add(themes[theme.Key]);
        }

        db.Visions.Add(vision);
    }

    private void AddUnits()
    {
        foreach (var spec in data.Units)
        {
            var unit = OrgUnit.Create(spec.Code, spec.Name, spec.Kind, spec.Parent is null ? null : Find(units, spec.Parent));
            units.Add(spec.Code, unit);
            db.OrgUnits.Add(unit);
        }
    }

    private void AddPeople()
    {
        foreach (var spec in data.People)
        {
            var person = new Person
            {
                Name = spec.Name,
                Email = EmailOf(spec.Name),
                JobTitle = spec.JobTitle,
                HomeUnitId = Find(units, spec.Unit).Id,
                Culture = spec.Culture,
            };
            foreach (var role in spec.Roles)
            {
                var unit = Find(units, role.Unit);
                person.RoleAssignments.Add(new RoleAssignment { OrgUnitId = unit.Id, Role = role.Role, CreatedAt = now });
                if (role.Role == Role.DepartmentHead)
                {
                    departmentHeads[unit.Id] = person;
                }
            }

            people.Add(spec.Key, person);
            db.People.Add(person);
        }
    }

    private void AddPeriods()
    {
        foreach (var spec in data.Periods)
        {
            var period = new Period { Name = spec.Name, Start = spec.Start, End = spec.End };
            if (spec.State != PeriodState.Planning)
            {
                period.Activate();
            }

            if (spec.State == PeriodState.Closed)
            {
                period.Close();
            }

            periods.Add(spec.Key, period);
            db.Periods.Add(period);
        }
    }

    private void AddGoal(GoalSpec spec)
    {
        var period = Find(periods, spec.Period);
        var unit = Find(units, spec.Unit);
        var goal = new Goal
        {
            PeriodId = period.Id,
            OwnerUnitId = unit.Id,
            OwnerId = Find(people, spec.Owner).Id,
            Title = spec.Title,
            Description = spec.Description,
            CitizenValue = spec.CitizenValue,
            CoCreationLevel = spec.CoCreation,
            GreenTransition = spec.Green,
            Tags = [.. spec.Tags],
            ParentGoalId = spec.Parent is null ? null : Find(goals, spec.Parent).Id,
            CopiedFromGoalId = spec.CopiedFrom is null ? null : Find(goals, spec.CopiedFrom).Id,
            CreatedAt = Earliest(period),
        };
        if (period.State == PeriodState.Closed && spec.State is not (GoalState.Achieved or GoalState.Abandoned))
        {
            throw new InvalidOperationException($"The demo goal '{spec.Key}' is in a closed period, so it must be Achieved or Abandoned.");
        }

        if (spec.State != GoalState.Draft)
        {
            goal.MoveTo(GoalState.Active);
        }

        if (spec.State is GoalState.Achieved or GoalState.Abandoned)
        {
            closings.Add((goal, spec.State, period));
        }

        var reviewer = ReviewerOf(unit, goal.OwnerId);
        var reviewedAt = checkIns.Anchor(period).AddDays(-45);
        goal.Alignments.AddRange(spec.Themes.Select(a => Alignment(a, goal, reviewer, reviewedAt)));
        var keyResults = spec.KeyResults.ToDictionary(k => k.Key, k => KeyResult(k, goal, period, spec.Owner));
        goal.KeyResults.AddRange(keyResults.Values);
        goals.Add(spec.Key, goal);
        db.Goals.Add(goal);

        foreach (var action in spec.Actions)
        {
            AddAction(action, goal, action.KeyResult is null ? null : Find(keyResults, action.KeyResult), spec.Owner, period);
        }
    }

    /// <summary>Goals and key results were written when their period began (or now, for a period yet to come).</summary>
    private DateTime Earliest(Period period) => period.StartsAt(zone) < now ? period.StartsAt(zone) : now;

    private GoalTheme Alignment(AlignmentSpec spec, Goal goal, Person? reviewer, DateTime reviewedAt)
    {
        var alignment = new GoalTheme { GoalId = goal.Id, ThemeId = Find(themes, spec.Theme).Id, Rationale = spec.Rationale, ProposedAt = goal.CreatedAt };
        if (spec.Review != AlignmentReviewState.Proposed && reviewer is not null)
        {
            alignment.Review(spec.Review, spec.Comment, reviewer.Id, reviewedAt);
            db.AlignmentReviews.Add(new AlignmentReview
            {
                GoalId = goal.Id,
                ThemeId = alignment.ThemeId,
                ReviewerId = reviewer.Id,
                At = reviewedAt,
                Decision = spec.Review,
                Comment = spec.Comment,
                Rationale = spec.Rationale,
            });
        }

        return alignment;
    }

    private KeyResult KeyResult(KeyResultSpec spec, Goal goal, Period period, string goalOwner)
    {
        var (start, target) = spec.Kind switch
        {
            MetricKind.YesNo => (0d, 1d),
            MetricKind.Milestone => (0d, spec.Milestones.Count),
            _ => (spec.Start, spec.Target),
        };
        var keyResult = new KeyResult
        {
            GoalId = goal.Id,
            PeriodId = goal.PeriodId,
            OwnerId = Find(people, spec.Owner ?? goalOwner).Id,
            Title = spec.Title,
            MetricKind = spec.Kind,
            StartValue = start,
            TargetValue = target,
            CurrentValue = start,
            Unit = spec.Unit,
            Direction = target < start ? Direction.Decrease : Direction.Increase,
            Weight = spec.Weight,
            CreatedAt = Earliest(period),
        };
        keyResult.Milestones.AddRange(spec.Milestones.Select((title, i) => new Milestone { KeyResultId = keyResult.Id, Title = title, SortOrder = i + 1 }));
        keyResult.EnsureShape();
        checkIns.ForKeyResult(keyResult, goal.OwnerUnitId, spec, period);
        return keyResult;
    }

    private void AddAction(ActionSpec spec, Goal goal, KeyResult? keyResult, string goalOwner, Period period)
    {
        var action = new LeaderAction
        {
            OwnerId = Find(people, spec.Owner ?? goalOwner).Id,
            GoalId = goal.Id,
            KeyResultId = keyResult?.Id,
            PeriodId = goal.PeriodId,
            OrgUnitId = goal.OwnerUnitId,
            Title = spec.Title,
            Description = spec.Description,
            DueDate = Within(period, DateOnly.FromDateTime(checkIns.Anchor(period)).AddDays(spec.DueInDays)),
            CitizenValue = spec.CitizenValue,
            CoCreationLevel = spec.CoCreation,
            GreenTransition = spec.Green,
            CreatedAt = Earliest(period),
        };
        if (spec.State != ActionState.Planned)
        {
            action.MoveTo(ActionState.InProgress);
            action.MoveTo(spec.State);
        }

        action.Collaborations.AddRange(spec.Collaborations.Select(c => Collaboration(c, null, action.Id, period)));
        checkIns.ForAction(action, spec, period);
        db.Actions.Add(action);
    }

    /// <summary>Collaborations were agreed when the goal was written, at its period's start (history for the AsOf answers).</summary>
    private Collaboration Collaboration(CollaborationSpec spec, Guid? goalId, Guid? actionId, Period period) =>
        Domain.Goals.Collaboration.Create(goalId, actionId, spec.Kind,
            spec.Unit is null ? null : Find(units, spec.Unit).Id,
            spec.Goal is null ? null : Find(goals, spec.Goal).Id,
            spec.Partner, spec.Description, Earliest(period));

    private static DateOnly Within(Period period, DateOnly date) => date < period.Start ? period.Start : date > period.End ? period.End : date;

    /// <summary>
    /// Alignments are reviewed by the head of the department the goal's unit belongs to, or the next head up when that
    /// head owns the goal (no one reviews their own goal's alignment); none when there is no other head (left Proposed).
    /// </summary>
    private Person? ReviewerOf(OrgUnit unit, Guid ownerId)
    {
        for (var u = unit; u is not null; u = u.Parent)
        {
            if (departmentHeads.TryGetValue(u.Id, out var head) && head.Id != ownerId)
            {
                return head;
            }
        }

        return null;
    }

    private static string EmailOf(string name)
    {
        var parts = name.Split(' ');
        var local = $"{parts[0]}.{parts[^1]}".ToLowerInvariant().Replace("æ", "ae").Replace("ø", "oe").Replace("å", "aa");
        return $"{local}@aarhus.dk";
    }

    private static T Find<T>(Dictionary<string, T> map, string key) =>
        map.TryGetValue(key, out var value)
            ? value
            : throw new InvalidOperationException($"The demo data refers to an unknown {typeof(T).Name} '{key}'.");
}

/// <summary>A demo goal moved out of Active: when, and by its owner.</summary>
internal sealed record DemoGoalClosing(Guid GoalId, Guid OwnerId, DateTime At);
