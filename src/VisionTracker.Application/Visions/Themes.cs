using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Visions;

/// <summary>Adds a theme to a vision; without a sort order it goes last.</summary>
public sealed record AddThemeCommand(Guid VisionId, string Title, string? Description, int? SortOrder) : ICommand<ThemeDto>;

public sealed class AddThemeValidator : AbstractValidator<AddThemeCommand>
{
    public AddThemeValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Description).MaximumLength(4000);
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

public sealed record UpdateThemeCommand(Guid Id, string Title, string? Description, int SortOrder, int? ExpectedVersion) : ICommand<ThemeDto>;

public sealed class UpdateThemeValidator : AbstractValidator<UpdateThemeCommand>
{
    public UpdateThemeValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Description).MaximumLength(4000);
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

/// <summary>The themes of the active vision, in order; empty while no vision is active.</summary>
public sealed record GetActiveThemesQuery : IQuery<IReadOnlyList<ThemeDto>>;

public sealed class GetActiveThemesHandler(IVisionTrackerDbContext db) : IQueryHandler<GetActiveThemesQuery, IReadOnlyList<ThemeDto>>
{
    public async ValueTask<IReadOnlyList<ThemeDto>> Handle(GetActiveThemesQuery query, CancellationToken cancellationToken) =>
        await db.Themes.AsNoTracking()
            .Where(t => t.Vision!.IsActive)
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Title)
            .ProjectToDto()
            .ToListAsync(cancellationToken);
}

public sealed record GetThemeQuery(Guid Id) : IQuery<ThemeDto>;

public sealed class GetThemeHandler(IVisionTrackerDbContext db) : IQueryHandler<GetThemeQuery, ThemeDto>
{
    public async ValueTask<ThemeDto> Handle(GetThemeQuery query, CancellationToken cancellationToken) =>
        await db.Themes.AsNoTracking().Where(t => t.Id == query.Id).ProjectToDto().FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Theme", query.Id);
}
