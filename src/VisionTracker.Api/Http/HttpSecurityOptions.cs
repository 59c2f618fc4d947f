namespace VisionTracker.Api.Http;

/// <summary>How the service meets the network (section "Http"); docs/security.md explains each setting.</summary>
public sealed class HttpSecurityOptions
{
    public const string Section = "Http";

    /// <summary>Redirect plain HTTP to HTTPS and send HSTS; null means on everywhere but in Development.</summary>
    public bool? HttpsRedirection { get; set; }

    public int HstsMaxAgeDays { get; set; } = 365;

    /// <summary>Reverse proxies (IP addresses) whose X-Forwarded-For and X-Forwarded-Proto are believed.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. 10.0.0.0/8) whose proxies are believed.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Origins of other web applications allowed to call the API from a browser (CORS); none by default.</summary>
    public List<string> CorsOrigins { get; set; } = [];
}
