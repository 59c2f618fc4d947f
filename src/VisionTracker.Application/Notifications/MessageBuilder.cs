using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace VisionTracker.Application.Notifications;

/// <summary>
/// Writes one message twice: as plain text and as HTML. Every string that reaches the HTML is encoded here, so
/// user-supplied titles and names can never inject markup.
/// </summary>
public sealed class MessageBuilder
{
    // Letters of every script stay readable; markup characters and quotes are always encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly StringBuilder text = new();
    private readonly StringBuilder html = new();
    private bool inList;

    public MessageBuilder Heading(string value)
    {
        CloseList();
        text.Append('\n').Append(value).Append('\n').Append(new string('=', Math.Min(value.Length, 60))).Append('\n');
        html.Append("<h2>").Append(Encode(value)).Append("</h2>\n");
        return this;
    }

    public MessageBuilder Paragraph(string value)
    {
        CloseList();
        text.Append(value).Append("\n\n");
        html.Append("<p>").Append(Encode(value)).Append("</p>\n");
        return this;
    }

    /// <summary>A list item, linked when a URL is known.</summary>
    public MessageBuilder Item(string value, string? url = null)
    {
        if (!inList)
        {
            html.Append("<ul>\n");
            inList = true;
        }

        text.Append("- ").Append(value);
        if (url is not null)
        {
            text.Append("\n  ").Append(url);
        }

        text.Append('\n');
        html.Append("<li>");
        html.Append(url is null ? Encode(value) : $"<a href=\"{Encode(url)}\">{Encode(value)}</a>");
        html.Append("</li>\n");
        return this;
    }

    public (string Text, string Html) Build()
    {
        CloseList();
        var body = "<!DOCTYPE html>\n<html><body style=\"font-family: Arial, sans-serif; font-size: 14px;\">\n" + html + "</body></html>\n";
        return (text.ToString().TrimEnd() + "\n", body);
    }

    public static string Encode(string value) => Encoder.Encode(value);

    private void CloseList()
    {
        if (inList)
        {
            html.Append("</ul>\n");
            text.Append('\n');
            inList = false;
        }
    }
}
