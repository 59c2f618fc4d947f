using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Audit;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.Figures;

/// <summary>
/// The roll-up's inputs of one period as they stood at an instant: today's rows taken back through the audit trail.
/// Goals, key results, actions and collaborations exist from their CreatedAt (imported history may date them before
/// their audit entry), an alignment from when it was first put forward; every audited change made after the instant
/// is undone, newest first (states, archiving, parent goals, key-result definitions, alignment reviews, removals).
/// Check-ins are append-only and are simply cut at the instant.
/// </summary>
internal sealed class FigureHistory(IVisionTrackerDbContext db)
{
    private static readonly string[] Audited = [nameof(Goal), nameof(KeyResult), nameof(LeaderAction), nameof(GoalTheme), nameof(Collaboration)];

    public async Task<FigureInputsAt> InputsAsync(Guid periodId, DateTime at, CancellationToken ct)
    {
        var goals = await db.Goals.AsNoTracking().Where(g => g.PeriodId == periodId && g.CreatedAt <= at).GoalFigureStates().ToDictionaryAsync(g => g.Id, ct);
        var keyResults = await db.KeyResultInputsAt(db.KeyResults.AsNoTracking().Where(k => k.PeriodId == periodId && k.CreatedAt <= at), at).ToDictionaryAsync(k => k.Inputs.Id, ct);
        var actions = await db.Actions.AsNoTracking().Where(a => a.PeriodId == periodId && a.CreatedAt <= at).GoalActions().ToDictionaryAsync(a => a.Id, ct);
        var alignments = await db.GoalThemes.AsNoTracking().Where(a => a.Goal!.PeriodId == periodId)
            .Select(a => new { a.GoalId, a.ThemeId, a.ReviewState, a.ProposedAt }).ToListAsync(ct);
        var collaborations = await db.Collaborations.AsNoTracking()
            .Where(c => c.CreatedAt <= at
                && ((c.GoalId != null && db.Goals.Any(g => g.Id == c.GoalId && g.PeriodId == periodId))
                    || (c.ActionId != null && db.Actions.Any(a => a.Id == c.ActionId && a.PeriodId == periodId))))
            .ToDictionaryAsync(c => c.Id, c => new GoalCollaboration(c.GoalId, c.ActionId, c.Kind, c.PartnerUnitId), ct);

        // An alignment counts from when it was first put forward: its first audit entry, or an earlier ProposedAt (imported history).
        var firstAdded = (await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(GoalTheme) && e.Operation == "Added")
                .GroupBy(e => e.EntityId).Select(g => new { g.Key, At = g.Min(e => e.At) }).ToListAsync(ct))
            .ToDictionary(e => e.Key, e => e.At);
        var themes = alignments.ToDictionary(
            a => $"{a.GoalId},{a.ThemeId}",
            a => new AlignmentAt(a.GoalId, a.ThemeId, a.ReviewState, Min(a.ProposedAt, firstAdded.GetValueOrDefault($"{a.GoalId},{a.ThemeId}"))));

        var later = await db.AuditEntries.AsNoTracking().Where(e => e.At > at && Audited.Contains(e.EntityType) && e.Operation != "Added")
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).ToListAsync(ct);
        foreach (var entry in later)
        {
            using var changes = JsonDocument.Parse(entry.Changes);
            Undo(entry, changes.RootElement, periodId, at, goals, keyResults, actions, themes, collaborations);
        }

        return new FigureInputsAt(
            [.. goals.Values],
            [.. keyResults.Values],
            [.. actions.Values],
            [.. themes.Values.Where(a => a.Since <= at && goals.ContainsKey(a.GoalId)).Select(a => new GoalAlignment(a.GoalId, a.ThemeId, a.ReviewState))],
            [.. collaborations.Values]);
    }

    private static void Undo(
        AuditEntry entry, JsonElement changes, Guid periodId, DateTime at, Dictionary<Guid, GoalFigureState> goals, Dictionary<Guid, KeyResultAt> keyResults,
        Dictionary<Guid, GoalAction> actions, Dictionary<string, AlignmentAt> themes, Dictionary<Guid, GoalCollaboration> collaborations)
    {
        var deleted = entry.Operation == "Deleted";
        switch (entry.EntityType)
        {
            case nameof(Goal) when Guid.TryParse(entry.EntityId, out var id) && goals.TryGetValue(id, out var goal):
                goals[id] = goal with
                {
                    State = Old(changes, nameof(Goal.State), e => (GoalState)e.GetInt32(), goal.State),
                    IsArchived = Old(changes, nameof(Goal.IsArchived), e => e.GetBoolean(), goal.IsArchived),
                    ParentGoalId = Old(changes, nameof(Goal.ParentGoalId), e => e.ValueKind == JsonValueKind.Null ? null : e.GetGuid(), goal.ParentGoalId),
                };
                break;
            case nameof(KeyResult) when deleted && Value(changes, nameof(KeyResult.PeriodId))?.GetGuid() == periodId
                && Value(changes, nameof(KeyResult.CreatedAt))?.GetDateTime() <= at:
                var restored = new KeyResultAt(new KeyResultInputs(
                    Guid.Parse(entry.EntityId), Value(changes, nameof(KeyResult.GoalId))!.Value.GetGuid(), default, default, 0, 0, 0, 1, 0, null, null, 0, 0, null, null, null), 0);
                keyResults[restored.Inputs.Id] = KeyResultBack(restored, changes, useValue: true);
                break;
            case nameof(KeyResult) when Guid.TryParse(entry.EntityId, out var id) && keyResults.TryGetValue(id, out var keyResult):
                keyResults[id] = KeyResultBack(keyResult, changes, useValue: false);
                break;
            case nameof(LeaderAction) when Guid.TryParse(entry.EntityId, out var id) && actions.TryGetValue(id, out var action):
                actions[id] = action with { State = Old(changes, nameof(LeaderAction.State), e => (ActionState)e.GetInt32(), action.State) };
                break;
            case nameof(GoalTheme) when deleted && Value(changes, nameof(GoalTheme.GoalId))?.GetGuid() is { } goalId:
                themes[entry.EntityId] = new AlignmentAt(
                    goalId, Value(changes, nameof(GoalTheme.ThemeId))!.Value.GetGuid(), (AlignmentReviewState)Value(changes, nameof(GoalTheme.ReviewState))!.Value.GetInt32(),
                    Value(changes, nameof(GoalTheme.ProposedAt))!.Value.GetDateTime());
                break;
            case nameof(GoalTheme) when themes.TryGetValue(entry.EntityId, out var alignment):
                themes[entry.EntityId] = alignment with { ReviewState = Old(changes, nameof(GoalTheme.ReviewState), e => (AlignmentReviewState)e.GetInt32(), alignment.ReviewState) };
                break;
            case nameof(Collaboration) when deleted && Value(changes, nameof(Collaboration.CreatedAt))?.GetDateTime() <= at:
                collaborations[Guid.Parse(entry.EntityId)] = new GoalCollaboration(
                    Nullable(changes, nameof(Collaboration.GoalId)), Nullable(changes, nameof(Collaboration.ActionId)),
                    (CollaborationKind)Value(changes, nameof(Collaboration.Kind))!.Value.GetInt32(), Nullable(changes, nameof(Collaboration.PartnerUnitId)));
                break;
            default:
                break;
        }
    }

    /// <summary>A key result's definition before the change (or, removed, as it was when removed).</summary>
    private static KeyResultAt KeyResultBack(KeyResultAt keyResult, JsonElement changes, bool useValue)
    {
        T Back<T>(string name, Func<JsonElement, T> read, T current) =>
            useValue ? (Value(changes, name) is { } v ? read(v) : current) : Old(changes, name, read, current);

        var k = keyResult.Inputs;
        var start = Back(nameof(KeyResult.StartValue), e => e.GetDouble(), k.StartValue);
        return keyResult with
        {
            Inputs = k with
            {
                GoalId = Back(nameof(KeyResult.GoalId), e => e.GetGuid(), k.GoalId),
                MetricKind = Back(nameof(KeyResult.MetricKind), e => (MetricKind)e.GetInt32(), k.MetricKind),
                Direction = Back(nameof(KeyResult.Direction), e => (Direction)e.GetInt32(), k.Direction),
                StartValue = start,
                TargetValue = Back(nameof(KeyResult.TargetValue), e => e.GetDouble(), k.TargetValue),
                Weight = Back(nameof(KeyResult.Weight), e => e.GetDouble(), k.Weight),
                CurrentValue = start,
            },
        };
    }

    /// <summary>The old value of a modified property, or <paramref name="current"/> when the entry did not change it.</summary>
    private static T Old<T>(JsonElement changes, string name, Func<JsonElement, T> read, T current) =>
        changes.TryGetProperty(name, out var change) && change.ValueKind == JsonValueKind.Object && change.TryGetProperty("old", out var old) ? read(old) : current;

    private static JsonElement? Value(JsonElement changes, string name) => changes.TryGetProperty(name, out var value) ? value : null;

    private static Guid? Nullable(JsonElement changes, string name) => Value(changes, name) is { ValueKind: JsonValueKind.String } v ? v.GetGuid() : null;

    private static DateTime Min(DateTime a, DateTime b) => b == default || a <= b ? a : b;
}

internal sealed record AlignmentAt(Guid GoalId, Guid ThemeId, AlignmentReviewState ReviewState, DateTime Since);

/// <summary>A key result's inputs as of an instant (its newest check-in by then) and how many check-ins it had by then.</summary>
internal sealed record KeyResultAt(KeyResultInputs Inputs, int CheckInCount);

internal sealed record FigureInputsAt(
    IReadOnlyList<GoalFigureState> Goals,
    IReadOnlyList<KeyResultAt> KeyResults,
    IReadOnlyList<GoalAction> Actions,
    IReadOnlyList<GoalAlignment> Alignments,
    IReadOnlyList<GoalCollaboration> Collaborations);
