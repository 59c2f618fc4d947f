using System.Resources;

[assembly: NeutralResourcesLanguage("da")]

namespace VisionTracker.Web;

/// <summary>The web app's texts: Resources/Texts.resx is Danish (the default), Texts.en.resx English.</summary>
public sealed class Texts;
