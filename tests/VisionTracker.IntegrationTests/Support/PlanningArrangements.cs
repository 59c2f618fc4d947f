using Microsoft.EntityFrameworkCore;
using VisionTracker.Domain.Planning;

namespace VisionTracker.IntegrationTests.Support;

public sealed record PlanningSetup(Guid VisionId, Guid PeriodId, IReadOnlyList<Guid> ThemeIds);

public static class PlanningArrangements
{
    /// <summary>An active vision with two themes and a period (Active unless told otherwise) around the fake clock's "now".</summary>
    public static Task<PlanningSetup> ArrangePlanningAsync(this VisionTrackerFactory factory, PeriodState state = PeriodState.Active, int year = 2027) =>
        factory.WithDbAsync(async db =>
        {
            var vision = db.Visions.Include(v => v.Themes).FirstOrDefault(v => v.IsActive);
            if (vision is null)
            {
                vision = new Vision { Title = "Fortællingen om Aarhus", Narrative = "En god by for alle", ValidFrom = new DateOnly(2020, 1, 1), IsActive = true };
                vision.Themes.Add(new Theme { Title = "Grøn by", SortOrder = 1 });
                vision.Themes.Add(new Theme { Title = "Børn og unge trives", SortOrder = 2 });
                db.Visions.Add(vision);
            }

            var period = new Period { Name = $"{year} H1 {Guid.NewGuid():N}"[..20], Start = new DateOnly(year, 1, 1), End = new DateOnly(year, 6, 30) };
            if (state != PeriodState.Planning)
            {
                period.Activate();
            }

            if (state == PeriodState.Closed)
            {
                period.Close();
            }

            db.Periods.Add(period);
            await db.SaveChangesAsync();
            return new PlanningSetup(vision.Id, period.Id, vision.Themes.OrderBy(t => t.SortOrder).Select(t => t.Id).ToList());
        });
}
