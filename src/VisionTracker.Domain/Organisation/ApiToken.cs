using System.Security.Cryptography;
using System.Text;
using VisionTracker.Domain.Common;

namespace VisionTracker.Domain.Organisation;

/// <summary>A personal API token. Only its SHA-256 hash is stored; the plain value is shown once when issued.</summary>
public sealed class ApiToken : Entity
{
    public const string Prefix = "vt_";

    /// <summary>The name of the bootstrap admin's token (Auth:BootstrapAdminToken); no personal token may take it.</summary>
    public const string BootstrapName = "bootstrap";

    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    public required string Name { get; set; }
    public required string Hash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public ApiTokenKind Kind { get; set; } = ApiTokenKind.Full;

    /// <summary>When the token was last used, to the minute at best: written at most once a minute per token.</summary>
    public DateTime? LastUsedAt { get; set; }

    public bool IsValidAt(DateTime utcNow) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > utcNow);

    public static string NewSecret() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashOf(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

/// <summary>What a token may do: everything its holder may, or only read (GET/HEAD and the OData feed) for reporting.</summary>
public enum ApiTokenKind
{
    Full,
    ReadOnly,
}
