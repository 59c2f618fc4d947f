using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.People;

public sealed record IssueApiTokenCommand(Guid PersonId, string Name, DateTimeOffset? ExpiresAt, ApiTokenKind Kind = ApiTokenKind.Full) : ICommand<IssuedApiTokenDto>;

public sealed class IssueApiTokenValidator : AbstractValidator<IssueApiTokenCommand>
{
    public IssueApiTokenValidator(TimeProvider clock, IOptions<TokenOptions> options)
    {
        var maxDays = options.Value.MaxLifetimeDays;
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100)
            .Must(n => !string.Equals(n?.Trim(), ApiToken.BootstrapName, StringComparison.OrdinalIgnoreCase)).WithText(nameof(ErrorTexts.TokenNameReserved));
        RuleFor(c => c.Kind).IsInEnum();
        RuleFor(c => c.ExpiresAt).Must(e => e is null || e > clock.GetUtcNow()).WithText(nameof(ErrorTexts.ExpiresAtNotFuture));
        RuleFor(c => c.ExpiresAt).Must(e => e is null || e <= clock.GetUtcNow().AddDays(maxDays))
            .WithText(nameof(ErrorTexts.TokenLifetimeTooLong), maxDays);
    }
}

/// <summary>
/// Issues a personal token. Anyone may issue their own; a token for someone else only an administrator of the whole
/// organisation may issue (a token is the power to act as its holder), and never for another such administrator.
/// Without an expiry the token lives <see cref="TokenOptions.DefaultLifetimeDays"/>. A read-only token
/// (<see cref="ApiTokenKind.ReadOnly"/>) is for reporting: it reads (GET/HEAD, the OData feed) and never writes.
/// </summary>
public sealed class IssueApiTokenHandler(IVisionTrackerDbContext db, AccessPolicy access, TimeProvider clock, IOptions<TokenOptions> options)
    : ICommandHandler<IssueApiTokenCommand, IssuedApiTokenDto>
{
    public async ValueTask<IssuedApiTokenDto> Handle(IssueApiTokenCommand command, CancellationToken cancellationToken)
    {
        if (command.PersonId != access.PersonId)
        {
            if (!access.IsGlobalAdmin)
            {
                throw new ForbiddenException(nameof(ErrorTexts.ForbiddenTokenForOther));
            }

            var rootAdmin = await db.RoleAssignments.AnyAsync(
                r => r.PersonId == command.PersonId && r.Role == Role.Admin && r.OrgUnit!.ParentId == null, cancellationToken);
            if (rootAdmin)
            {
                throw new ForbiddenException(nameof(ErrorTexts.ForbiddenTokenForGlobalAdmin));
            }
        }

        var person = await db.LoadForTokensAsync(access, command.PersonId, cancellationToken);
        if (!person.IsActive)
        {
            throw new DomainRuleException(nameof(ErrorTexts.TokenForInactivePerson));
        }

        var now = clock.GetUtcNow();
        var secret = ApiToken.NewSecret();
        var token = new ApiToken
        {
            PersonId = person.Id,
            Name = command.Name.Trim(),
            Hash = ApiToken.HashOf(secret),
            CreatedAt = now.UtcDateTime,
            ExpiresAt = (command.ExpiresAt ?? now.AddDays(options.Value.DefaultLifetimeDays)).UtcDateTime,
            Kind = command.Kind,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedApiTokenDto { Id = token.Id, Name = token.Name, CreatedAt = token.CreatedAt, ExpiresAt = token.ExpiresAt, Kind = token.Kind, Secret = secret };
    }
}
