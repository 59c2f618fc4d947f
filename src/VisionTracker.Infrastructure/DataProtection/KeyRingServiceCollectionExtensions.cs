using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VisionTracker.Infrastructure.Persistence;

namespace VisionTracker.Infrastructure.DataProtection;

/// <summary>The <c>DataProtection</c> section: the name every instance shares and an optional certificate that encrypts the keys at rest.</summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>Payloads protected under one name can only be read under the same name; every instance must use it.</summary>
    public string ApplicationName { get; set; } = "VisionTracker";

    /// <summary>A PKCS#12 file whose certificate encrypts the keys in the database; empty stores them unencrypted.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}

public static class KeyRingServiceCollectionExtensions
{
    /// <summary>
    /// ASP.NET Core Data Protection (cookies, anti-forgery tokens) with its key ring in the application's database rather
    /// than in one machine's files, so that a cookie or form token issued by one instance is accepted by every other.
    /// </summary>
    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        var builder = services.AddDataProtection()
            .SetApplicationName(options.ApplicationName)
            .PersistKeysToDbContext<VisionTrackerDbContext>();
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            builder.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword));
        }

        return services;
    }
}
