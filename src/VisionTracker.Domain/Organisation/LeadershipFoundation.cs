using VisionTracker.Domain.Common;

namespace VisionTracker.Domain.Organisation;

/// <summary>'Personligt ledelsesgrundlag': a leader's personal leadership foundation and the goals it commits to.</summary>
public sealed class LeadershipFoundation : VersionedEntity
{
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    public string Text { get; set; } = "";
    public List<Guid> CommittedGoalIds { get; set; } = [];
}
