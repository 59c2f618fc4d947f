using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;

namespace VisionTracker.Application.Visions;

public sealed record UpdateThemeCommand(Guid Id, string Title, string? Description, int SortOrder, int? ExpectedVersion) : ICommand<ThemeDto>, IThemeFields;

public sealed class UpdateThemeValidator : AbstractValidator<UpdateThemeCommand>
{
    public UpdateThemeValidator()
    {
        Include(new ThemeFieldsValidator());
        RuleFor(c => c.SortOrder).GreaterThanOrEqualTo(0);
    }
}

public sealed class UpdateThemeHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<UpdateThemeCommand, ThemeDto>
{
    public async ValueTask<ThemeDto> Handle(UpdateThemeCommand command, CancellationToken cancellationToken)
    {
        access.EnsureGlobalAdmin();
        var theme = await db.Themes.FirstOrDefaultAsync(t => t.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("Theme", command.Id);
        theme.EnsureVersion(command.ExpectedVersion);

        theme.Title = command.Title.Trim();
        theme.Description = command.Description?.Trim() ?? "";
        theme.SortOrder = command.SortOrder;
        await db.SaveChangesAsync(cancellationToken);
        return theme.ToDto();
    }
}
