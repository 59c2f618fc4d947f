using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Planning;
using VisionTracker.Infrastructure.Persistence;

namespace VisionTracker.Bench;

public sealed record GenerationResult(TimeSpan Elapsed, IReadOnlyDictionary<string, int> Counts);

/// <summary>
/// Writes a large, realistic organisation into a migrated, empty database through the real EF model, the domain's
/// constructors and state changes, and the real save pipeline (audit interceptor included). At scale 1: 1 vision with
/// 6 themes, 6 departments × 8 divisions × 2 units (151 units with the root), ~600 people with role assignments,
/// 3 periods (Closed, Active, Planning), ~1,950 goals, ~5,800 key results, ~7,800 actions and ~150,000 check-ins.
/// Everything is drawn from one seeded <see cref="Random"/>, so a scale always yields the same organisation (entity ids
/// are version-7 GUIDs and differ between runs). The stored figures are computed afterwards by the one
/// <see cref="FigureCalculator"/>, period by period.
/// </summary>
public sealed class LargeDataGenerator(IServiceProvider services, double scale, DateTime now)
{
    private const int BatchSize = 2_000;
    private const int DivisionsPerDepartment = 8;
    private const int UnitsPerDivision = 2;

    private static readonly string[] ThemeTitles =
    [
        "En grøn og klimavenlig by", "Børn og unge, der trives og lærer", "Et sundt og aktivt liv for alle",
        "En by med plads til alle", "Vækst, job og uddannelse", "Borgernær og digital velfærd",
    ];

    private static readonly string[] Areas =
    [
        "Borgmesterens Afdeling", "Børn og Unge", "Sociale Forhold og Beskæftigelse", "Sundhed og Omsorg",
        "Kultur og Borgerservice", "Teknik og Miljø",
    ];

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

    private static readonly string[] FirstNames =
    [
        "Anne", "Mette", "Lars", "Søren", "Hanne", "Jens", "Camilla", "Mads", "Louise", "Peter", "Sofie", "Thomas",
        "Ida", "Rasmus", "Maria", "Anders", "Julie", "Mikkel", "Karen", "Henrik",
    ];

    private static readonly string[] LastNames =
    [
        "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
        "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen",
    ];

    private static readonly string[] Notes =
    [
        "Vi er godt på vej, men skal holde fokus i næste måned.", "Forsinket pga. sygdom i teamet.",
        "God dialog med borgerne på mødet i sidste uge.", "Tallene er bedre end forventet.",
        "Afventer data fra fagsystemet.", "Samarbejdspartneren har bekræftet næste skridt.",
        "Vi justerer tilgangen efter evalueringen.", "Ingen ændring siden sidst.",
    ];

    private readonly Random random = new(20261128);
    private readonly Dictionary<string, int> counts = [];
    private readonly List<Theme> themes = [];
    private readonly List<OrgUnit> departments = [];
    private readonly Dictionary<Guid, List<Person>> leadersByUnit = [];
    private readonly Dictionary<Guid, Person> headByDepartment = [];
    private readonly Dictionary<Guid, OrgUnit> departmentOf = [];
    private readonly List<OrgUnit> units = [];

    public async Task<GenerationResult> GenerateAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        List<Period> periods;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = Prepare(scope);
            if (await db.Goals.AnyAsync(ct))
            {
                throw new InvalidOperationException("The database already holds goals; the generator writes only into a fresh database.");
            }

            var root = await db.OrgUnits.SingleAsync(u => u.ParentId == null, ct);
            AddVision(db);
            AddOrganisation(db, root);
            periods = AddPeriods(db);
            await SaveAsync(db, ct);

            foreach (var period in periods)
            {
                await AddPeriodContentAsync(db, period, ct);
            }
        }

        // The one roll-up implementation computes every stored figure, as the demo seeder does.
        foreach (var period in periods)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CommandContext>().Name = "Bench:RecalculateFigures";
            await scope.ServiceProvider.GetRequiredService<FigureCalculator>().RecalculatePeriodAsync(period.Id, ct);
            await scope.ServiceProvider.GetRequiredService<VisionTrackerDbContext>().SaveChangesAsync(ct);
        }

        return new GenerationResult(watch.Elapsed, counts);
    }

    private static VisionTrackerDbContext Prepare(AsyncServiceScope scope)
    {
        scope.ServiceProvider.GetRequiredService<CommandContext>().Name = "Bench:GenerateData";
        var db = scope.ServiceProvider.GetRequiredService<VisionTrackerDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        return db;
    }

    private int Departments => Math.Max(1, (int)Math.Round(6 * scale));

    private void Count(string what, int n = 1) => counts[what] = counts.GetValueOrDefault(what) + n;

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private void AddVision(VisionTrackerDbContext db)
    {
        var vision = new Vision
        {
            Title = "Fortællingen om Aarhus (benchmark)",
            Narrative = "Aarhus er en god by for alle – en by med plads til at leve, lære og arbejde.",
            ValidFrom = new DateOnly(2024, 1, 1),
            IsActive = true,
        };
        for (var i = 0; i < ThemeTitles.Length; i++)
        {
            var theme = new Theme { VisionId = vision.Id, Title = ThemeTitles[i], Description = $"Tema {i + 1}: {ThemeTitles[i]}.", SortOrder = i + 1 };
            vision.Themes.Add(theme);
            themes.Add(theme);
        }

        db.Visions.Add(vision);
        Count("visions");
        Count("themes", themes.Count);
    }

    private void AddOrganisation(VisionTrackerDbContext db, OrgUnit root)
    {
        for (var d = 0; d < Departments; d++)
        {
            var name = d < Areas.Length ? Areas[d] : $"{Areas[d % Areas.Length]} {(d / Areas.Length) + 1}";
            var department = OrgUnit.Create($"D{d + 1:00}", name, OrgUnitKind.Department, root);
            Add(db, department, department);
            departments.Add(department);
            headByDepartment[department.Id] = AddPerson(db, department, Role.DepartmentHead, "Direktør");
            AddPerson(db, department, Role.Leader, "Kontorchef");
            AddPerson(db, department, Role.Leader, "Kontorchef");
            AddPerson(db, department, Role.Viewer, "Konsulent");
            AddPerson(db, department, Role.Viewer, "Konsulent");
            for (var v = 0; v < DivisionsPerDepartment; v++)
            {
                var division = OrgUnit.Create($"D{d + 1:00}-{v + 1}", $"{Pick(Objects).Split(' ')[^1]} – afdeling {d + 1}.{v + 1}", OrgUnitKind.Division, department);
                Add(db, division, department);
                AddPerson(db, division, Role.Leader, "Afdelingsleder");
                AddPerson(db, division, Role.Leader, "Souschef");
                AddPerson(db, division, Role.Viewer, "Specialist");
                AddPerson(db, division, Role.Viewer, "Specialist");
                for (var u = 0; u < UnitsPerDivision; u++)
                {
                    var unit = OrgUnit.Create($"D{d + 1:00}-{v + 1}-{u + 1}", $"Enhed {d + 1}.{v + 1}.{u + 1}", OrgUnitKind.Unit, division);
                    Add(db, unit, department);
                    AddPerson(db, unit, Role.Leader, "Teamleder");
                    AddPerson(db, unit, Role.Viewer, "Medarbejder");
                    AddPerson(db, unit, Role.Viewer, "Medarbejder");
                    AddPerson(db, unit, Role.Viewer, "Medarbejder");
                }
            }
        }
    }

    private void Add(VisionTrackerDbContext db, OrgUnit unit, OrgUnit department)
    {
        db.OrgUnits.Add(unit);
        units.Add(unit);
        departmentOf[unit.Id] = department;
        leadersByUnit[unit.Id] = [];
        Count("org units");
    }

    private Person AddPerson(VisionTrackerDbContext db, OrgUnit unit, Role role, string jobTitle)
    {
        var number = counts.GetValueOrDefault("people") + 1;
        var person = new Person
        {
            Name = $"{Pick(FirstNames)} {Pick(LastNames)}",
            Email = $"bench.person{number:00000}@aarhus.dk",
            JobTitle = jobTitle,
            HomeUnitId = unit.Id,
            Culture = random.Next(10) == 0 ? "en" : "da",
        };
        person.RoleAssignments.Add(new RoleAssignment { OrgUnitId = unit.Id, Role = role, CreatedAt = now });
        db.People.Add(person);
        if (role is Role.Leader or Role.DepartmentHead)
        {
            leadersByUnit[unit.Id].Add(person);
        }

        Count("people");
        Count("role assignments");
        return person;
    }

    private static List<Period> AddPeriods(VisionTrackerDbContext db)
    {
        var closed = new Period { Name = "2026 H1", Start = new DateOnly(2026, 1, 1), End = new DateOnly(2026, 6, 30) };
        closed.Activate();
        closed.Close();
        var active = new Period { Name = "2026 H2", Start = new DateOnly(2026, 7, 1), End = new DateOnly(2026, 12, 31) };
        active.Activate();
        var planning = new Period { Name = "2027 H1", Start = new DateOnly(2027, 1, 1), End = new DateOnly(2027, 6, 30) };
        List<Period> periods = [closed, active, planning];
        db.Periods.AddRange(periods);
        return periods;
    }

    /// <summary>Department goals first, then division goals under them, then unit goals under those: parents are saved before children.</summary>
    private async Task AddPeriodContentAsync(VisionTrackerDbContext db, Period period, CancellationToken ct)
    {
        List<Goal> previousLevel = [];
        List<Goal> earlier = [];
        foreach (var (kind, goalsPerUnit) in new[] { (OrgUnitKind.Department, 4), (OrgUnitKind.Division, 5), (OrgUnitKind.Unit, 4) })
        {
            List<Goal> level = [];
            var pending = 0;
            foreach (var unit in units.Where(u => u.Kind == kind))
            {
                for (var i = 0; i < goalsPerUnit; i++)
                {
                    var parent = previousLevel.Count > 0 && random.NextDouble() < 0.7 ? ParentFor(unit, previousLevel) : null;
                    var goal = AddGoal(db, period, unit, parent, earlier);
                    level.Add(goal);
                    pending += 40;
                    if (pending >= BatchSize)
                    {
                        await SaveAsync(db, ct);
                        pending = 0;
                    }
                }
            }

            await SaveAsync(db, ct);
            earlier.AddRange(level);
            previousLevel = level;
        }
    }

    private Goal? ParentFor(OrgUnit unit, List<Goal> candidates)
    {
        var mine = candidates.Where(g => g.OwnerUnitId == unit.ParentId).ToList();
        return mine.Count > 0 ? Pick(mine) : null;
    }

    private Goal AddGoal(VisionTrackerDbContext db, Period period, OrgUnit unit, Goal? parent, List<Goal> earlier)
    {
        var owner = Pick(leadersByUnit[unit.Id]);
        var goal = new Goal
        {
            PeriodId = period.Id,
            OwnerUnitId = unit.Id,
            OwnerId = owner.Id,
            Title = $"{Pick(Verbs)} {Pick(Objects)}",
            Description = "Målet understøtter visionen gennem konkrete handlinger i enheden.",
            CitizenValue = "Borgerne oplever en mærkbar forbedring i hverdagen.",
            CoCreationLevel = (CoCreationLevel)random.Next(4),
            GreenTransition = random.Next(4) == 0,
            Tags = random.Next(3) == 0 ? ["bench", Pick(Verbs).ToLowerInvariant()] : [],
            ParentGoalId = parent?.Id,
            CreatedAt = period.StartsAtUtc < now ? period.StartsAtUtc : now,
        };
        var planning = period.State == PeriodState.Planning;
        if (!planning && random.Next(20) != 0)
        {
            goal.MoveTo(GoalState.Active);
            if (period.State == PeriodState.Closed)
            {
                goal.MoveTo(random.Next(5) == 0 ? GoalState.Abandoned : GoalState.Achieved);
            }
        }

        var head = headByDepartment[departmentOf[unit.Id].Id];
        foreach (var theme in themes.OrderBy(_ => random.Next()).Take(1 + random.Next(2)))
        {
            var alignment = new GoalTheme { GoalId = goal.Id, ThemeId = theme.Id, Rationale = $"Bidrager til '{theme.Title}'." };
            var review = planning ? AlignmentReviewState.Proposed : (AlignmentReviewState)random.Next(4);
            if (review != AlignmentReviewState.Proposed)
            {
                alignment.Review(review, review == AlignmentReviewState.Accepted ? null : "Uddyb sammenhængen med temaet.", head.Id, period.StartsAtUtc.AddDays(14));
            }

            goal.Alignments.Add(alignment);
            Count("theme alignments");
        }

        AddCollaborations(goal.Collaborations, unit, earlier);
        var keyResults = Enumerable.Range(0, 3).Select(i => AddKeyResult(db, goal, period, owner, i)).ToList();
        goal.KeyResults.AddRange(keyResults);

        // Change detection is off while generating: the whole aggregate is built before it is tracked.
        db.Goals.Add(goal);
        Count("goals");
        for (var i = 0; i < 4; i++)
        {
            AddAction(db, goal, i < 2 ? keyResults[i] : null, period, unit, earlier);
        }

        return goal;
    }

    private void AddCollaborations(List<Collaboration> target, OrgUnit unit, List<Goal> earlier)
    {
        var n = random.Next(3);
        for (var i = 0; i < n; i++)
        {
            var kind = (CollaborationKind)random.Next(4);
            if (kind == CollaborationKind.GoalDependency && earlier.Count == 0)
            {
                kind = CollaborationKind.CrossUnit;
            }

            var collaboration = new Collaboration
            {
                Kind = kind,
                PartnerUnitId = kind == CollaborationKind.CrossUnit ? Pick(units.Where(u => u.Id != unit.Id).ToList()).Id : null,
                PartnerGoalId = kind == CollaborationKind.GoalDependency ? Pick(earlier).Id : null,
                PartnerName = kind is CollaborationKind.External or CollaborationKind.CoCreation ? Pick(Partners) : null,
                Description = "Fælles indsats på tværs af grænser.",
                CreatedAt = now,
            };
            collaboration.EnsureShape();
            target.Add(collaboration);
            Count("collaborations");
        }
    }

    private KeyResult AddKeyResult(VisionTrackerDbContext db, Goal goal, Period period, Person owner, int index)
    {
        var kind = (MetricKind)((index + random.Next(5)) % 5);
        var milestones = kind == MetricKind.Milestone ? 3 + random.Next(4) : 0;
        var (start, target, unitName) = kind switch
        {
            MetricKind.YesNo => (0d, 1d, (string?)null),
            MetricKind.Milestone => (0d, milestones, null),
            MetricKind.Percentage => random.Next(2) == 0 ? (40d, 80d, "%") : (30d, 10d, "%"),
            MetricKind.Currency => (0d, 250_000d * (1 + random.Next(8)), "kr."),
            _ => random.Next(3) == 0 ? (500d, 300d, "ton CO2") : (100d, 100d + (50 * (1 + random.Next(10))), "borgere"),
        };
        var keyResult = new KeyResult
        {
            GoalId = goal.Id,
            PeriodId = goal.PeriodId,
            OwnerId = owner.Id,
            Title = $"Nøgleresultat {index + 1}: {Pick(Objects)}",
            MetricKind = kind,
            StartValue = start,
            TargetValue = target,
            CurrentValue = start,
            Unit = unitName,
            Direction = target < start ? Direction.Decrease : Direction.Increase,
            Weight = 1 + random.Next(3),
            CreatedAt = goal.CreatedAt,
        };
        keyResult.Milestones.AddRange(Enumerable.Range(1, milestones).Select(i => new Milestone { KeyResultId = keyResult.Id, Title = $"Milepæl {i}", SortOrder = i }));
        keyResult.EnsureShape();
        Count("key results");
        Count("milestones", milestones);

        // Weekly check-ins while the period has run; the key result is left where its latest check-in put it.
        var times = CheckInTimes(period, 7);
        var reach = period.State == PeriodState.Closed ? 0.5 + (random.NextDouble() * 0.6) : random.NextDouble() * 0.9;
        for (var i = 0; i < times.Count; i++)
        {
            var share = Math.Min(1, reach * (i + 1) / times.Count);
            var value = kind switch
            {
                MetricKind.YesNo => share >= 1 ? 1 : 0,
                MetricKind.Milestone => Math.Round(share * milestones),
                _ => Math.Round(start + (share * (target - start)), 1),
            };
            var confidence = Math.Round((0.3 + (random.NextDouble() * 0.7)) * 20) / 20;
            AddCheckIn(db, new CheckIn { KeyResultId = keyResult.Id, PersonId = owner.Id, Value = value }, period, times[i], confidence);
            keyResult.CurrentValue = value;
            keyResult.Confidence = confidence;
            keyResult.LastCheckInAt = times[i];
        }

        foreach (var milestone in keyResult.Milestones.Take((int)keyResult.CurrentValue))
        {
            milestone.Done = kind == MetricKind.Milestone;
        }

        return keyResult;
    }

    private void AddAction(VisionTrackerDbContext db, Goal goal, KeyResult? keyResult, Period period, OrgUnit unit, List<Goal> earlier)
    {
        var action = new LeaderAction
        {
            OwnerId = goal.OwnerId,
            GoalId = goal.Id,
            KeyResultId = keyResult?.Id,
            PeriodId = goal.PeriodId,
            OrgUnitId = goal.OwnerUnitId,
            Title = $"Handling: {Pick(Verbs).ToLowerInvariant()} {Pick(Objects)}",
            Description = "Konkret skridt i ledelsesgrundlaget.",
            DueDate = period.Start.AddDays(30 + random.Next(150)),
            CitizenValue = random.Next(2) == 0 ? "Kortere ventetid for borgerne." : null,
            CoCreationLevel = (CoCreationLevel)random.Next(4),
            GreenTransition = random.Next(5) == 0,
        };
        var state = period.State switch
        {
            PeriodState.Planning => ActionState.Planned,
            PeriodState.Closed => random.Next(6) == 0 ? ActionState.Cancelled : ActionState.Done,
            _ => (ActionState)random.Next(5),
        };
        if (state != ActionState.Planned)
        {
            action.MoveTo(ActionState.InProgress);
            action.MoveTo(state);
        }

        if (random.Next(4) == 0)
        {
            AddCollaborations(action.Collaborations, unit, earlier);
        }

        // Fortnightly check-ins once work has begun.
        var times = state == ActionState.Planned ? [] : CheckInTimes(period, 14);
        for (var i = 0; i < times.Count; i++)
        {
            var latest = i == times.Count - 1;
            var progress = Math.Round(state == ActionState.Done && latest ? 1 : Math.Min(0.95, (i + 1) / (double)(times.Count + 1)), 2);
            var confidence = Math.Round((0.4 + (random.NextDouble() * 0.6)) * 20) / 20;
            var checkIn = new CheckIn { ActionId = action.Id, PersonId = action.OwnerId, ActionState = latest ? state : ActionState.InProgress, ActionProgress = progress };
            AddCheckIn(db, checkIn, period, times[i], confidence);
            action.ReportedProgress = progress;
            action.Confidence = confidence;
            action.LastCheckInAt = times[i];
        }

        db.Actions.Add(action);
        Count("actions");
    }

    /// <summary>Every <paramref name="days"/> days from the period's start until its end or now, at an office hour.</summary>
    private List<DateTime> CheckInTimes(Period period, int days)
    {
        List<DateTime> times = [];
        if (period.State == PeriodState.Planning)
        {
            return times;
        }

        var end = period.EndsAtUtc < now ? period.EndsAtUtc : now;
        for (var at = period.StartsAtUtc.AddDays(random.Next(days)); at < end; at = at.AddDays(days))
        {
            var stamped = at.AddHours(7 + random.Next(9)).AddMinutes(random.Next(60));
            if (stamped < end)
            {
                times.Add(stamped);
            }
        }

        return times;
    }

    private void AddCheckIn(VisionTrackerDbContext db, CheckIn checkIn, Period period, DateTime at, double confidence)
    {
        checkIn.PeriodId = period.Id;
        checkIn.At = at;
        checkIn.Confidence = confidence;
        checkIn.Note = Pick(Notes);
        db.CheckIns.Add(checkIn);
        Count("check-ins");
    }

    private static async Task SaveAsync(VisionTrackerDbContext db, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
