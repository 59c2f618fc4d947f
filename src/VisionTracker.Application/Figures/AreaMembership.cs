using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Figures;

/// <summary>Which goals an area figure counts: an org unit counts its whole subtree's goals, a theme its aligned goals.</summary>
internal static class AreaMembership
{
    /// <summary>Every unit on the owner unit's path gets the goal, so a unit's list covers its subtree.</summary>
    public static Dictionary<Guid, List<Goal>> ByUnit(IEnumerable<Goal> counted, IReadOnlyDictionary<Guid, string> unitPaths)
    {
        var byUnit = new Dictionary<Guid, List<Goal>>();
        foreach (var goal in counted)
        {
            if (!unitPaths.TryGetValue(goal.OwnerUnitId, out var path))
            {
                continue;
            }

            foreach (var segment in path.Split(OrgUnit.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var unitId = Guid.ParseExact(segment, "N");
                if (!byUnit.TryGetValue(unitId, out var list))
                {
                    byUnit[unitId] = list = [];
                }

                list.Add(goal);
            }
        }

        return byUnit;
    }

    /// <summary>Goals aligned to the theme by an alignment that was not rejected in review.</summary>
    public static List<Goal> ForTheme(IEnumerable<Goal> counted, Guid themeId) =>
        counted.Where(g => g.Alignments.Any(a => a.ThemeId == themeId && a.Counts)).ToList();
}
