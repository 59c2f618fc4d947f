using FluentValidation;
using Mediator;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.People;

public sealed record IssueApiTokenCommand(Guid PersonId, string Name, DateTimeOffset? ExpiresAt) : ICommand<IssuedApiTokenDto>;

public sealed class IssueApiTokenValidator : AbstractValidator<IssueApiTokenCommand>
{
    public IssueApiTokenValidator(TimeProvider clock)
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100);
        RuleFor(c => c.ExpiresAt).Must(e => e is null || e > clock.GetUtcNow()).WithMessage("ExpiresAt must be in the future.");
    }
}

public sealed class IssueApiTokenHandler(IVisionTrackerDbContext db, AccessPolicy access, TimeProvider clock)
    : ICommandHandler<IssueApiTokenCommand, IssuedApiTokenDto>
{
    public async ValueTask<IssuedApiTokenDto> Handle(IssueApiTokenCommand command, CancellationToken cancellationToken)
    {
        var person = await db.LoadForTokensAsync(access, command.PersonId, cancellationToken);
        if (!person.IsActive)
        {
            throw new DomainRuleException("A deactivated person cannot be given API tokens.");
        }

        var secret = ApiToken.NewSecret();
        var token = new ApiToken
        {
            PersonId = person.Id,
            Name = command.Name.Trim(),
            Hash = ApiToken.HashOf(secret),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            ExpiresAt = command.ExpiresAt?.UtcDateTime,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedApiTokenDto { Id = token.Id, Name = token.Name, CreatedAt = token.CreatedAt, ExpiresAt = token.ExpiresAt, Secret = secret };
    }
}
