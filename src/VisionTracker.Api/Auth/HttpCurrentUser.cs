using System.Security.Claims;
using VisionTracker.Application.Security;

namespace VisionTracker.Api.Auth;

/// <summary>The caller as authentication found it (a token, or a browser session); outside a request (start-up, jobs) it is the system, with no grants.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private IReadOnlyList<ScopeGrant>? grants;

    public Guid? PersonId =>
        Guid.TryParse(accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public Guid? TokenId =>
        Guid.TryParse(accessor.HttpContext?.User.FindFirstValue(TokenHolder.TokenClaim), out var id) ? id : null;

    public string? Name => accessor.HttpContext?.User.FindFirstValue(ClaimTypes.Name);

    public IReadOnlyList<ScopeGrant> Grants => grants ??= TokenHolder.GrantsOf(accessor.HttpContext?.User);
}


