using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;

namespace VisionTracker.Web;

/// <summary>
/// The one place that decides a caller's language (Danish, the organisation's default, or English), with ASP.NET Core's
/// request localization. Pages: the language chosen with the page's language button (a cookie), else the person's
/// preference, else Danish. The API and the OData feed: the signed-in person's preference, else Accept-Language, else
/// Danish. Only texts follow the caller there: the API's number and date formats stay as they were (invariant).
/// </summary>
public static class CallerCulture
{
    public static readonly string[] Cultures = ["da", "en"];

    private static readonly RequestLocalizationOptions Api = ApiOptions();

    public static void ConfigurePages(RequestLocalizationOptions o)
    {
        o.SetDefaultCulture(Cultures[0]).AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
        o.RequestCultureProviders = [new CookieRequestCultureProvider(), PersonPreference()];
    }

    /// <summary>After authentication: API and feed requests run in the caller's UI culture (FluentValidation reads it).</summary>
    public static IApplicationBuilder UseCallerCulture(this IApplicationBuilder app) =>
        app.UseWhen(http => !WebApp.IsPageRequest(http), api => api.UseRequestLocalization(Api));

    /// <summary>
    /// The language of an answer to <paramref name="http"/>: the one request localization chose, or, for an answer
    /// written before it ran (an authentication failure, a refusal by a guard), the same decision made now.
    /// </summary>
    public static async ValueTask<CultureInfo> OfAsync(HttpContext http)
    {
        if (http.Features.Get<IRequestCultureFeature>() is { } feature)
        {
            return ErrorMessage.Supported(feature.RequestCulture.UICulture);
        }

        var options = WebApp.IsPageRequest(http) ? null : Api;
        if (options is not null && http.User.Identity?.IsAuthenticated != true && http.Request.Headers.Authorization.Count > 0
            && await http.AuthenticateAsync() is { Succeeded: true, Principal: { } caller })
        {
            // Refused before authentication ran (a guard on the request's shape): the token still names the person.
            return Language(caller.FindFirst(TokenHolder.CultureClaim)?.Value) is { } preferred
                ? ErrorMessage.Supported(CultureInfo.GetCultureInfo(preferred))
                : await FromProvidersAsync(http, options);
        }

        return await FromProvidersAsync(http, options);
    }

    private static async Task<CultureInfo> FromProvidersAsync(HttpContext http, RequestLocalizationOptions? options)
    {
        foreach (var provider in options?.RequestCultureProviders ?? [PersonPreference()])
        {
            var result = await provider.DetermineProviderCultureResult(http);
            foreach (var name in result?.UICultures ?? [])
            {
                if (Language(name.Value) is { } language)
                {
                    return ErrorMessage.Supported(CultureInfo.GetCultureInfo(language));
                }
            }
        }

        return ErrorMessage.Danish;
    }

    private static RequestLocalizationOptions ApiOptions()
    {
        var o = new RequestLocalizationOptions { DefaultRequestCulture = new RequestCulture(CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo(Cultures[0])) };
        o.SupportedCultures = [CultureInfo.InvariantCulture];
        o.AddSupportedUICultures(Cultures);
        o.RequestCultureProviders = [PersonPreference(), new AcceptLanguageHeaderRequestCultureProvider()];
        return o;
    }

    /// <summary>"da", "en" for a name of Danish or English (en-GB, da-DK), else null.</summary>
    private static string? Language(string? name)
    {
        var language = name?.Split('-')[0].Trim().ToLowerInvariant();
        return Cultures.Contains(language) ? language : null;
    }

    private static CustomRequestCultureProvider PersonPreference() => new(http => Task.FromResult(
        http.User.FindFirst(TokenHolder.CultureClaim)?.Value is { Length: > 0 } c ? new ProviderCultureResult(c) : null));
}
