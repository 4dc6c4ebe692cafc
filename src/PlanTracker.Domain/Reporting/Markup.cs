using System.Text.RegularExpressions;

namespace PlanTracker.Domain.Reporting;

/// <summary>
/// Recognises HTML and script in text people type into reports. Narratives are plain prose: the portal encodes all
/// output anyway, but markup in a report is either a paste from a web page or an attack, and the exports (Word,
/// Excel) carry the text on to places that do not encode. So it is refused with a message, not silently kept.
/// </summary>
public static partial class Markup
{
    /// <summary>A tag (&lt;p&gt;, &lt;/div&gt;, &lt;!-- ), a javascript: URL or an inline event handler (onerror=).</summary>
    [GeneratedRegex(@"<\s*[a-zA-Z!/?]|javascript\s*:|\bon[a-z]+\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool Contains(string? text) => text is not null && Pattern().IsMatch(text);
}
