using System.Text;

namespace PlanTracker.Web.Tests.Abuse;

/// <summary>
/// Classic script-injection payloads, each carrying its own marker (xss01…xss21) so a page can be seen to show the
/// text at all, and a small tag scanner that finds markup the payloads would have made live had they not been encoded.
/// </summary>
public static class XssCorpus
{
    public static readonly IReadOnlyList<string> Payloads =
    [
        "<script>alert('xss01')</script>",
        "\"><img src=x onerror=alert('xss02')>",
        "'><svg onload=alert('xss03')>",
        "javascript:alert('xss04')",
        "</textarea><script>alert('xss05')</script>",
        "</title><script>alert('xss06')</script>",
        "<iframe src=\"javascript:alert('xss07')\"></iframe>",
        "<a href=\"javascript:alert('xss08')\">xss08</a>",
        "&lt;script&gt;alert('xss09')&lt;/script&gt;",
        "&#60;script&#62;alert('xss10')&#60;/script&#62;",
        "\\u003cscript\\u003ealert('xss11')\\u003c/script\\u003e",
        "{{constructor.constructor('alert(\"xss12\")')()}}",
        "<div style=\"width:expression(alert('xss13'))\">",
        "<body onload=alert('xss14')>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss15')>",
        "<details open ontoggle=alert('xss16')>",
        "＜script＞alert('xss17')＜/script＞",
        "\" autofocus onfocus=\"alert('xss18')",
        "</script><script>alert('xss19')</script>",
        "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzMjAnKTwvc2NyaXB0Pg==\">",
        "\u202Efdp.exe xss21",
    ];

    /// <summary>All the payloads in one text, one a line (for a free-text field that takes 4,000 characters).</summary>
    public static string All => string.Join("\n", Payloads);

    /// <summary>
    /// The payloads that fields refusing markup (report narratives and milestones, task wording, indicator values:
    /// <see cref="Domain.Reporting.Markup"/>) still let in — entities, template braces, full-width brackets, escapes,
    /// the direction override — one a line: what those fields store and every page must show as text.
    /// </summary>
    public static string Accepted => string.Join("\n", Payloads.Where(p => !Domain.Reporting.Markup.Contains(p)));

    /// <summary>Payload <paramref name="index"/> and the next ones until <paramref name="maxLength"/> characters (for short fields).</summary>
    public static string Some(int index, int maxLength)
    {
        var text = new StringBuilder(Payloads[index % Payloads.Count]);
        for (var i = index + 1; text.Length + 1 + Payloads[i % Payloads.Count].Length <= maxLength && i < index + Payloads.Count; i++)
        {
            text.Append(' ').Append(Payloads[i % Payloads.Count]);
        }

        return text.ToString();
    }

    /// <summary>
    /// A proposal against the plan's current version, submitted and rejected in 2015 (inside the shipped plan's
    /// period, so the 动态调整报告 of 2015 has it), with the given title, reason and rejection comment.
    /// </summary>
    public static async Task RejectedIn2015Async(AdjustmentDecisions.AdjustmentDecisionPagesTests.Fixture portal, string title, string reason, string comment)
    {
        ArgumentNullException.ThrowIfNull(portal);
        await using var db = Support.SeededDatabase.CreateContext(portal.ConnectionString);
        var current = await Infrastructure.Adjustments.PlanSnapshots.CurrentVersionAsync(db, portal.PlanId);
        var at = new DateTimeOffset(2015, 4, 1, 1, 0, 0, TimeSpan.Zero);
        var snapshot = await Infrastructure.Adjustments.PlanSnapshots.SnapshotAsync(db, current!.Id);
        var adjustment = new Domain.Adjustments.Adjustment(portal.PlanId, current.Id, title, reason, "planner", null, at);
        adjustment.AddChange(Domain.Adjustments.PlanChanges.ToStored(new Domain.Adjustments.RewordTask(portal.TaskKey(snapshot, 6), "已驳回的表述", null), 1));
        adjustment.Submit("planner", at).Succeeded.Should().BeTrue();
        adjustment.Reject("planner", comment, at.AddDays(30)).Succeeded.Should().BeTrue();
        db.Adjustments.Add(adjustment);
        await db.SaveChangesAsync();
    }

    /// <summary>The markers of the payloads that a page shows (as text, encoded or not).</summary>
    public static IReadOnlyList<string> MarkersIn(string html) =>
        [.. Enumerable.Range(1, Payloads.Count).Select(i => $"xss{i:00}").Where(m => html.Contains(m, StringComparison.Ordinal))];

    /// <summary>
    /// The live markup in a page that is not the portal's own: an inline script (the portal has only script files and
    /// JSON data blocks), an event-handler or style attribute, a javascript: URL, or an element the portal never
    /// writes (iframe, object, embed, svg, math, base). Empty when the page is clean.
    /// </summary>
    public static IReadOnlyList<string> LiveMarkup(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var found = new List<string>();
        var i = 0;
        while ((i = html.IndexOf('<', i)) >= 0)
        {
            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                var end = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = end < 0 ? html.Length : end + 3;
                continue;
            }

            if (i + 1 >= html.Length || !char.IsAsciiLetter(html[i + 1]))
            {
                i++;
                continue;
            }

            var (name, attributes, next) = ReadTag(html, i + 1);
            var start = i;
            i = next;
            if (name is "iframe" or "object" or "embed" or "svg" or "math" or "base" or "mglyph")
            {
                found.Add($"<{name}> at {start}");
            }

            foreach (var (attribute, value) in attributes)
            {
                var v = (value ?? string.Empty).Trim().ToLowerInvariant();
                if (attribute.StartsWith("on", StringComparison.Ordinal) || attribute == "style")
                {
                    found.Add($"<{name} {attribute}=\"{value}\"> at {start}");
                }
                else if (attribute is "href" or "src" or "action" or "formaction" or "data" or "xlink:href" && v.StartsWith("javascript:", StringComparison.Ordinal))
                {
                    found.Add($"<{name} {attribute}=\"{value}\"> at {start}");
                }
            }

            if (name is "script" or "style" or "textarea" or "title")
            {
                if (name == "script")
                {
                    var type = attributes.FirstOrDefault(a => a.Name == "type").Value;
                    if (!attributes.Any(a => a.Name == "src") && type != "application/json")
                    {
                        found.Add($"inline <script> at {start}");
                    }
                }

                // Raw text: nothing inside is markup until the matching end tag.
                var close = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                i = close < 0 ? html.Length : close + 2;
            }
        }

        return found;
    }

    private static (string Name, List<(string Name, string? Value)> Attributes, int Next) ReadTag(string html, int at)
    {
        var i = at;
        while (i < html.Length && (char.IsAsciiLetterOrDigit(html[i]) || html[i] is '-' or ':'))
        {
            i++;
        }

        var name = html[at..i].ToLowerInvariant();
        var attributes = new List<(string, string?)>();
        while (i < html.Length)
        {
            while (i < html.Length && (char.IsWhiteSpace(html[i]) || html[i] == '/'))
            {
                i++;
            }

            if (i >= html.Length || html[i] == '>')
            {
                return (name, attributes, i + 1);
            }

            var nameStart = i;
            while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] is not ('=' or '>' or '/'))
            {
                i++;
            }

            var attribute = html[nameStart..i].ToLowerInvariant();
            string? value = null;
            if (i < html.Length && html[i] == '=')
            {
                i++;
                if (i < html.Length && html[i] is '"' or '\'')
                {
                    var quote = html[i];
                    var end = html.IndexOf(quote, i + 1);
                    end = end < 0 ? html.Length : end;
                    value = System.Net.WebUtility.HtmlDecode(html[(i + 1)..end]);
                    i = end + 1;
                }
                else
                {
                    var valueStart = i;
                    while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] != '>')
                    {
                        i++;
                    }

                    value = System.Net.WebUtility.HtmlDecode(html[valueStart..i]);
                }
            }

            attributes.Add((attribute, value));
        }

        return (name, attributes, html.Length);
    }
}

/// <summary>A status check that, when it fails, says what the page said (its alert or error text).</summary>
public static class Answer
{
    public static async Task ShouldBeAsync(this Task<HttpResponseMessage> pending, System.Net.HttpStatusCode expected, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(pending);
        using var response = await pending;
        if (response.StatusCode != expected)
        {
            var html = await response.Content.ReadAsStringAsync();
            var at = Math.Max(html.IndexOf("role=\"alert\"", StringComparison.Ordinal), html.IndexOf("<main", StringComparison.Ordinal));
            var said = at < 0 ? html : html[at..Math.Min(html.Length, at + 1500)];
            response.StatusCode.Should().Be(expected, $"{what ?? response.RequestMessage?.RequestUri?.PathAndQuery} (the page said: {said})");
        }
    }
}
