using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;
using VisionTracker.Application.Common;
using VisionTracker.Domain.Common;
using VisionTracker.Web.Forms;

namespace VisionTracker.Web.Components;

/// <summary>
/// What every page shares: the request, the mediator, the texts, and one way to turn the application's answers
/// into what a person reads: a friendly 404/403 page for reads, errors next to their fields for writes.
/// </summary>
public abstract class WebPage : ComponentBase
{
    [CascadingParameter] protected HttpContext Http { get; set; } = default!;

    [Inject] protected ISender Sender { get; set; } = default!;

    [Inject] protected IStringLocalizer<Texts> T { get; set; } = default!;

    [Inject] protected NavigationManager Nav { get; set; } = default!;

    /// <summary>Set when the page cannot be shown: 404 (unknown, or outside the caller's scope) or 403.</summary>
    protected int? ProblemStatus { get; private set; }

    protected CancellationToken Aborted => Http.RequestAborted;

    private bool _initialized;

    /// <summary>
    /// Renders the page once it has loaded. <see cref="ComponentBase"/> renders a page as soon as its
    /// <c>OnInitializedAsync</c> awaits something that has not completed, before its fields are set (static rendering
    /// throws that render away, but runs it): on PostgreSQL, whose reads are asynchronous, that half-loaded render met
    /// forms not yet made and failed, while on SQLite, whose reads complete at once, it never happened.
    /// </summary>
    public override async Task SetParametersAsync(ParameterView parameters)
    {
        parameters.SetParameterProperties(this);
        if (!_initialized)
        {
            _initialized = true;
            OnInitialized();
            await OnInitializedAsync();
        }

        OnParametersSet();
        await OnParametersSetAsync();
        StateHasChanged();
    }

    protected async Task<TResult?> LoadAsync<TResult>(IQuery<TResult> query)
        where TResult : class
    {
        try
        {
            return await Sender.Send(query, Aborted);
        }
        catch (NotFoundException)
        {
            Fail(StatusCodes.Status404NotFound);
        }
        catch (ForbiddenException)
        {
            Fail(StatusCodes.Status403Forbidden);
        }

        return null;
    }

    protected void Fail(int status)
    {
        ProblemStatus = status;
        if (status == StatusCodes.Status404NotFound)
        {
            // The router renders its NotFoundPage with a 404 (a 404 set by hand would end the response without a body).
            Nav.NotFound();
            return;
        }

        Http.Response.StatusCode = status;
    }

    /// <summary>Sends a command; a refusal lands in <paramref name="errors"/> (and the answer is 400/403/404/409/412) instead of escaping.</summary>
    protected async Task<bool> TrySendAsync(Func<CancellationToken, Task> send, FormErrors errors)
    {
        try
        {
            await send(Aborted);
            return true;
        }
        catch (ValidationException ex)
        {
            foreach (var failure in ex.Errors)
            {
                errors.Add(FieldOf(failure.PropertyName), Localize(failure));
            }

            Http.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (PreconditionFailedException)
        {
            errors.Conflict = true;
            Http.Response.StatusCode = StatusCodes.Status412PreconditionFailed;
        }
        catch (DomainRuleException ex)
        {
            errors.General.Add(T["Error_Rule", ex.Message]);
            Http.Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (ForbiddenException)
        {
            errors.General.Add(T["Error_Forbidden"]);
            Http.Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        catch (NotFoundException)
        {
            errors.General.Add(T["Error_NotFound"]);
            Http.Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return false;
    }

    protected void Redirect(string path) => Nav.NavigateTo(path);

    private static string FieldOf(string property)
    {
        var bracket = property.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? property : property[..bracket];
    }

    /// <summary>
    /// Pages phrase a rule in their own words where they have them, found by the field and the rule that failed
    /// (Validation_CitizenValue_CitizenValueMissing, then Validation_NotEmptyValidator, then Validation_CitizenValue); else
    /// a rule of our own (an ErrorTexts code) shows the validator's message, which is already in the page's language.
    /// </summary>
    private string Localize(FluentValidation.Results.ValidationFailure failure)
    {
        var field = FieldOf(failure.PropertyName);
        var code = failure.ErrorCode;
        string? Find(string key) => T[key] is { ResourceNotFound: false } s ? s.Value : null;
        var text = (code is null ? null : Find($"Validation_{field}_{code}") ?? Find($"Validation_{code}"))
            ?? Find($"Validation_{field}")
            ?? (code is not null && ErrorTexts.ResourceManager.GetString(code, ErrorMessage.Danish) is not null ? failure.ErrorMessage : T["Validation_Invalid"]);
        foreach (var (name, value) in failure.FormattedMessagePlaceholderValues ?? [])
        {
            text = text.Replace("{" + name + "}", Convert.ToString(value, System.Globalization.CultureInfo.CurrentCulture), StringComparison.Ordinal);
        }

        return text;
    }
}
