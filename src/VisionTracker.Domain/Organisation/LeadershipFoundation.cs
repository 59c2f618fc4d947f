using VisionTracker.Domain.Common;
using VisionTracker.Domain.Reflections;

namespace VisionTracker.Domain.Organisation;

/// <summary>
/// 'Personligt ledelsesgrundlag': a leader's personal leadership foundation, the goals and actions it commits to, and
/// the author's answers to the foundation's reflection questions. It joins knowledge, reflection and action.
/// </summary>
public sealed class LeadershipFoundation : VersionedEntity
{
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    public string Text { get; set; } = "";
    public List<Guid> CommittedGoalIds { get; set; } = [];
    public List<Guid> CommittedActionIds { get; set; } = [];
    public List<ReflectionAnswer> Answers { get; init; } = [];
}
