using Microsoft.Extensions.Localization;
using VisionTracker.Application.Figures;
using VisionTracker.Application.MyWork;

namespace VisionTracker.Web.Forms;

/// <summary>What a check-in moved: the key result, its goal and its themes, before → after, as read back from the service.</summary>
public sealed record CheckInOutcome(Guid KeyResultId, IReadOnlyList<string> Lines)
{
    public static IReadOnlyList<string> Describe(IStringLocalizer t, MyKeyResultDto before, MyKeyResultDto? after)
    {
        if (after is null)
        {
            return [];
        }

        string Line(string what, FigureView from, FigureView to) =>
            t["CheckIn_Moved", what, Display.Percent(from.Progress), Display.Percent(to.Progress), Display.Status(t, to.Status)];

        var lines = new List<string>
        {
            Line(t["CheckIn_MovedKeyResult", after.KeyResult.Title], before.Figures, after.Figures),
            Line(t["CheckIn_MovedGoal", after.GoalTitle], before.GoalFigures, after.GoalFigures),
        };
        foreach (var theme in after.Themes)
        {
            var was = before.Themes.FirstOrDefault(x => x.ThemeId == theme.ThemeId)?.Figures ?? theme.Figures;
            lines.Add(Line(t["CheckIn_MovedTheme", theme.Title], was, theme.Figures));
        }

        return lines;
    }
}
