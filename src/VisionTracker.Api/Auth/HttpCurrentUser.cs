using System.Security.Claims;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Api.Auth;

/// <summary>The caller as the token handler found it; outside a request (start-up, jobs) it is the system, with no grants.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private IReadOnlyList<ScopeGrant>? grants;

    public Guid? PersonId =>
        Guid.TryParse(accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public IReadOnlyList<ScopeGrant> Grants => grants ??= Parse(accessor.HttpContext?.User);

    private static List<ScopeGrant> Parse(ClaimsPrincipal? user) =>
        user?.FindAll(TokenAuthenticationHandler.GrantClaim)
            .Select(c => c.Value.Split('|', 3))
            .Select(p => new ScopeGrant(Guid.Parse(p[1]), p[2], Enum.Parse<Role>(p[0])))
            .ToList() ?? [];
}
