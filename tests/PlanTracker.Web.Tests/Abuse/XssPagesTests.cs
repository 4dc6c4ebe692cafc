using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Adjustments;
using PlanTracker.TestSupport;
using PlanTracker.Web.Tests.AdjustmentDecisions;
using PlanTracker.Web.Tests.Progress;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Abuse;

/// <summary>
/// The XSS corpus (<see cref="XssCorpus"/>) written through the free-text fields people fill in — a report's four
/// narratives and a milestone, evidence file names, review and return comments, an adjustment's title and a task's new
/// wording, an indicator's name, a user's display name — and every page that shows them read back: each shows the text
/// (its markers) and none carries live markup made from it.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Abuse)]
public sealed class XssPagesTests(AdjustmentDecisionPagesTests.Fixture portal) : IClassFixture<AdjustmentDecisionPagesTests.Fixture>
{
    private const string Beijing = "110000";

    [Fact]
    public async Task ReportNarrativesCommentsAndFileNames_AreShownAsText_OnEveryPageThatShowsThem()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2019, 3, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        using var reviewer = await portal.SignedInClientAsync("bj-reviewer");
        using var planner = await portal.SignedInClientAsync("planner");

        // Narratives and milestones refuse markup outright, naming the field; nothing is stored.
        var refused = await ReportForms.PostAsync(reporter, entry + "/save", await reporter.GetStringAsync(Url(entry)), HostileReport(XssCorpus.All));
        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("含有HTML标记或脚本");
        XssCorpus.LiveMarkup(await refused.Content.ReadAsStringAsync()).Should().BeEmpty("the refused text is shown back as text");
        (await ReportForms.ReportAsync(portal.ConnectionString, period, task)).Should().BeNull();

        await ReportForms.PostAsync(reporter, entry + "/save", await reporter.GetStringAsync(Url(entry)), HostileReport(XssCorpus.Accepted)).ShouldBeAsync(HttpStatusCode.OK);
        await UploadAsync(reporter, entry, "<svg onload=alert('xss03')>.pdf", "\"><img src=x onerror=alert('xss02')>.pdf").ShouldBeAsync(HttpStatusCode.OK);
        await ReportForms.PostAsync(reporter, entry + "/submit", await reporter.GetStringAsync(Url(entry)), HostileReport(XssCorpus.Accepted)).ShouldBeAsync(HttpStatusCode.OK);
        await ReportForms.PostAsync(reviewer, entry + "/return", await reviewer.GetStringAsync(Url(entry)), ("Comment", XssCorpus.Some(1, 300))).ShouldBeAsync(HttpStatusCode.OK);
        await ReportForms.PostAsync(reporter, entry + "/submit", await reporter.GetStringAsync(Url(entry)), HostileReport(XssCorpus.Accepted)).ShouldBeAsync(HttpStatusCode.OK);
        await ReportForms.PostAsync(reviewer, entry + "/review", await reviewer.GetStringAsync(Url(entry)), ("Comment", XssCorpus.Some(6, 300))).ShouldBeAsync(HttpStatusCode.OK);
        var report = (await ReportForms.ReportAsync(portal.ConnectionString, period, task))!;
        var reportPage = $"/progress/reports/{report.Id}";
        await ReportForms.PostAsync(planner, reportPage + "/return", await planner.GetStringAsync(Url(reportPage)), ("Comment", XssCorpus.Some(12, 300))).ShouldBeAsync(HttpStatusCode.OK);

        // The text went in whole: nothing was stripped on the way to the database (encoding is the page's job).
        var stored = (await ReportForms.ReportAsync(portal.ConnectionString, period, task))!;
        stored.ProgressText.Should().Be(XssCorpus.Accepted);
        stored.Status.Should().Be(Domain.Reporting.ReportStatus.Returned);

        var unit = await ReportForms.UnitIdAsync(portal.ConnectionString, Beijing);
        long message;
        await using (var db = SeededDatabase.CreateContext(portal.ConnectionString))
        {
            message = await db.PortalMessages.Where(m => m.UnitId == unit).OrderByDescending(m => m.Id).Select(m => m.Id).FirstAsync();
        }

        await AssertShownAsTextAsync(reporter, entry, $"{entry}/versions/1", $"{entry}/versions/compare?from=1&to=2", "/progress", $"/messages/{message}");
        await AssertCleanAsync(reporter, "/messages");
        await AssertShownAsTextAsync(planner, reportPage, $"{reportPage}/versions/compare?from=1&to=2", $"/audit/ProgressReport/{report.Id}");
        await AssertCleanAsync(planner, $"/review/periods/{period}", $"/review/periods/{period}/units/{unit}");
    }

    [Fact]
    public async Task AdjustmentTitleTaskWordingIndicatorAndDisplayName_AreShownAsText_OnEveryPageThatShowsThem()
    {
        var (number, _) = await portal.CurrentAsync();
        // A task's wording refuses markup (PlanRevision), so it carries what gets through; the title takes anything.
        var wording = XssCorpus.Accepted.Replace('\n', ' ');
        Guid key = default;
        var id = await portal.ProposeAsync(string.Join(" ", XssCorpus.Payloads[1], XssCorpus.Payloads[7], XssCorpus.Payloads[15]), s =>
        {
            key = portal.TaskKey(s, 4);
            return [new RewordTask(key, wording, null)];
        });
        await XssCorpus.RejectedIn2015Async(portal, XssCorpus.Some(2, 120), XssCorpus.Some(5, 500), XssCorpus.Some(9, 500));
        using var planner = await portal.SignedInClientAsync("planner");
        using var admin = await portal.SignedInClientAsync("admin");

        await AssertShownAsTextAsync(planner, "/adjustments", $"/adjustments/{id}");
        await planner.PostAsync(Url($"/adjustments/{id}/approve"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Antiforgery.TokenIn(await planner.GetStringAsync(Url($"/adjustments/{id}"))),
            ["RowVersion"] = (await portal.RowVersionAsync(id)).ToString(CultureInfo.InvariantCulture),
            ["Comment"] = XssCorpus.Some(4, 200),
        })).ShouldBeAsync(HttpStatusCode.OK);
        (await planner.GetStringAsync(Url($"/adjustments/{id}"))).Should().Contain($"形成第{number + 1}版");

        var indicator = await IndicatorNamedAsync(XssCorpus.Payloads[1] + " " + XssCorpus.Payloads[3]);
        var taskId = await CurrentTaskIdAsync(key);
        var plan = portal.PlanId;
        await AssertShownAsTextAsync(
            planner,
            $"/adjustments/{id}",
            $"/plans/{plan}",
            $"/plans/{plan}/nodes/{taskId}",
            $"/plans/{plan}/versions",
            $"/plans/{plan}/versions/{number + 1}",
            $"/plans/{plan}/versions/compare?from={number}&to={number + 1}",
            $"/plans/{plan}/history/{key}",
            "/plans/search?q=xss01",
            $"/plans/{plan}/adjustment-report?from=2015-01-01&to=2015-12-31",
            $"/monitoring/tasks/{taskId}",
            $"/plans/{plan}/indicators",
            $"/monitoring/indicators/{indicator}");
        await AssertCleanAsync(planner, $"/monitoring/plans/{plan}", $"/monitoring/plans/{plan}/indicators");

        // A display name is shown to the administrators and wherever the person acts.
        var created = await admin.PostAsync(Url("/admin/users/new"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Antiforgery.TokenIn(await admin.GetStringAsync(Url("/admin/users/new"))),
            ["UserName"] = "xss-reporter",
            ["DisplayName"] = XssCorpus.Payloads[1] + XssCorpus.Payloads[17],
            ["Role"] = "Reporter",
            ["UnitId"] = portal.BeijingId.ToString(CultureInfo.InvariantCulture),
            ["Password"] = "First-Password-1",
        }));
        created.StatusCode.Should().Be(HttpStatusCode.OK);
        await AssertShownAsTextAsync(admin, "/admin/users?q=xss", "/admin/users");
    }

    /// <summary>Every narrative holds <paramref name="text"/>; the milestone title its first 200 characters.</summary>
    private static (string, string)[] HostileReport(string text) =>
    [
        ("Progress", "OnTrack"), ("PercentComplete", "60"), ("InvestmentWan", "350.5"),
        ("ProgressText", text), ("Achievements", text), ("Problems", text), ("NextSteps", text),
        ("Milestones[0].Title", text.Length > 200 ? text[..200] : text), ("Milestones[0].ReachedOn", "2019-03-15"),
    ];

    /// <summary>Each page answers 200, shows some of the corpus's markers, and has no live markup made from it.</summary>
    private static async Task AssertShownAsTextAsync(HttpClient client, params string[] urls)
    {
        foreach (var url in urls)
        {
            var html = await PageAsync(client, url);
            XssCorpus.MarkersIn(html).Should().NotBeEmpty($"{url} shows the hostile text");
            XssCorpus.LiveMarkup(html).Should().BeEmpty($"{url} shows the hostile text as text");
        }
    }

    private static async Task AssertCleanAsync(HttpClient client, params string[] urls)
    {
        foreach (var url in urls)
        {
            XssCorpus.LiveMarkup(await PageAsync(client, url)).Should().BeEmpty($"{url} carries no live markup");
        }
    }

    private static async Task<string> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(Url(url));
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{url} answers");
        return html;
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string entry, params string[] names)
    {
        var page = await client.GetStringAsync(Url(entry));
        using var form = new MultipartFormDataContent { { new StringContent(Antiforgery.TokenIn(page)), "__RequestVerificationToken" } };
        foreach (var name in names)
        {
            var content = new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"files\"", FileNameStar = name };
            form.Add(content);
        }

        return await client.PostAsync(Url(entry + "/evidence"), form);
    }

    /// <summary>An indicator of the plan's current version with the given name, through the domain's own rules.</summary>
    private async Task<int> IndicatorNamedAsync(string name)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var current = await db.CurrentVersionAsync(portal.PlanId);
        var (indicator, problems) = Indicator.Create(
            new IndicatorDraft(name, "产业集聚", "个", null, IndicatorDirection.HigherIsBetter, IndicatorAggregation.Sum, 2010, "18", null, 2015, "≥50"), [], 200, Guid.NewGuid());
        problems.Should().BeEmpty();
        current!.AddIndicator(indicator!);
        await db.SaveChangesAsync();
        return indicator!.Id;
    }

    private async Task<int> CurrentTaskIdAsync(Guid key)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var current = await db.CurrentVersionAsync(portal.PlanId);
        return await db.PlanNodes.Where(n => n.PlanVersionId == current!.Id && n.Key == key && n.Kind == NodeKind.Task).Select(n => n.Id).SingleAsync();
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);
}
