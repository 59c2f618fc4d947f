using System.Net.Http.Headers;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using VisionTracker.Api.Errors;
using VisionTracker.Api.Reporting;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Api.Auth;

/// <summary>
/// How /api and /odata callers authenticate: personal tokens (<see cref="TokenAuthenticationHandler"/>) always, and when
/// single sign-on is configured (Sso:Authority and Sso:Audience) also JWT access tokens from the issuer. A Bearer value
/// shaped like a JWT (three dot-separated parts) goes to the JWT handler, everything else to the token handler. A
/// valid JWT for nobody known here is authenticated but refused with 403 (<see cref="UseUnknownPeopleRefused"/>).
/// </summary>
public static class ApiAuthentication
{
    public const string SchemeName = "Api";
    public const string JwtScheme = "Jwt";
    private const string UnknownClaim = "vt:sso-unknown";

    public static IServiceCollection AddApiAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var sso = configuration.GetSection(SingleSignOnOptions.Section).Get<SingleSignOnOptions>() ?? new SingleSignOnOptions();
        services.Configure<SingleSignOnOptions>(configuration.GetSection(SingleSignOnOptions.Section));
        var authentication = services.AddAuthentication(SchemeName)
            .AddPolicyScheme(SchemeName, null, o => o.ForwardDefaultSelector = http =>
                sso.ApiEnabled && IsJwt(http.Request.Headers.Authorization) ? JwtScheme : TokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        if (sso.ApiEnabled)
        {
            authentication.AddJwtBearer(JwtScheme, o =>
            {
                o.Authority = sso.Authority;
                o.Audience = sso.Audience;
                o.RequireHttpsMetadata = sso.RequireHttpsMetadata;
                o.MapInboundClaims = false;
                o.TokenValidationParameters.ValidateIssuer = true;
                o.TokenValidationParameters.ValidateAudience = true;
                o.TokenValidationParameters.ValidateLifetime = true;
                o.TokenValidationParameters.RequireExpirationTime = true;
                o.TokenValidationParameters.RequireSignedTokens = true;
                o.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(1);
                o.Events = new JwtBearerEvents { OnTokenValidated = MatchPersonAsync };
            });
        }

        return services;
    }

    /// <summary>After authentication: a signed-in identity that is no person here gets 403 with what to do.</summary>
    public static IApplicationBuilder UseUnknownPeopleRefused(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.User.FindFirst(UnknownClaim)?.Value is not { } who)
        {
            await next(http);
            return;
        }

        if (ODataErrors.IsODataRequest(http))
        {
            await ODataErrors.WriteAsync(http, StatusCodes.Status403Forbidden, "UnknownPerson", nameof(ErrorTexts.UnknownPerson), [who]);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = await Problems.CreateAsync(http, StatusCodes.Status403Forbidden, nameof(ErrorTexts.UnknownPerson), who),
        });
    });

    private static bool IsJwt(string? authorization) =>
        AuthenticationHeaderValue.TryParse(authorization, out var header)
        && string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
        && header.Parameter is { } value
        && !value.StartsWith(ApiToken.Prefix, StringComparison.Ordinal)
        && value.Count(c => c == '.') == 2;

    private static async Task MatchPersonAsync(TokenValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var sso = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SingleSignOnOptions>>().Value;
        var query = sso.PersonQuery(context.Principal);
        var holder = query is null ? null : await services.GetRequiredService<ISender>().Send(query, context.HttpContext.RequestAborted);
        context.Principal = holder?.ToPrincipal(JwtScheme) ?? new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(UnknownClaim, context.Principal?.FindFirst(sso.ClaimType)?.Value is { } value ? value[..Math.Min(value.Length, 100)] : $"(no '{sso.ClaimType}' claim)")], JwtScheme));
    }
}
