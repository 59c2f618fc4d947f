namespace VisionTracker.Application.Figures;

/// <summary>
/// What the current command changed that figures depend on, filled as it saves (by the persistence layer, from EF Core's
/// change tracker) and read by <see cref="FigureUpdater"/> before the command commits. One per scope.
/// </summary>
public sealed class FigureChanges
{
    /// <summary>Key results whose own figures may have moved: a new check-in, a changed measure, weight or milestone.</summary>
    public HashSet<Guid> KeyResults { get; } = [];

    /// <summary>Actions whose own figures may have moved, and whose goal's counts with them.</summary>
    public HashSet<Guid> Actions { get; } = [];

    /// <summary>Goals whose counts, alignments, collaborations, state or place in the goal tree may have changed.</summary>
    public HashSet<Guid> Goals { get; } = [];

    /// <summary>Goals whose progress may have moved though nothing of their own changed (a former parent, a goal that lost a key result).</summary>
    public HashSet<Guid> ProgressOf { get; } = [];

    /// <summary>Periods to recompute whole: a goal was deleted, so what it added to its areas is known only to a full count.</summary>
    public HashSet<Guid> Periods { get; } = [];

    public bool IsEmpty => KeyResults.Count == 0 && Actions.Count == 0 && Goals.Count == 0 && ProgressOf.Count == 0 && Periods.Count == 0;

    /// <summary>Adds what <paramref name="other"/> holds (a batch's figure update covers every command's changes).</summary>
    public void UnionWith(FigureChanges other)
    {
        KeyResults.UnionWith(other.KeyResults);
        Actions.UnionWith(other.Actions);
        Goals.UnionWith(other.Goals);
        ProgressOf.UnionWith(other.ProgressOf);
        Periods.UnionWith(other.Periods);
    }

    public void Clear()
    {
        KeyResults.Clear();
        Actions.Clear();
        Goals.Clear();
        ProgressOf.Clear();
        Periods.Clear();
    }
}
