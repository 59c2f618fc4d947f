using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VisionTracker.Application.People;
using VisionTracker.Application.Security;
using VisionTracker.Web.Auth;
using VisionTracker.Web.Components;

namespace VisionTracker.Web;

/// <summary>
/// The people-facing pages: Razor components rendered on the server (static SSR, enhanced navigation and forms, no
/// circuits), in the service's own host, sending the same Mediator commands and queries as the REST endpoints.
/// </summary>
public static class WebApp
{
    public static readonly string[] Cultures = CallerCulture.Cultures;

    /// <summary>Paths the pages never serve: the API, the OData feed and the tools have their own authentication and language.</summary>
    private static readonly string[] NotPages = ["/api", "/odata", "/openapi", "/scalar", "/hangfire", "/health"];

    public static WebApplicationBuilder AddWebApp(this WebApplicationBuilder builder)
    {
        // The pages' CSS and fonts live in this project; outside Development (and in tests) a build still serves them from
        // here. In a published app the manifest is absent and this does nothing: the files are in the host's wwwroot.
        builder.WebHost.UseStaticWebAssets();
        var sso = builder.Configuration.GetSection(SingleSignOnOptions.Section).Get<SingleSignOnOptions>() ?? new SingleSignOnOptions();
        builder.Services.AddWebApp(builder.Configuration, builder.Environment, sso);
        return builder;
    }

    private static IServiceCollection AddWebApp(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, SingleSignOnOptions sso)
    {
        services.AddRazorComponents();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(CallerCulture.ConfigurePages);
        var secureCookies = configuration.GetValue("WebApp:SecureCookies", !environment.IsDevelopment());
        var authentication = services.AddAuthentication().AddCookie(WebSession.Scheme, o => WebSession.Configure(o, secureCookies));
        if (sso.PagesEnabled)
        {
            SingleSignOn.Add(authentication, sso);
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(WebSession.Policy, p => p.AddAuthenticationSchemes(WebSession.Scheme).RequireAuthenticatedUser());
        services.AddAntiforgery(o => o.Cookie.Name = "vt_antiforgery");
        return services;
    }

    public static bool IsPageRequest(HttpContext http) => !NotPages.Any(p => http.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>Before routing (re-execution routes again): a page that does not exist shows the friendly not-found page.</summary>
    public static IApplicationBuilder UseWebAppStatusPages(this IApplicationBuilder app) =>
        app.UseWhen(IsPageRequest, pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));

    /// <summary>After authentication and authorization: the pages' language (the session names the person's), and anti-forgery for their forms.</summary>
    public static IApplicationBuilder UseWebApp(this IApplicationBuilder app)
    {
        app.UseWhen(IsPageRequest, pages => pages.UseRequestLocalization());
        app.UseAntiforgery();
        return app;
    }

    public static IEndpointRouteBuilder MapWebApp(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStaticAssets();
        endpoints.MapRazorComponents<App>().RequireAuthorization(WebSession.Policy);
        endpoints.MapSingleSignOn();
        endpoints.MapPost("/sign-out", SignOutAsync).RequireAuthorization(WebSession.Policy).ExcludeFromDescription();
        endpoints.MapPost("/culture", SetCultureAsync).RequireAuthorization(WebSession.Policy).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    public static void WriteCultureCookie(HttpResponse response, string culture) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = response.HttpContext.Request.IsHttps });

    /// <summary>A local path to go back to, never another site.</summary>
    public static string LocalPath(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";

    private static async Task<IResult> SignOutAsync(HttpContext http, [FromForm(Name = "reason")] string? reason)
    {
        await http.SignOutAsync(WebSession.Scheme);
        return Results.LocalRedirect("/sign-in?signedOut=true");
    }

    private static async Task<IResult> SetCultureAsync(HttpContext http, ISender sender, [FromForm(Name = "culture")] string? culture, [FromForm(Name = "returnUrl")] string? returnUrl, CancellationToken ct)
    {
        var chosen = Cultures.Contains(culture) ? culture! : Cultures[0];
        WriteCultureCookie(http.Response, chosen);
        if (http.User.Identity?.IsAuthenticated == true)
        {
            await sender.Send(new SetMyCultureCommand(chosen), ct);
        }

        return Results.LocalRedirect(LocalPath(returnUrl));
    }

    internal static CultureInfo Culture => CultureInfo.CurrentUICulture;
}
