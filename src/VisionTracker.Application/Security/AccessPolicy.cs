using System.Linq.Expressions;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Security;

/// <summary>
/// The one place that decides who may read or change what. Roles apply to the subtree of the unit they are
/// assigned on. Outside the caller's read scope a resource answers 404 (its existence does not leak); inside it,
/// a change the caller may not make answers 403.
/// </summary>
public sealed class AccessPolicy(ICurrentUser user)
{
    public Guid PersonId => user.PersonId ?? throw new ForbiddenException(nameof(ErrorTexts.ForbiddenNoPerson));

    /// <summary>The caller's name as authentication found it, or null.</summary>
    public string? PersonName => user.Name;

    /// <summary>The highest role the caller holds over the unit at this path, or null.</summary>
    public Role? RoleAt(string unitPath)
    {
        Role? best = null;
        foreach (var g in user.Grants)
        {
            if (unitPath.StartsWith(g.UnitPath, StringComparison.Ordinal) && (best is null || g.Role > best))
            {
                best = g.Role;
            }
        }

        return best;
    }

    /// <summary>Admin on the root of the tree: vision, themes and periods are the whole municipality's.</summary>
    public bool IsGlobalAdmin => user.Grants.Any(g => g.Role == Role.Admin && g.UnitPath.Count(c => c == OrgUnit.PathSeparator) == 2);

    public bool CanRead(string unitPath) => RoleAt(unitPath) is not null;

    public void EnsureGlobalAdmin()
    {
        if (!IsGlobalAdmin)
        {
            throw new ForbiddenException(nameof(ErrorTexts.ForbiddenGlobalAdminOnly));
        }
    }

    public void EnsureCanRead(string unitPath, string resource, object id)
    {
        if (!CanRead(unitPath))
        {
            throw new NotFoundException(resource, id);
        }
    }

    /// <summary>The caller holds at least <paramref name="role"/> over the unit; 404 outside read scope, else 403.</summary>
    public void EnsureRole(string unitPath, Role role, string resource, object id, ErrorPart what)
    {
        var held = RoleAt(unitPath);
        if (held is null)
        {
            throw new NotFoundException(resource, id);
        }

        if (held < role)
        {
            throw new ForbiddenException(nameof(ErrorTexts.ForbiddenRoleNeeded), role, what, held);
        }
    }

    /// <summary>
    /// Owned things (goals, key results, actions): the owner with at least Leader in scope, or a department head
    /// (or admin) over the unit.
    /// </summary>
    public void EnsureCanChangeOwned(string unitPath, Guid ownerId, string resource, object id)
    {
        var held = RoleAt(unitPath) ?? throw new NotFoundException(resource, id);
        if (!CanChangeOwned(unitPath, ownerId))
        {
            throw new ForbiddenException(
                held == Role.Viewer ? nameof(ErrorTexts.ForbiddenViewerChange) : nameof(ErrorTexts.ForbiddenOwnerChange),
                new ErrorPart("This" + resource));
        }
    }

    public bool CanChangeOwned(string unitPath, Guid ownerId) =>
        RoleAt(unitPath) is { } held && ((user.PersonId == ownerId && held >= Role.Leader) || held >= Role.DepartmentHead);

    /// <summary>Restricts a query to rows whose unit path lies inside one of the caller's grants (translated to SQL).</summary>
    public IQueryable<T> Scope<T>(IQueryable<T> query, Expression<Func<T, string>> unitPath, Role minimum = Role.Viewer)
    {
        var prefixes = user.Grants.Where(g => g.Role >= minimum).Select(g => g.UnitPath).Distinct().ToList();
        var parameter = unitPath.Parameters[0];
        Expression? body = null;
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        foreach (var prefix in prefixes)
        {
            Expression<Func<string>> captured = () => prefix;
            var test = Expression.Call(unitPath.Body, startsWith, captured.Body);
            body = body is null ? test : Expression.OrElse(body, test);
        }

        return query.Where(Expression.Lambda<Func<T, bool>>(body ?? Expression.Constant(false), parameter));
    }
}
