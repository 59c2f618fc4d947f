namespace VisionTracker.Domain.Reflections;

/// <summary>Where a reflection question is asked: at a check-in, or in the leader's foundation.</summary>
public enum ReflectionScope
{
    CheckIn,
    Foundation,
}

/// <summary>One of the programme's reflection questions; <see cref="Key"/> is stable (stored with every answer).</summary>
public sealed record ReflectionQuestion(string Key, ReflectionScope Scope, string Danish, string English)
{
    public string Text(bool danish) => danish ? Danish : English;
}

/// <summary>
/// The reflection questions of 'Fælles om Ledelse', which trains leadership as an interplay of knowledge, reflection and
/// action: the check-in asks about the programme's learning goals (active vision leadership, its barriers and
/// opportunities, boundary-crossing collaboration, value for citizens), the foundation about the leader's own
/// leadership ("you must move yourself to move together with others"). A fixed catalogue: answers keep their key, so
/// a question's wording may be improved but a key is never reused for another question.
/// </summary>
public static class ReflectionQuestions
{
    public const int MaxAnswerLength = 2000;
    public const int MaxKeyLength = 40;

    public static readonly IReadOnlyList<ReflectionQuestion> All =
    [
        new("vision-to-action", ReflectionScope.CheckIn,
            "Hvordan har du omsat visionen til handling siden sidst?",
            "How have you turned the vision into action since last time?"),
        new("barriers-and-opportunities", ReflectionScope.CheckIn,
            "Hvilke barrierer og muligheder har du mødt i arbejdet?",
            "Which barriers and opportunities have you met in the work?"),
        new("across-boundaries", ReflectionScope.CheckIn,
            "Hvornår og hvordan har du ledet på tværs af grænser – afdelinger, opgaver eller eksterne aktører?",
            "When and how have you led across boundaries – departments, tasks or external partners?"),
        new("value-for-citizens", ReflectionScope.CheckIn,
            "Hvilken værdi har det skabt for byens borgere og erhvervsliv?",
            "What value has it created for the city's citizens and businesses?"),
        new("own-leadership", ReflectionScope.Foundation,
            "Hvilken indsigt har du fået i din egen ledelse, og hvordan handler du på den?",
            "What insight have you gained into your own leadership, and how do you act on it?"),
        new("move-yourself", ReflectionScope.Foundation,
            "Hvordan må du flytte dig selv for at kunne flytte dig sammen med andre?",
            "How must you move yourself so that you can move together with others?"),
        new("lead-the-direction", ReflectionScope.Foundation,
            "Hvordan leder du synligt og aktivt dine medarbejdere i den ønskede retning?",
            "How do you lead your staff visibly and actively in the direction the vision sets?"),
    ];

    public static IEnumerable<ReflectionQuestion> For(ReflectionScope scope) => All.Where(q => q.Scope == scope);

    public static ReflectionQuestion? Find(string key) => All.FirstOrDefault(q => q.Key == key);

    /// <summary>Whether <paramref name="key"/> names a question asked in <paramref name="scope"/>.</summary>
    public static bool IsAsked(string key, ReflectionScope scope) => Find(key)?.Scope == scope;
}
