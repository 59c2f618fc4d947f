using System.Globalization;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Figures;
using VisionTracker.Domain.Notifications;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Notifications;

public sealed record Recipient(Guid Id, string Name, string Email, string Culture)
{
    public NotificationTexts Texts => NotificationTexts.For(Culture);
}

/// <summary>
/// What every reminder and digest run shares: today in the organisation's time zone (<see cref="FigureReader.Today"/>,
/// Copenhagen, where the schedules live), the ISO week that
/// de-duplication keys name, the recipients, links to pages, and writing only the notifications whose key is new.
/// </summary>
public sealed class ReminderContext(IVisionTrackerDbContext db, FigureReader figures, IPageLinks links)
{
    public DateTime Now => figures.Now;

    public DateOnly Today => figures.Today;

    /// <summary>"2027-W11": the ISO week of today in Copenhagen.</summary>
    public string IsoWeek => $"{ISOWeek.GetYear(Today.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(Today.ToDateTime(TimeOnly.MinValue)):00}";

    /// <summary>Links to the pages a message points people to.</summary>
    public IPageLinks Links => links;

    /// <summary>The active people among <paramref name="ids"/>, by id.</summary>
    public async Task<Dictionary<Guid, Recipient>> ActiveRecipientsAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        var found = new Dictionary<Guid, Recipient>();
        foreach (var chunk in wanted.Chunk(500))
        {
            var list = await db.People.AsNoTracking()
                .Where(p => chunk.Contains(p.Id) && p.IsActive)
                .Select(p => new Recipient(p.Id, p.Name, p.Email, p.Culture))
                .ToListAsync(ct);
            foreach (var r in list)
            {
                found[r.Id] = r;
            }
        }

        return found;
    }

    /// <summary>The keys among <paramref name="keys"/> that no notification carries yet: what this run still has to write.</summary>
    public async Task<HashSet<string>> NewKeysAsync(IEnumerable<string> keys, CancellationToken ct)
    {
        var wanted = keys.ToHashSet(StringComparer.Ordinal);
        foreach (var chunk in wanted.ToList().Chunk(500))
        {
            var existing = await db.Notifications.AsNoTracking()
                .Where(n => chunk.Contains(n.DeduplicationKey))
                .Select(n => n.DeduplicationKey)
                .ToListAsync(ct);
            wanted.ExceptWith(existing);
        }

        return wanted;
    }

    /// <summary>Adds a notification to the command's unit of work: it is written in the command's transaction (the outbox).</summary>
    public void Add(Recipient to, NotificationKind kind, string key, string subject, MessageBuilder body)
    {
        var (text, html) = body.Build();
        db.Notifications.Add(new Notification
        {
            RecipientId = to.Id,
            Kind = kind,
            Subject = subject.Length > 300 ? subject[..297] + "..." : subject,
            Text = text,
            Html = html,
            CreatedAt = Now,
            DeduplicationKey = key,
            Channel = string.IsNullOrWhiteSpace(to.Email) ? NotificationChannels.InApp : NotificationChannels.Email,
        });
    }

    /// <summary>Department heads (active people) and the unit paths their role covers.</summary>
    public async Task<List<(Guid PersonId, string UnitPath, Guid UnitId)>> DepartmentHeadsAsync(CancellationToken ct)
    {
        var heads = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.Role == Role.DepartmentHead && r.Person!.IsActive)
            .Select(r => new { r.PersonId, r.OrgUnit!.Path, r.OrgUnitId })
            .ToListAsync(ct);
        return heads.Select(h => (h.PersonId, h.Path, h.OrgUnitId)).ToList();
    }
}

public static class NotificationChannels
{
    public const string Email = "email";
    public const string InApp = "in-app";
}
