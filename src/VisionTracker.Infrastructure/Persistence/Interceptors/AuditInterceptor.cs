using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Audit;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Notifications;
using VisionTracker.Domain.Reflections;

namespace VisionTracker.Infrastructure.Persistence.Interceptors;

/// <summary>
/// The one mechanism behind timestamps, versions and the audit trail: every save stamps what changed, bumps the
/// version of resources whose own fields changed, and writes one audit entry per changed entity.
/// Recomputed figures are derived, so they neither bump versions nor write audit entries; notifications are their own
/// record of what was sent (and their delivery bookkeeping changes every minute), so they are not audited either.
/// </summary>
public sealed class AuditInterceptor(ICurrentUser user, CommandContext command, SystemActor system, TimeProvider clock) : SaveChangesInterceptor
{
    // What a check-in leaves behind (a milestone done, a current value) is the check-in's record, not an edit of the key result.
    private static readonly HashSet<string> Derived =
        ["Progress", "Confidence", "CrossesBoundary", "LastCheckInAt", "CurrentValue", "ReportedProgress", "Done", "Version", "UpdatedAt", "CreatedAt"];

    private static readonly HashSet<string> Secret = ["Hash"];

    // Data Protection keys are secrets the framework rotates itself, not something a person changed; an alignment
    // review is its own record.
    private static readonly HashSet<Type> NotAudited =
        [typeof(AuditEntry), typeof(PeriodFigure), typeof(ProgressSnapshot), typeof(Notification), typeof(DataProtectionKey), typeof(AlignmentReview)];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            Stamp(context);
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            Stamp(context);
        }

        return base.SavingChanges(eventData, result);
    }

    private void Stamp(DbContext context)
    {
        // Changes are detected once here: every Entries() call below would otherwise detect them again over the whole
        // change tracker. EF Core detects them once more after this interceptor, so what Stamp changes is saved too.
        var tracker = context.ChangeTracker;
        tracker.DetectChanges();
        var autoDetect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            Stamp(context, clock.GetUtcNow().UtcDateTime);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private void Stamp(DbContext context, DateTime now)
    {
        var entries = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => !NotAudited.Contains(e.Entity.GetType()))
            .ToList();
        var bumped = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var units = new AuditUnitResolver(context, context.ChangeTracker.Entries().Select(e => e.Entity).ToList());

        // Work without a person behind it (a scheduled job) says which system actor sent the command.
        var commandName = system.Name is { } actor ? $"{actor}: {command.Name}" : command.Name;
        commandName = commandName.Length > 100 ? commandName[..100] : commandName;
        foreach (var entry in entries)
        {
            var changes = Changes(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0)
            {
                continue;
            }

            if (entry.Entity is VersionedEntity versioned && bumped.Add(versioned))
            {
                if (entry.State == EntityState.Added)
                {
                    // Imported history (the demo data) may say when it began; commands never set it.
                    versioned.CreatedAt = versioned.CreatedAt == default ? now : versioned.CreatedAt;
                    versioned.UpdatedAt = now;
                }
                else if (entry.State == EntityState.Modified)
                {
                    versioned.Version++;
                    versioned.UpdatedAt = now;
                }
            }

            AlignmentStamp.Apply(entry, now);

            if (OwnerOf(context, entry.Entity) is { } owner && bumped.Add(owner))
            {
                owner.Version++;
                owner.UpdatedAt = now;
            }

            context.Add(new AuditEntry
            {
                At = now,
                ActorId = user.PersonId,
                TokenId = user.TokenId,
                Command = commandName,
                EntityType = entry.Metadata.ClrType.Name,
                EntityId = KeyOf(entry),
                Operation = entry.State.ToString(),
                Changes = JsonSerializer.Serialize(changes),
                UnitPath = units.PathOf(entry.Entity),
            });
        }
    }

    /// <summary>
    /// The resource whose representation a child row belongs to (a goal's alignments and collaborations, an action's
    /// collaborations, a key result's milestones, a foundation's reflection answers): changing the child is a new version of the owner.
    /// </summary>
    private static VersionedEntity? OwnerOf(DbContext context, object child)
    {
        Guid? ownerId = child switch
        {
            GoalTheme a => a.GoalId,
            Collaboration c => c.GoalId ?? c.ActionId,
            Milestone m => m.KeyResultId,
            ReflectionAnswer { FoundationId: { } foundation } => foundation,
            _ => null,
        };
        return ownerId is null
            ? null
            : context.ChangeTracker.Entries<VersionedEntity>().Select(e => e.Entity).FirstOrDefault(e => e.Id == ownerId);
    }

    private static Dictionary<string, object?> Changes(EntityEntry entry)
    {
        var changes = new Dictionary<string, object?>();
        foreach (var p in entry.Properties)
        {
            var name = p.Metadata.Name;
            if (Derived.Contains(name) && entry.State == EntityState.Modified)
            {
                continue;
            }

            var secret = Secret.Contains(name);
            switch (entry.State)
            {
                case EntityState.Added:
                    changes[name] = secret ? "***" : p.CurrentValue;
                    break;
                case EntityState.Deleted:
                    changes[name] = secret ? "***" : p.OriginalValue;
                    break;
                default:
                    if (p.IsModified && !Equals(p.OriginalValue, p.CurrentValue) && !IsSameCollection(p.OriginalValue, p.CurrentValue))
                    {
                        changes[name] = new { old = secret ? "***" : p.OriginalValue, @new = secret ? "***" : p.CurrentValue };
                    }

                    break;
            }
        }

        return changes;
    }

    private static bool IsSameCollection(object? a, object? b) =>
        a is System.Collections.IEnumerable x && b is System.Collections.IEnumerable y && a is not string
        && x.Cast<object?>().SequenceEqual(y.Cast<object?>());

    private static string KeyOf(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString()));
}
