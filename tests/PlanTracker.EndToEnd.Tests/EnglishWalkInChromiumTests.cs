using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PlanTracker.TestSupport;

namespace PlanTracker.EndToEnd.Tests;

/// <summary>
/// Each demo role picks English once (<c>?culture=en</c>), then walks its pages by clicking: the navigation's links and,
/// from each, the first links to pages of a kind not seen yet. No page may show a Chinese character outside the plan's
/// own data, which the views mark (<c>data-plan-text</c>, <c>lang="zh-CN"</c>); and the language stays English
/// (the cookie) without the query string.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class EnglishWalkInChromiumTests(PortalInChromium portal)
{
    private const int FollowedLinksPerPage = 3;

    // The page's visible words, its tooltips and labels: data (marked) and scripts aside.
    private const string LeaksScript = """
        () => {
          const cjk = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/;
          const isData = el => !!el.closest('[data-plan-text], [lang^="zh"]');
          const where = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
          const leaks = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const el = node.parentElement;
            if (!el || el.closest('script, style, noscript, template') || !cjk.test(node.nodeValue) || isData(el)) continue;
            leaks.push(where(el) + ': ' + node.nodeValue.trim().slice(0, 80));
          }
          for (const el of document.body.querySelectorAll('[title], [placeholder], [aria-label], input[type=submit], input[type=button]')) {
            if (isData(el)) continue;
            for (const attr of ['title', 'placeholder', 'aria-label', 'value']) {
              if (attr === 'value' && !(el.type === 'submit' || el.type === 'button')) continue;
              const value = el.getAttribute(attr);
              if (value && cjk.test(value)) leaks.push(where(el) + '[' + attr + ']: ' + value.slice(0, 80));
            }
          }
          return leaks;
        }
        """;

    // Links in the page's body a walk may follow: pages, not files or exports.
    private const string LinksScript = """
        () => Array.from(document.querySelectorAll('main a[href^="/"]'))
          .filter(a => a.offsetParent !== null && !a.hasAttribute('download'))
          .map(a => a.getAttribute('href'))
        """;

    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private static bool _seeded;

    [Theory]
    [InlineData("planner")]
    [InlineData("evaluator")]
    [InlineData("admin")]
    [InlineData("bj-reporter")]
    [InlineData("bj-reviewer")]
    public async Task Role_PicksEnglishOnce_AndItsPagesShowNoChineseOutsidePlanData(string userName)
    {
        await SeedAsync();
        var (page, errors) = await portal.SignedInPageAsync(userName);
        await page.GotoAsync("/plans?culture=en");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        var leaks = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { Shape("/plans") };
        var visited = new List<string>();
        var nav = page.Locator("header .mainnav a");
        var navCount = await nav.CountAsync();
        navCount.Should().BeGreaterThan(1);
        for (var i = 0; i < navCount; i++)
        {
            await page.Locator("header .mainnav a").Nth(i).ClickAsync();
            await CheckAsync(page, leaks, visited, errors);
            seen.Add(Shape(page.Url));

            var hrefs = (await page.EvaluateAsync<string[]>(LinksScript))
                .Where(IsPage)
                .Where(h => seen.Add(Shape(h)))
                .Take(FollowedLinksPerPage)
                .ToList();
            foreach (var href in hrefs)
            {
                var from = page.Url;
                await page.Locator($"main a[href=\"{href}\"]").First.ClickAsync();
                await CheckAsync(page, leaks, visited, errors);
                await page.GotoAsync(from);
            }
        }

        visited.Should().HaveCountGreaterThan(navCount, "the walk follows links beyond the navigation");
        string.Join(Environment.NewLine, leaks).Should().BeEmpty("every UI word comes from the English resources; pages walked: {0}", string.Join(", ", visited));
        // The user forms' password fields (autocomplete="new-password") draw an inline-style CSP report in Debian's
        // Chromium, on those pages only and in Chinese as well: not a word of this walk.
        errors.Where(e => !(e.StartsWith("/admin/users/", StringComparison.Ordinal) && e.Contains("→ Applying inline style", StringComparison.Ordinal))).Should().BeEmpty();
    }

    private static async Task CheckAsync(IPage page, List<string> leaks, List<string> visited, List<string> errors)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        var path = new Uri(page.Url).PathAndQuery;
        path.Should().NotContain("culture=", "the walk clicks links; the language comes from the cookie");
        visited.Add(path);
        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("en", "English was picked once and stays on {0}", path);
        foreach (var leak in await page.EvaluateAsync<string[]>(LeaksScript))
        {
            leaks.Add(path + " → " + leak);
        }

        // Console errors (a CSP violation) name the page they came from.
        for (var i = 0; i < errors.Count; i++)
        {
            if (!errors[i].StartsWith('/'))
            {
                errors[i] = path + " → " + errors[i];
            }
        }
    }

    private static bool IsPage(string href) =>
        !href.StartsWith("/culture", StringComparison.Ordinal)
        && !href.StartsWith("/account", StringComparison.Ordinal)
        && !FileLink().IsMatch(href);

    /// <summary>A page's kind: its path with numbers and keys blanked, without the query.</summary>
    private static string Shape(string url)
    {
        var path = url.StartsWith('/') ? url : new Uri(url).PathAndQuery;
        return Identifier().Replace(path.Split('?')[0], "#");
    }

    private async Task SeedAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (!_seeded)
            {
                // An open period with a task led by Beijing: the reporter's inbox, the reviewer's and planner's periods have rows.
                await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2015, 5, "110000");
                _seeded = true;
            }
        }
        finally
        {
            Seeding.Release();
        }
    }

    [GeneratedRegex(@"(export|download|\.(docx|xlsx|csv|pdf)(\?|$)|/evidence/|/template)", RegexOptions.IgnoreCase)]
    private static partial Regex FileLink();

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f-]{27}|\d+", RegexOptions.IgnoreCase)]
    private static partial Regex Identifier();
}
