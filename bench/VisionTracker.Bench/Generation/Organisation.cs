using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Bench.Generation;

/// <summary>
/// The municipality's org chart, people, roles and personal tokens, and the vision with its themes. Every leader gets a
/// token the harness knows (only its hash is stored, as the service does), so load clients can sign in as them.
/// </summary>
public sealed class Organisation
{
    private static readonly string[] Departments =
    [
        "Borgmesterens Afdeling", "Børn og Unge", "Kultur og Borgerservice", "Sociale Forhold og Beskæftigelse",
        "Sundhed og Omsorg", "Teknik og Miljø",
    ];

    private static readonly string[] Themes =
    [
        "En grøn og klimavenlig by", "Børn og unge, der trives og lærer", "Aktivt medborgerskab og stærke lokalsamfund",
        "Sundhed og tryghed for alle", "En smart by, der fornyer velfærden sammen med borgerne", "Vækst, job og uddannelse",
    ];

    private static readonly string[] DivisionNames =
    [
        "Dagtilbud", "Skoler", "Beskæftigelse", "Ældreområdet", "Natur og Miljø", "Mobilitet", "Kultur", "Borgerservice",
        "Socialpsykiatri", "Handicap", "Byudvikling", "Sundhedsfremme",
    ];

    private static readonly string[] FirstNames =
    [
        "Anne", "Mette", "Lars", "Søren", "Hanne", "Jens", "Camilla", "Mads", "Louise", "Peter", "Sofie", "Thomas",
        "Ida", "Rasmus", "Maria", "Anders", "Julie", "Mikkel", "Karen", "Henrik", "Freja", "Ahmad", "Fatima", "Bo",
    ];

    private static readonly string[] LastNames =
    [
        "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
        "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen", "Østergaard", "Kaya",
    ];

    private readonly Random random;
    private readonly DateTime now;

    public Organisation(DataShape shape, Random random, DateTime now)
    {
        this.random = random;
        this.now = now;
        Root = Add(OrgUnit.Create("AAK", "Aarhus Kommune", OrgUnitKind.Municipality, null), null);
        AdminToken = Token("admin");
        CouncilToken = Token("council");
        AddPerson(Root, Role.Admin, "Systemadministrator", AdminToken);
        AddPerson(Root, Role.Viewer, "Analytiker, Byrådsservice", CouncilToken);

        for (var d = 0; d < shape.Departments; d++)
        {
            var department = Add(OrgUnit.Create($"D{d + 1}", Departments[d % Departments.Length], OrgUnitKind.Department, Root), null);
            HeadOf[department.Id] = AddPerson(department, Role.DepartmentHead, "Direktør", Token($"head{d + 1}"));
            AddLeaders(department, 4, "Kontorchef");
            AddPerson(department, Role.Viewer, "Controller", null);
            AddPerson(department, Role.Viewer, "Konsulent", null);
            for (var v = 0; v < shape.DivisionsPerDepartment; v++)
            {
                var name = $"{DivisionNames[(d + v) % DivisionNames.Length]} {d + 1}.{v + 1}";
                var division = Add(OrgUnit.Create($"D{d + 1}-{v + 1}", name, OrgUnitKind.Division, department), department);
                AddLeaders(division, 6, "Afdelingsleder");
                for (var u = 0; u < shape.UnitsPerDivision; u++)
                {
                    var unit = Add(OrgUnit.Create($"D{d + 1}-{v + 1}-{u + 1}", $"{name} – enhed {u + 1}", OrgUnitKind.Unit, division), department);
                    AddLeaders(unit, 5, "Leder");
                    AddPerson(unit, Role.Viewer, "Medarbejder", null);
                }
            }
        }

        Vision = new Vision
        {
            Title = "Fortællingen om Aarhus",
            Narrative = "Aarhus er en god by for alle: en by med drive og fællesskab, åben mod verden og i fornyelse.",
            ValidFrom = DateOnly.FromDateTime(now).AddYears(-2),
            IsActive = true,
            CreatedAt = now,
            UpdatedAt = now,
        };
        for (var i = 0; i < Themes.Length; i++)
        {
            Vision.Themes.Add(new Theme
            {
                VisionId = Vision.Id,
                Title = Themes[i],
                Description = $"Tema {i + 1} i visionen: {Themes[i]}.",
                SortOrder = i + 1,
                CreatedAt = now,
                UpdatedAt = now,
            });
        }
    }

    public OrgUnit Root { get; }
    public List<OrgUnit> Units { get; } = [];
    public List<Person> People { get; } = [];
    public List<RoleAssignment> Roles { get; } = [];
    public List<ApiToken> Tokens { get; } = [];
    public List<BenchLeader> Leaders { get; } = [];
    public Dictionary<Guid, List<Person>> LeadersByUnit { get; } = [];
    public Dictionary<Guid, OrgUnit> DepartmentOf { get; } = [];
    public Dictionary<Guid, Person> HeadOf { get; } = [];
    public Vision Vision { get; }
    public string AdminToken { get; }
    public string CouncilToken { get; }

    /// <summary>The token of a generated person by role: admin, council, head1…, leader00001… (its number among the people).</summary>
    internal static string Token(string who) => $"vt_bench_{who}_token";

    private OrgUnit Add(OrgUnit unit, OrgUnit? department)
    {
        unit.CreatedAt = now;
        unit.UpdatedAt = now;
        Units.Add(unit);
        LeadersByUnit[unit.Id] = [];
        if (department is not null)
        {
            DepartmentOf[unit.Id] = department;
        }
        else if (unit.Kind == OrgUnitKind.Department)
        {
            DepartmentOf[unit.Id] = unit;
        }

        return unit;
    }

    private void AddLeaders(OrgUnit unit, int count, string title)
    {
        for (var i = 0; i < count; i++)
        {
            AddPerson(unit, Role.Leader, title, Token($"leader{People.Count + 1:00000}"));
        }
    }

    private Person AddPerson(OrgUnit unit, Role role, string jobTitle, string? token)
    {
        var person = new Person
        {
            Name = $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}",
            Email = $"bench.{People.Count + 1:00000}@aarhus.dk",
            JobTitle = jobTitle,
            HomeUnitId = unit.Id,
            Culture = random.Next(8) == 0 ? "en" : "da",
            CreatedAt = now,
            UpdatedAt = now,
        };
        People.Add(person);
        Roles.Add(new RoleAssignment { PersonId = person.Id, OrgUnitId = unit.Id, Role = role, CreatedAt = now });
        if (token is not null)
        {
            Tokens.Add(new ApiToken { PersonId = person.Id, Name = "bench", Hash = ApiToken.HashOf(token), CreatedAt = now });
        }

        if (role is Role.Leader or Role.DepartmentHead)
        {
            LeadersByUnit[unit.Id].Add(person);
            Leaders.Add(new BenchLeader(person.Id, unit.Id, token!));
        }

        return person;
    }
}
