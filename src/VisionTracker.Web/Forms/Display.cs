using System.Globalization;
using Microsoft.Extensions.Localization;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Web.Forms;

/// <summary>Figures, dates and states as words and numbers in the page's culture; enum names never reach a page.</summary>
public static class Display
{
    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    public static string Percent(double? value) => value is { } v ? v.ToString("P0", Culture) : "–";

    public static string Number(double value) => value.ToString("#,0.##", Culture);

    public static string Input(double value) => value.ToString("0.##", Culture);

    public static string Date(IStringLocalizer t, DateOnly? date) => date is { } d ? d.ToString(t["Format_Date"], Culture) : "–";

    public static string Date(IStringLocalizer t, DateTime? utc) => utc is { } d ? DateOnly.FromDateTime(d).ToString(t["Format_Date"], Culture) : "–";

    public static string Status(IStringLocalizer t, ProgressStatus status) => t[$"Status_{status}"];

    public static string StatusClass(ProgressStatus status) => status switch
    {
        ProgressStatus.OnTrack => "vt-status-ontrack",
        ProgressStatus.Behind => "vt-status-behind",
        ProgressStatus.AtRisk => "vt-status-atrisk",
        _ => "vt-status-nodata",
    };

    public static string Confidence(IStringLocalizer t, string colour) => t[$"Confidence_{colour}"];

    public static string State(IStringLocalizer t, GoalState state) => t[$"GoalState_{state}"];

    public static string State(IStringLocalizer t, ActionState state) => t[$"ActionState_{state}"];

    public static string State(IStringLocalizer t, PeriodState state) => t[$"PeriodState_{state}"];

    public static string State(IStringLocalizer t, AlignmentReviewState state) => t[$"Review_{state}"];

    public static string Level(IStringLocalizer t, CoCreationLevel level) => t[$"CoCreation_{level}"];

    public static string RoleName(IStringLocalizer t, Role role) => t[$"Role_{role}"];

    public static string Metric(IStringLocalizer t, MetricKind kind) => t[$"Metric_{kind}"];

    /// <summary>A key result's value with its unit, as people read it ("13.500 ture", "Ja").</summary>
    public static string Value(IStringLocalizer t, MetricKind kind, double value, string? unit) => kind switch
    {
        MetricKind.YesNo => value >= 1 ? t["Common_Yes"] : t["Common_No"],
        MetricKind.Percentage => $"{Number(value)} %",
        _ => string.IsNullOrWhiteSpace(unit) ? Number(value) : $"{Number(value)} {unit}",
    };

    /// <summary>Where a key result stands against its target: "13.500 af 15.000 ture", "Nået: nej", "2 af 5 milepæle".</summary>
    public static string Standing(IStringLocalizer t, Application.Goals.KeyResultSummaryDto kr) => kr.MetricKind switch
    {
        MetricKind.YesNo => t["KeyResult_Reached", kr.CurrentValue >= 1 ? t["Common_Yes"] : t["Common_No"]],
        MetricKind.Milestone => t["KeyResult_Milestones", Number(kr.CurrentValue), Number(kr.TargetValue)],
        _ => t["KeyResult_ValueOfTarget", Value(t, kr.MetricKind, kr.CurrentValue, kr.Unit), Value(t, kr.MetricKind, kr.TargetValue, kr.Unit)],
    };

    /// <summary>A number typed in the page's culture ("12,5" in Danish, "12.5" in English).</summary>
    public static bool TryParse(string? text, out double value) =>
        double.TryParse(text?.Trim().Replace(" ", "", StringComparison.Ordinal), NumberStyles.Number, Culture, out value) && double.IsFinite(value);
}
