using System.Text.RegularExpressions;

namespace PlanTracker.Web.Tests.Support;

public static partial class Antiforgery
{
    /// <summary>The antiforgery token of the first form in a page.</summary>
    public static string TokenIn(string html)
    {
        var match = Token().Match(html);
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException("The page has no antiforgery token.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
