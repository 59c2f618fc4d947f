using FluentValidation;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.People;

/// <summary>Lookups and checks shared by the people, role and token commands.</summary>
internal static class PersonRules
{
    public static IRuleBuilderOptions<T, string?> ValidCulture<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => c is null || Person.SupportedCultures.Contains(c))
            .WithText(nameof(ErrorTexts.CultureUnsupported), string.Join(", ", Person.SupportedCultures));

    /// <summary>
    /// The person (with home unit), after checking the caller is Admin over the home unit and over every unit where the
    /// person holds a role: an admin of one department must not take over (or lock out) someone with wider rights.
    /// </summary>
    public static async Task<Person> LoadAsAdminAsync(this IVisionTrackerDbContext db, AccessPolicy access, Guid id, ErrorPart what, CancellationToken ct)
    {
        var person = await db.People.Include(p => p.HomeUnit).FirstOrDefaultAsync(p => p.Id == id, ct)
            ?? throw new NotFoundException("Person", id);
        access.EnsureRole(person.HomeUnit!.Path, Role.Admin, "Person", id, what);
        var rolePaths = await db.RoleAssignments.AsNoTracking().Where(r => r.PersonId == id).Select(r => r.OrgUnit!.Path).ToListAsync(ct);
        if (rolePaths.Any(path => access.RoleAt(path) != Role.Admin))
        {
            throw new ForbiddenException(nameof(ErrorTexts.ForbiddenPersonOutsideAdministration), what);
        }

        return person;
    }

    /// <summary>Tokens are the person's own business, or an admin's over their home unit.</summary>
    public static async Task<Person> LoadForTokensAsync(this IVisionTrackerDbContext db, AccessPolicy access, Guid id, CancellationToken ct)
    {
        if (access.PersonId == id)
        {
            return await db.People.Include(p => p.HomeUnit).FirstOrDefaultAsync(p => p.Id == id, ct)
                ?? throw new NotFoundException("Person", id);
        }

        return await db.LoadAsAdminAsync(access, id, new ErrorPart(nameof(ErrorTexts.DoManageTokens)), ct);
    }

    public static async Task<OrgUnit> LoadHomeUnitAsAdminAsync(this IVisionTrackerDbContext db, AccessPolicy access, Guid unitId, CancellationToken ct)
    {
        var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == unitId, ct)
            ?? throw new NotFoundException("OrgUnit", unitId);
        access.EnsureRole(unit.Path, Role.Admin, "OrgUnit", unitId, new ErrorPart(nameof(ErrorTexts.DoMakeHomeUnit)));
        return unit;
    }

    /// <summary>The people with this e-mail address, compared without regard to case (at most one: addresses are unique).</summary>
    public static IQueryable<Person> WithEmail(this IQueryable<Person> people, string email)
    {
        var lower = email.Trim().ToLowerInvariant();
        return people.Where(p => p.Email.ToLower() == lower);
    }

    public static async Task EnsureEmailFreeAsync(this IVisionTrackerDbContext db, string email, Guid? exceptId, CancellationToken ct)
    {
        var lower = email.ToLowerInvariant();
        if (await db.People.AnyAsync(p => p.Email.ToLower() == lower && p.Id != exceptId, ct))
        {
            throw new DomainRuleException(nameof(ErrorTexts.EmailTaken), email);
        }
    }

    /// <summary>
    /// Refuses to take away (by removing the assignment, or deactivating the person) the last Admin role over the
    /// whole organisation held by an active person: nobody could administer the tree any more.
    /// </summary>
    public static async Task EnsureNotLastGlobalAdminAsync(this IVisionTrackerDbContext db, Guid personId, Guid? assignmentId, CancellationToken ct)
    {
        var global = db.RoleAssignments.Where(r => r.Role == Role.Admin && r.OrgUnit!.ParentId == null && r.Person!.IsActive);
        var affected = assignmentId is { } a ? global.Where(r => r.Id == a) : global.Where(r => r.PersonId == personId);
        var others = assignmentId is { } b ? global.Where(r => r.Id != b) : global.Where(r => r.PersonId != personId);
        if (await affected.AnyAsync(ct) && !await others.AnyAsync(ct))
        {
            throw new DomainRuleException(nameof(ErrorTexts.LastGlobalAdmin));
        }
    }
}
