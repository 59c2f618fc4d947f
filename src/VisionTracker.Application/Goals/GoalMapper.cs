using Riok.Mapperly.Abstractions;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.Goals;

[Mapper]
public static partial class GoalMapper
{
    [MapperIgnoreSource(nameof(GoalTheme.GoalId))]
    [MapperIgnoreSource(nameof(GoalTheme.Goal))]
    [MapperIgnoreSource(nameof(GoalTheme.Counts))]
    public static partial AlignmentDto ToDto(this GoalTheme alignment);

    public static partial IQueryable<AlignmentDto> ProjectToDto(this IQueryable<GoalTheme> query);

    [MapperIgnoreSource(nameof(Collaboration.GoalId))]
    [MapperIgnoreSource(nameof(Collaboration.ActionId))]
    [MapperIgnoreSource(nameof(Collaboration.RespondedById))]
    [MapperIgnoreSource(nameof(Collaboration.AwaitsPartner))]
    public static partial CollaborationDto ToDto(this Collaboration collaboration);

    public static partial IQueryable<CollaborationDto> ProjectToDto(this IQueryable<Collaboration> query);

    public static IQueryable<GoalActionDto> ProjectToGoalActionDto(this IQueryable<LeaderAction> query) =>
        query.OrderBy(a => a.DueDate == null).ThenBy(a => a.DueDate).ThenBy(a => a.Title)
            .Select(a => new GoalActionDto
            {
                Id = a.Id,
                GoalId = a.GoalId,
                KeyResultId = a.KeyResultId,
                OwnerId = a.OwnerId,
                Title = a.Title,
                State = a.State,
                DueDate = a.DueDate,
                Progress = a.Progress,
            });
}
