namespace VisionTracker.Web.Forms;

/// <summary>What a form submission was refused for, in the page's language: per field, for the whole form, or a version conflict.</summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, string> fields = new(StringComparer.OrdinalIgnoreCase);

    public List<string> General { get; } = [];

    /// <summary>Someone else saved the thing after this form was filled in (a stale If-Match version).</summary>
    public bool Conflict { get; set; }

    public bool Any => fields.Count > 0 || General.Count > 0 || Conflict;

    public IReadOnlyDictionary<string, string> Fields => fields;

    public string? For(string field) => fields.GetValueOrDefault(field);

    public void Add(string field, string message) => fields.TryAdd(field, message);

    public void Clear()
    {
        fields.Clear();
        General.Clear();
        Conflict = false;
    }
}
