using FluentValidation;
using Mediator;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Visions;

/// <summary>A new vision starts inactive; activating it is a separate, deliberate step.</summary>
public sealed record CreateVisionCommand(string Title, string? Narrative, DateOnly ValidFrom, DateOnly? ValidTo) : ICommand<VisionDto>, IVisionFields;

public sealed class CreateVisionValidator : AbstractValidator<CreateVisionCommand>
{
    public CreateVisionValidator()
    {
        Include(new VisionFieldsValidator());
    }
}

public sealed class CreateVisionHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<CreateVisionCommand, VisionDto>
{
    public async ValueTask<VisionDto> Handle(CreateVisionCommand command, CancellationToken cancellationToken)
    {
        access.EnsureGlobalAdmin();
        var vision = new Vision
        {
            Title = command.Title.Trim(),
            Narrative = command.Narrative?.Trim() ?? "",
            ValidFrom = command.ValidFrom,
            ValidTo = command.ValidTo,
        };
        db.Visions.Add(vision);
        await db.SaveChangesAsync(cancellationToken);
        return vision.ToDto();
    }
}
