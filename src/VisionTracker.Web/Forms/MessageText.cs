namespace VisionTracker.Web.Forms;

/// <summary>
/// A notification's plain text read back into headings, paragraphs and list items, so the page can link each item
/// the way the e-mail's HTML does (<c>MessageBuilder</c> writes an item's link on the line below it). Only http(s)
/// addresses become links; everything else is shown as text.
/// </summary>
public static class MessageText
{
    public enum BlockKind
    {
        Heading,
        Paragraph,
        Item,
    }

    public sealed record Block(BlockKind Kind, string Text, string? Url = null);

    public static IReadOnlyList<Block> Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var blocks = new List<Block>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0)
            {
                continue;
            }

            if (i + 1 < lines.Length && lines[i + 1].Length > 0 && lines[i + 1].All(c => c == '='))
            {
                blocks.Add(new Block(BlockKind.Heading, line));
                i++;
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                var url = i + 1 < lines.Length && lines[i + 1].StartsWith("  ", StringComparison.Ordinal) ? WebAddress(lines[i + 1].Trim()) : null;
                blocks.Add(new Block(BlockKind.Item, line[2..], url));
                i += url is null ? 0 : 1;
            }
            else
            {
                blocks.Add(new Block(BlockKind.Paragraph, line));
            }
        }

        return blocks;
    }

    private static string? WebAddress(string candidate) =>
        Uri.TryCreate(candidate, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? candidate
            : null;
}
