using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.TestSupport;

namespace PlanTracker.EndToEnd.Tests;

/// <summary>
/// The XSS corpus typed into a report through the real form in Chromium, sent back with a hostile reason, and opened on
/// every page that shows it: no dialog opens, no script runs, no CSP violation is reported, and the text reads back
/// exactly as typed.
/// </summary>
[Collection(PortalCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Browser)]
[Trait(TestCategory.Name, TestCategory.Abuse)]
public sealed class XssInChromiumTests(PortalInChromium portal)
{
    /// <summary>The payloads of the web tests' corpus (tests/PlanTracker.Web.Tests/Abuse/XssCorpus.cs), the ones a browser could fall for.</summary>
    private static readonly string[] Payloads =
    [
        "<script>alert('xss01')</script>",
        "\"><img src=x onerror=alert('xss02')>",
        "'><svg onload=alert('xss03')>",
        "</textarea><script>alert('xss05')</script>",
        "</title><script>alert('xss06')</script>",
        "<iframe src=\"javascript:alert('xss07')\"></iframe>",
        "<a href=\"javascript:alert('xss08')\">xss08</a>",
        "&lt;script&gt;alert('xss09')&lt;/script&gt;",
        "{{constructor.constructor('alert(\"xss12\")')()}}",
        "<details open ontoggle=alert('xss16')>",
        "\" autofocus onfocus=\"alert('xss18')",
        "</script><script>alert('xss19')</script>",
    ];

    [Fact]
    public async Task HostileTextTypedIntoAReport_NeverRunsAsScript_OnAnyPageThatShowsIt()
    {
        var (periodId, taskId) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2018, 12, "110000");
        var entry = $"/progress/{periodId}/tasks/{taskId}";
        var text = string.Join("\n", Payloads);
        var accepted = string.Join("\n", Payloads.Where(p => !PlanTracker.Domain.Reporting.Markup.Contains(p)));
        var (reporter, reporterErrors) = await portal.SignedInPageAsync("bj-reporter");
        var (planner, plannerErrors) = await portal.SignedInPageAsync("planner");
        var dialogs = new List<string>();
        foreach (var page in new[] { reporter, planner })
        {
            page.Dialog += async (_, dialog) =>
            {
                dialogs.Add(dialog.Message);
                await dialog.DismissAsync();
            };
        }

        // The whole corpus in the narratives is refused (they take no markup) and shown back in the fields as typed.
        await reporter.GotoAsync(entry);
        await FillReportAsync(reporter, text, Payloads[1]);
        await reporter.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Assertions.Expect(reporter.Locator("body")).ToContainTextAsync("含有HTML标记或脚本");
        await Assertions.Expect(reporter.Locator("#ProgressText")).ToHaveValueAsync(text);
        await Assertions.Expect(reporter.Locator("#Milestones_0__Title")).ToHaveValueAsync(Payloads[1]);

        // What the narratives do let through is saved and submitted.
        await FillReportAsync(reporter, accepted, Payloads[7]);
        await reporter.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Assertions.Expect(reporter.Locator("body")).ToContainTextAsync("已保存");
        await Assertions.Expect(reporter.Locator("#ProgressText")).ToHaveValueAsync(accepted);
        await reporter.GetByRole(AriaRole.Button, new() { Name = "报送", Exact = true }).ClickAsync();
        await Assertions.Expect(reporter.Locator("body")).ToContainTextAsync("已报送");

        var reportId = await ReportIdAsync(periodId, taskId);
        await planner.GotoAsync($"/progress/reports/{reportId}");
        await Assertions.Expect(planner.Locator("body")).ToContainTextAsync(Payloads[7]);
        await planner.Locator("#Comment").FillAsync(Payloads[1] + Payloads[3]);
        await planner.GetByRole(AriaRole.Button, new() { Name = "退回", Exact = true }).ClickAsync();
        await Assertions.Expect(planner.Locator("body")).ToContainTextAsync("已退回");

        foreach (var (page, url) in new[]
        {
            (reporter, entry), (reporter, "/progress"), (reporter, "/messages"), (reporter, $"{entry}/versions/1"),
            (planner, $"/progress/reports/{reportId}"), (planner, $"/audit/ProgressReport/{reportId}"),
        })
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var injected = await page.EvaluateAsync<int>(
                "() => document.querySelectorAll('img[onerror], svg[onload], iframe, details[ontoggle], [onfocus], a[href^=\"javascript:\"], script:not([src]):not([type=\"application/json\"])').length");
            injected.Should().Be(0, $"{url} holds no element made from the hostile text");
        }

        await reporter.GotoAsync(entry);
        await Assertions.Expect(reporter.Locator("#ProgressText")).ToHaveValueAsync(accepted);
        await Assertions.Expect(reporter.Locator("body")).ToContainTextAsync(Payloads[1] + Payloads[3]);

        dialogs.Should().BeEmpty("no payload ran");
        // The one console line allowed: the browser's note of the 422 that refused the markup in the narratives.
        reporterErrors.Where(e => !e.Contains("status of 422", StringComparison.Ordinal)).Should().BeEmpty("no script error and no CSP violation on the reporter's pages");
        plannerErrors.Should().BeEmpty("no script error and no CSP violation on the ministry's pages");
    }

    private static async Task FillReportAsync(IPage page, string narrative, string milestone)
    {
        await page.Locator("#Progress").SelectOptionAsync("OnTrack");
        await page.Locator("#PercentComplete").FillAsync("40");
        await page.Locator("#InvestmentWan").FillAsync("350");
        foreach (var field in new[] { "#ProgressText", "#Achievements", "#Problems", "#NextSteps" })
        {
            await page.Locator(field).FillAsync(narrative);
        }

        await page.Locator("#Milestones_0__Title").FillAsync(milestone);
        await page.Locator("#Milestones_0__ReachedOn").FillAsync("2018-03-15");
    }

    private async Task<long> ReportIdAsync(int periodId, int taskId)
    {
        await using var db = AppDbContextOptions.Create(portal.ConnectionString);
        return await db.ProgressReports.Where(r => r.PeriodId == periodId && r.TaskId == taskId).Select(r => r.Id).SingleAsync();
    }
}
