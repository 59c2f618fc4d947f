using VisionTracker.Domain.Common;

namespace VisionTracker.Domain.Reflections;

/// <summary>
/// A leader's answer to one of the <see cref="ReflectionQuestions"/>: part of a check-in (append-only, like the check-in)
/// or of a leadership foundation (replaced when the foundation is saved). Exactly one of the two owns it.
/// </summary>
public sealed class ReflectionAnswer : Entity
{
    public Guid? CheckInId { get; set; }
    public Guid? FoundationId { get; set; }
    public required string QuestionKey { get; set; }
    public required string Text { get; set; }
}
