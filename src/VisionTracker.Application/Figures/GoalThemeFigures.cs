using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Figures;

public sealed record ThemeFigureDto(Guid ThemeId, string Title, FigureView Figures);

/// <summary>
/// The one read of "the themes a goal serves and where they stand": its alignments that are not rejected, in the
/// vision's order, each with the theme's stored figures in the goal's period (no figures yet: an empty view). Used by a
/// check-in's answer and by a leader's own key results.
/// </summary>
internal static class GoalThemeFigures
{
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<ThemeFigureDto>>> ReadAsync(
        IVisionTrackerDbContext db, FigureReader figures, IReadOnlyDictionary<Guid, Period> periodOfGoal, CancellationToken ct)
    {
        var goalIds = periodOfGoal.Keys.ToList();
        var periodIds = periodOfGoal.Values.Select(p => p.Id).Distinct().ToList();
        var alignments = await db.GoalThemes.AsNoTracking()
            .Where(a => goalIds.Contains(a.GoalId))
            .Where(FigureRules.CountingAlignment)
            .OrderBy(a => a.Theme!.SortOrder)
            .Select(a => new { a.GoalId, a.ThemeId, a.Theme!.Title })
            .ToListAsync(ct);
        var themeIds = alignments.Select(a => a.ThemeId).Distinct().ToList();
        var stored = await db.PeriodFigures.AsNoTracking()
            .Where(f => f.SubjectKind == FigureSubject.Theme && periodIds.Contains(f.PeriodId) && themeIds.Contains(f.SubjectId))
            .ToDictionaryAsync(f => (f.PeriodId, f.SubjectId), f => f.Figures, ct);

        return goalIds.ToDictionary(id => id, IReadOnlyList<ThemeFigureDto> (id) =>
        {
            var period = periodOfGoal[id];
            return alignments.Where(a => a.GoalId == id)
                .Select(a => stored.TryGetValue((period.Id, a.ThemeId), out var f)
                    ? new ThemeFigureDto(a.ThemeId, a.Title, figures.Area(f.Progress, f.Confidence, period))
                    : new ThemeFigureDto(a.ThemeId, a.Title, figures.Area(null, null, period)))
                .ToList();
        });
    }
}
