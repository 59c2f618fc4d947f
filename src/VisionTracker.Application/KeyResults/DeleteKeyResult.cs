using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Goals;

namespace VisionTracker.Application.KeyResults;

/// <summary>Key results can be deleted only while their goal is a Draft; later, history must stay whole.</summary>
public sealed record DeleteKeyResultCommand(Guid Id, int? ExpectedVersion) : ICommand<Guid>;

public sealed class DeleteKeyResultHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<DeleteKeyResultCommand, Guid>
{
    public async ValueTask<Guid> Handle(DeleteKeyResultCommand command, CancellationToken cancellationToken)
    {
        var keyResult = await db.LoadKeyResultForChangeAsync(access, command.Id, command.ExpectedVersion, cancellationToken);
        if (keyResult.Goal!.State != GoalState.Draft)
        {
            throw new DomainRuleException(nameof(ErrorTexts.KeyResultDeleteNotDraft), keyResult.Goal.State);
        }

        if (await db.CheckIns.AnyAsync(c => c.KeyResultId == keyResult.Id, cancellationToken))
        {
            throw new DomainRuleException(nameof(ErrorTexts.KeyResultHasCheckIns));
        }

        db.KeyResults.Remove(keyResult);
        await db.SaveChangesAsync(cancellationToken);
        return keyResult.GoalId;
    }
}
