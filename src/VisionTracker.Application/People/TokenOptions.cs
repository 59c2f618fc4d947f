namespace VisionTracker.Application.People;

/// <summary>How long personal API tokens live (section "Tokens"): a token issued without an expiry gets the default, none may live longer than the maximum.</summary>
public sealed class TokenOptions
{
    public const string Section = "Tokens";

    public int DefaultLifetimeDays { get; set; } = 90;

    public int MaxLifetimeDays { get; set; } = 365;
}
