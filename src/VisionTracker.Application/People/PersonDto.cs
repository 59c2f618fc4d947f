using System.Text.Json.Serialization;
using Riok.Mapperly.Abstractions;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.People;

public sealed record PersonDto
{
    public Guid Id { get; init; }
    public required string Name { get; init; }

    /// <summary>Shown only to admins over the person's home unit, and to the person.</summary>
    public string? Email { get; init; }

    /// <summary>The person's id at the single sign-on issuer; shown like the e-mail address.</summary>
    public string? ExternalId { get; init; }

    public string? JobTitle { get; init; }
    public Guid HomeUnitId { get; init; }
    public required string HomeUnitName { get; init; }

    [JsonIgnore]
    public string HomeUnitPath { get; init; } = "";

    public required string Culture { get; init; }
    public bool IsActive { get; init; }
    public int Version { get; init; }

    public PersonDto RedactedFor(AccessPolicy access) =>
        access.RoleAt(HomeUnitPath) >= Role.Admin || access.PersonId == Id ? this : this with { Email = null, ExternalId = null };
}

public sealed record RoleAssignmentDto
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    public Guid OrgUnitId { get; init; }
    public required string OrgUnitName { get; init; }
    public Role Role { get; init; }
    public DateTime CreatedAt { get; init; }
}

/// <summary>The caller, with the roles that decide what they may see and do.</summary>
public sealed record MeDto
{
    public Guid Id { get; init; }
    public required string Name { get; init; }
    public required string Email { get; init; }
    public string? JobTitle { get; init; }
    public Guid HomeUnitId { get; init; }
    public required string HomeUnitName { get; init; }
    public required string Culture { get; init; }
    public int Version { get; init; }
    public required IReadOnlyList<RoleAssignmentDto> RoleAssignments { get; init; }
}

public sealed record ApiTokenDto
{
    public Guid Id { get; init; }
    public required string Name { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? ExpiresAt { get; init; }
    public DateTime? RevokedAt { get; init; }
    public ApiTokenKind Kind { get; init; }

    /// <summary>When the token was last used, to within a minute; null if never.</summary>
    public DateTime? LastUsedAt { get; init; }
}

/// <summary>A newly issued token: the only time its secret is ever shown.</summary>
public sealed record IssuedApiTokenDto
{
    public Guid Id { get; init; }
    public required string Name { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? ExpiresAt { get; init; }
    public ApiTokenKind Kind { get; init; }
    public required string Secret { get; init; }
}

[Mapper]
public static partial class PersonMapper
{
    [MapperIgnoreSource(nameof(Person.RoleAssignments))]
    [MapperIgnoreSource(nameof(Person.CreatedAt))]
    [MapperIgnoreSource(nameof(Person.UpdatedAt))]
    public static partial PersonDto ToDto(this Person person);

    public static partial IQueryable<PersonDto> ProjectToDto(this IQueryable<Person> query);

    [MapperIgnoreSource(nameof(Person.IsActive))]
    [MapperIgnoreSource(nameof(Person.ExternalId))]
    [MapperIgnoreSource(nameof(Person.CreatedAt))]
    [MapperIgnoreSource(nameof(Person.UpdatedAt))]
    public static partial MeDto ToMeDto(this Person person);

    public static partial IQueryable<MeDto> ProjectToMeDto(this IQueryable<Person> query);

    [MapperIgnoreSource(nameof(RoleAssignment.Person))]
    public static partial RoleAssignmentDto ToDto(this RoleAssignment assignment);

    public static partial IQueryable<RoleAssignmentDto> ProjectToDto(this IQueryable<RoleAssignment> query);
}

[Mapper]
public static partial class ApiTokenMapper
{
    [MapperIgnoreSource(nameof(ApiToken.PersonId))]
    [MapperIgnoreSource(nameof(ApiToken.Person))]
    [MapperIgnoreSource(nameof(ApiToken.Hash))]
    public static partial ApiTokenDto ToDto(this ApiToken token);

    public static partial IQueryable<ApiTokenDto> ProjectToDto(this IQueryable<ApiToken> query);
}
