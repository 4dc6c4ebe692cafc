using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PlanTracker.Web.Hosting;

/// <summary>
/// Marks an element that shows the plan's own words — titles, task names, unit and people's names, what units wrote —
/// as they were written, in Chinese, whatever the interface language: <c>&lt;td plan-text&gt;</c>. On an English page it
/// gets <c>lang="zh-CN"</c> (screen readers read it as Chinese) and <c>data-plan-text</c> (what the English walk test
/// leaves aside); on a Chinese page nothing is added. Text inside a UI sentence is wrapped in <c>&lt;plan-text&gt;</c>,
/// a <c>span</c> on an English page and nothing at all on a Chinese one (the Chinese page stays as it was).
/// </summary>
[HtmlTargetElement(Attributes = AttributeName)]
public sealed class PlanTextTagHelper : TagHelper
{
    public const string AttributeName = "plan-text";

    // Before the built-in helpers (anchor, select…), which keep the attributes they find.
    public override int Order => -1000;

    public static bool PageIsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Attributes.RemoveAll(AttributeName);
        Mark(output);
    }

    /// <summary>The plan's words as an argument of a UI sentence (an <c>IHtmlLocalizer</c>'s), marked as the element is.</summary>
    public static IHtmlContent Wrap(string text)
    {
        // Appended, not pre-encoded: the page's own encoder writes it (it leaves Chinese as Chinese).
        var content = new HtmlContentBuilder();
        return PageIsChinese
            ? content.Append(text)
            : content.AppendHtml("<span lang=\"zh-CN\" data-plan-text>").Append(text).AppendHtml("</span>");
    }

    internal static void Mark(TagHelperOutput output)
    {
        if (!PageIsChinese)
        {
            output.Attributes.SetAttribute("lang", "zh-CN");
            output.Attributes.SetAttribute("data-plan-text", string.Empty);
        }
    }
}

/// <summary><c>&lt;plan-text&gt;…&lt;/plan-text&gt;</c>: the plan's words inside a UI sentence (see <see cref="PlanTextTagHelper"/>).</summary>
[HtmlTargetElement("plan-text")]
public sealed class PlanTextElementTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (PlanTextTagHelper.PageIsChinese)
        {
            output.TagName = null;
            return;
        }

        output.TagName = "span";
        PlanTextTagHelper.Mark(output);
    }
}
