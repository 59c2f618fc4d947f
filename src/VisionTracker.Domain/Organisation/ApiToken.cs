using System.Security.Cryptography;
using System.Text;
using VisionTracker.Domain.Common;

namespace VisionTracker.Domain.Organisation;

/// <summary>A personal API token. Only its SHA-256 hash is stored; the plain value is shown once when issued.</summary>
public sealed class ApiToken : Entity
{
    public const string Prefix = "vt_";

    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    public required string Name { get; set; }
    public required string Hash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    public bool IsValidAt(DateTime utcNow) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > utcNow);

    public static string NewSecret() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashOf(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
