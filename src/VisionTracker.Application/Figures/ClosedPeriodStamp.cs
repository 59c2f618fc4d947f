using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Figures;

namespace VisionTracker.Application.Figures;

/// <summary>
/// What a closed period's figures depend on from outside the period. Nothing inside a closed period can change (every
/// command that writes a goal, key result, action, check-in, milestone, alignment or collaboration refuses a closed
/// period), so its figures can only move when the org-unit tree changes (a unit's path decides which units a goal
/// counts in; a new or removed unit or theme adds or drops an area row) or the rules themselves change (a new build).
/// The stamp is a hash of exactly those: every unit's id and path, every theme's id, and the builds of the rules.
/// </summary>
internal static class ClosedPeriodStamp
{
    private static readonly string Rules =
        $"{typeof(Rollup).Assembly.ManifestModule.ModuleVersionId:N}{typeof(ClosedPeriodStamp).Assembly.ManifestModule.ModuleVersionId:N}";

    public static async Task<string> ComputeAsync(IVisionTrackerDbContext db, CancellationToken ct)
    {
        var units = await db.OrgUnits.AsNoTracking().OrderBy(u => u.Id).Select(u => new { u.Id, u.Path }).ToListAsync(ct);
        var themes = await db.Themes.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(ct);
        var text = new StringBuilder(Rules);
        foreach (var unit in units)
        {
            text.Append('|').Append(unit.Id.ToString("N")).Append(':').Append(unit.Path);
        }

        foreach (var theme in themes)
        {
            text.Append("|t:").Append(theme.ToString("N"));
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
