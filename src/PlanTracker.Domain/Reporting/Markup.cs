using System.Text.RegularExpressions;

namespace PlanTracker.Domain.Reporting;

/// <summary>
/// Recognises HTML and script in text people type into reports. Narratives are plain prose: the portal encodes all
/// output anyway, but markup in a report is either a paste from a web page or an attack, and the exports (Word,
/// Excel) carry the text on to places that do not encode. So it is refused with a message, not silently kept.
/// </summary>
public static partial class Markup
{
    /// <summary>
    /// A whole tag (&lt;p&gt;, &lt;/div&gt;, &lt;b class="x"&gt;), the start of a tag that runs script or loads content even
    /// unclosed (&lt;script, &lt;img, &lt;iframe …), a comment or declaration (&lt;!--, &lt;!DOCTYPE, &lt;?xml), a javascript: URL
    /// or an inline event handler (onerror=). A bare "&lt;" in prose (增长&lt;5%, a&lt;b) is not a tag: a tag's name is
    /// followed by a space, a slash or "&gt;", and the only unclosed names counted are the dangerous ones.
    /// </summary>
    [GeneratedRegex(
        @"<\s*/?\s*[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?>"
        + @"|<\s*/?\s*(script|iframe|frame|img|svg|math|object|embed|applet|style|link|meta|base|body|html|form|input|button|textarea|video|audio|source|details|marquee)\b"
        + @"|<!(--|\[CDATA|[a-zA-Z])|<\?[a-zA-Z]"
        + @"|javascript\s*:|vbscript\s*:|\bon[a-z]+\s*=",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool Contains(string? text) => text is not null && Pattern().IsMatch(text);
}
