using System.Globalization;
using VisionTracker.Domain.Figures;

namespace VisionTracker.Application.Notifications;

/// <summary>Every text a notification says, in Danish and English; a person's culture picks one (Danish by default).</summary>
public sealed class NotificationTexts
{
    private static readonly NotificationTexts Danish = new()
    {
        Culture = CultureInfo.GetCultureInfo("da-DK"),
        Greeting = "Hej {0}",
        Never = "aldrig",
        KeyResult = "Nøgleresultat",
        Action = "Handling",
        CheckInSubject = "Påmindelse: {0} punkt(er) venter på en opfølgning",
        CheckInIntro = "Disse nøgleresultater og handlinger har ikke haft en opfølgning i den tid, jeres enhed har aftalt:",
        CheckInItem = "{0}: {1} (mål: {2}) - seneste opfølgning: {3}, aftalt hver {4}. dag",
        CheckInOutro = "Tjek ind med status, tillid og en refleksion: hvad lærte vi, og hvad gør vi nu?",
        DueSubject = "Handlingen \"{0}\" skal være færdig {1}",
        DueBody = "Din handling \"{0}\" under målet \"{1}\" skal være færdig {2} ({3} dag(e) fra i dag).",
        DueOutro = "Opdatér status med en opfølgning, eller ret datoen, hvis planen er ændret.",
        OverdueSubject = "Handlingen \"{0}\" er overskredet (frist {1})",
        OverdueBody = "Din handling \"{0}\" under målet \"{1}\" skulle have været færdig {2} og er overskredet med {3} dag(e).",
        OverdueOutro = "Tjek ind med status, sæt en ny dato, eller luk handlingen, hvis den ikke længere er aktuel.",
        EscalationSubject = "Overskredet i {0} dage: \"{1}\" ({2})",
        EscalationBody = "Handlingen \"{0}\" under målet \"{1}\" i {2} ejes af {3}. Den skulle have været færdig {4} og er overskredet med {5} dage.",
        EscalationOutro = "Du får denne besked som direktør/chef over enheden. Tal med ejeren om, hvad der skal til.",
        ClosingSubject = "Perioden {0} slutter {1}",
        ClosingBody = "Perioden {0} slutter {1} ({2} dag(e) fra i dag). Du har mål eller handlinger i den:",
        ClosingOutro = "Opdatér tallene og tjek ind, så periodens resultater står klart, når den lukkes.",
        Goal = "Mål",
        DigestSubject = "Ugentligt overblik for {0}, uge {1}",
        DigestIntro = "Sådan står det til i {0} og enhederne under den.",
        DigestPeriod = "{0}: fremdrift {1} (forventet {2}), status: {3}. {4} aktive mål.",
        DigestChange = "Ændring siden {0}: {1} procentpoint.",
        DigestNoEarlier = "Ingen tidligere tal at sammenligne med.",
        DigestNoPeriods = "Der er ingen aktive perioder lige nu.",
        DigestStaleHeading = "Nøgleresultater uden opfølgning i {0} dage ({1})",
        DigestStaleItem = "{0} (mål: {1}, ejer: {2}) - seneste opfølgning: {3}",
        DigestSilentHeading = "Ikke tjekket ind i {0} dage ({1})",
        DigestOrphanHeading = "Mål uden tema og overordnet mål ({0})",
        DigestOrphanItem = "{0} (ejer: {1})",
        DigestCollaborationHeading = "Nye grænsekrydsende samarbejder siden dit forrige overblik ({0})",
        DigestIncomingHeading = "Samarbejder fra andre, der venter på jeres svar ({0}, heraf {1} nye)",
        DigestIncomingItem = "Fra {0} til {1}: {2}",
        DigestIncomingNewItem = "Nyt: fra {0} til {1}: {2}",
        DigestCollaborationItem = "{0}: {1} med {2}",
        DigestNone = "Ingen.",
        DigestMore = "… og {0} mere.",
        NoFigure = "ingen tal",
        Statuses = new Dictionary<ProgressStatus, string>
        {
            [ProgressStatus.NoData] = "ingen data",
            [ProgressStatus.OnTrack] = "på sporet",
            [ProgressStatus.Behind] = "bagud",
            [ProgressStatus.AtRisk] = "i risiko",
        },
        DateFormat = "d. MMMM yyyy",
    };

    private static readonly NotificationTexts English = new()
    {
        Culture = CultureInfo.GetCultureInfo("en-GB"),
        Greeting = "Hi {0}",
        Never = "never",
        KeyResult = "Key result",
        Action = "Action",
        CheckInSubject = "Reminder: {0} item(s) waiting for a check-in",
        CheckInIntro = "These key results and actions have had no check-in within the cadence your unit agreed on:",
        CheckInItem = "{0}: {1} (goal: {2}) - last check-in: {3}, agreed every {4} days",
        CheckInOutro = "Check in with status, confidence and a reflection: what did we learn, and what do we do next?",
        DueSubject = "Action \"{0}\" is due on {1}",
        DueBody = "Your action \"{0}\" under the goal \"{1}\" is due on {2} ({3} day(s) from today).",
        DueOutro = "Update its status with a check-in, or change the date if the plan has changed.",
        OverdueSubject = "Action \"{0}\" is overdue (due {1})",
        OverdueBody = "Your action \"{0}\" under the goal \"{1}\" was due on {2} and is {3} day(s) overdue.",
        OverdueOutro = "Check in with its status, set a new date, or close the action if it no longer applies.",
        EscalationSubject = "Overdue for {0} days: \"{1}\" ({2})",
        EscalationBody = "The action \"{0}\" under the goal \"{1}\" in {2} is owned by {3}. It was due on {4} and is {5} days overdue.",
        EscalationOutro = "You receive this as department head over the unit. Talk with the owner about what it takes.",
        ClosingSubject = "Period {0} ends on {1}",
        ClosingBody = "The period {0} ends on {1} ({2} day(s) from today). You have goals or actions in it:",
        ClosingOutro = "Bring the figures up to date and check in, so the period's results are clear when it closes.",
        Goal = "Goal",
        DigestSubject = "Weekly digest for {0}, week {1}",
        DigestIntro = "How {0} and the units under it are doing.",
        DigestPeriod = "{0}: progress {1} (expected {2}), status: {3}. {4} active goals.",
        DigestChange = "Change since {0}: {1} percentage points.",
        DigestNoEarlier = "No earlier figure to compare with.",
        DigestNoPeriods = "There are no active periods at the moment.",
        DigestStaleHeading = "Key results without a check-in for {0} days ({1})",
        DigestStaleItem = "{0} (goal: {1}, owner: {2}) - last check-in: {3}",
        DigestSilentHeading = "Not checked in for {0} days ({1})",
        DigestOrphanHeading = "Goals with no theme and no parent goal ({0})",
        DigestOrphanItem = "{0} (owner: {1})",
        DigestCollaborationHeading = "New boundary-crossing collaborations since your previous digest ({0})",
        DigestIncomingHeading = "Collaborations from others awaiting your answer ({0}, {1} new)",
        DigestIncomingItem = "From {0} to {1}: {2}",
        DigestIncomingNewItem = "New: from {0} to {1}: {2}",
        DigestCollaborationItem = "{0}: {1} with {2}",
        DigestNone = "None.",
        DigestMore = "… and {0} more.",
        NoFigure = "no figure",
        Statuses = new Dictionary<ProgressStatus, string>
        {
            [ProgressStatus.NoData] = "no data",
            [ProgressStatus.OnTrack] = "on track",
            [ProgressStatus.Behind] = "behind",
            [ProgressStatus.AtRisk] = "at risk",
        },
        DateFormat = "d MMMM yyyy",
    };

    public required CultureInfo Culture { get; init; }
    public required string Greeting { get; init; }
    public required string Never { get; init; }
    public required string KeyResult { get; init; }
    public required string Action { get; init; }
    public required string CheckInSubject { get; init; }
    public required string CheckInIntro { get; init; }
    public required string CheckInItem { get; init; }
    public required string CheckInOutro { get; init; }
    public required string DueSubject { get; init; }
    public required string DueBody { get; init; }
    public required string DueOutro { get; init; }
    public required string OverdueSubject { get; init; }
    public required string OverdueBody { get; init; }
    public required string OverdueOutro { get; init; }
    public required string EscalationSubject { get; init; }
    public required string EscalationBody { get; init; }
    public required string EscalationOutro { get; init; }
    public required string ClosingSubject { get; init; }
    public required string ClosingBody { get; init; }
    public required string ClosingOutro { get; init; }
    public required string Goal { get; init; }
    public required string DigestSubject { get; init; }
    public required string DigestIntro { get; init; }
    public required string DigestPeriod { get; init; }
    public required string DigestChange { get; init; }
    public required string DigestNoEarlier { get; init; }
    public required string DigestNoPeriods { get; init; }
    public required string DigestStaleHeading { get; init; }
    public required string DigestStaleItem { get; init; }
    public required string DigestSilentHeading { get; init; }
    public required string DigestOrphanHeading { get; init; }
    public required string DigestOrphanItem { get; init; }
    public required string DigestCollaborationHeading { get; init; }
    public required string DigestCollaborationItem { get; init; }
    public required string DigestIncomingHeading { get; init; }
    public required string DigestIncomingItem { get; init; }
    public required string DigestIncomingNewItem { get; init; }
    public required string DigestNone { get; init; }
    public required string DigestMore { get; init; }
    public required string NoFigure { get; init; }
    public required IReadOnlyDictionary<ProgressStatus, string> Statuses { get; init; }
    public required string DateFormat { get; init; }

    public static NotificationTexts For(string? culture) =>
        string.Equals(culture, "en", StringComparison.OrdinalIgnoreCase) ? English : Danish;

    public string Format(string template, params object?[] args) => string.Format(Culture, template, args);

    public string Date(DateOnly date) => date.ToString(DateFormat, Culture);

    public string Date(DateTime? at) => at is null ? Never : Date(DateOnly.FromDateTime(at.Value));

    public string Percent(double? value) => value is null ? NoFigure : Math.Round(value.Value * 100).ToString("0", Culture) + " %";
}
