using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Visions;

/// <summary>Adds a theme to a vision; without a sort order it goes last.</summary>
public sealed record AddThemeCommand(Guid VisionId, string Title, string? Description, int? SortOrder) : ICommand<ThemeDto>, IThemeFields;

public sealed class AddThemeValidator : AbstractValidator<AddThemeCommand>
{
    public AddThemeValidator()
    {
        Include(new ThemeFieldsValidator());
        RuleFor(c => c.SortOrder).GreaterThanOrEqualTo(0);
    }
}

public sealed class AddThemeHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<AddThemeCommand, ThemeDto>
{
    public async ValueTask<ThemeDto> Handle(AddThemeCommand command, CancellationToken cancellationToken)
    {
        access.EnsureGlobalAdmin();
        if (!await db.Visions.AnyAsync(v => v.Id == command.VisionId, cancellationToken))
        {
            throw new NotFoundException("Vision", command.VisionId);
        }

        var last = await db.Themes.Where(t => t.VisionId == command.VisionId).MaxAsync(t => (int?)t.SortOrder, cancellationToken);
        var theme = new Theme
        {
            VisionId = command.VisionId,
            Title = command.Title.Trim(),
            Description = command.Description?.Trim() ?? "",
            SortOrder = command.SortOrder ?? (last ?? 0) + 1,
        };
        db.Themes.Add(theme);
        await db.SaveChangesAsync(cancellationToken);
        return theme.ToDto();
    }
}
