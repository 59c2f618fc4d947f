using System.Text;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VisionTracker.Application.Calendar;
using VisionTracker.Application.Common;

namespace VisionTracker.Api.Endpoints;

public static class CalendarEndpoints
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static IEndpointRouteBuilder MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/people/{id:guid}/actions.ics", GetAsync)
            .WithTags("Calendar")
            .RequireAuthorization().Problems(401)
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar")
            .WithSummary("A person's open actions with due dates as an iCalendar feed (all-day events). Subscribe from Outlook with your token as the Basic password.")
            .Problems(404);
        return app;
    }

    private static async Task<ContentHttpResult> GetAsync(Guid id, ISender sender, IPageLinks links, CancellationToken ct)
    {
        var feed = await sender.Send(new GetActionCalendarQuery(id), ct);
        var calendar = new Ical.Net.Calendar { ProductId = "-//Aarhus Kommune//VisionTracker//EN" };
        calendar.AddProperty("X-WR-CALNAME", $"VisionTracker: {feed.PersonName}");
        calendar.AddProperty("METHOD", "PUBLISH");
        foreach (var action in feed.Actions)
        {
            var modified = new CalDateTime(DateTime.SpecifyKind(action.UpdatedAt, DateTimeKind.Utc));
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"action-{action.Id:D}@visiontracker",
                Summary = action.Title,
                Description = Describe(action),
                DtStart = new CalDateTime(action.DueDate),
                DtEnd = new CalDateTime(action.DueDate.AddDays(1)),
                DtStamp = modified,
                LastModified = modified,
                Url = links.Action(action.GoalId, action.Id) is { } url ? new Uri(url) : null,
                Transparency = "TRANSPARENT",
            });
        }

        return TypedResults.Content(new CalendarSerializer().SerializeToString(calendar), ContentType, Encoding.UTF8);
    }

    private static string Describe(CalendarAction action)
    {
        var text = $"Goal / Mål: {action.GoalTitle}\nState / Status: {action.State}";
        return string.IsNullOrWhiteSpace(action.Description) ? text : $"{text}\n\n{action.Description}";
    }
}
