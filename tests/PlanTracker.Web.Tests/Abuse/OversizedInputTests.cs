using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PlanTracker.TestSupport;
using PlanTracker.Web.Tests.Progress;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Abuse;

/// <summary>
/// Oversized bodies, uploads and fields: over a limit the sender gets 413 with the Chinese "上传的内容过大" page, over a
/// field's length 422 with a Chinese message naming the limit; nothing is stored, and the portal serves on.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Abuse)]
public sealed class OversizedInputTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Beijing = "110000";

    private static readonly byte[] PdfHead = Encoding.ASCII.GetBytes("%PDF-1.4\n");

    [Fact]
    public async Task AnUploadOverTheRequestLimit_Gets413WithTheChinesePage_NothingIsStored_AndThePortalServesOn()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2011, 7, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");

        var whole = await UploadAsync(reporter, entry, ("大文件.pdf", Pdf(52 * 1024 * 1024)));
        whole.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await whole.Content.ReadAsStringAsync()).Should().Contain("上传的内容过大").And.Contain("已填写的内容未被保存");

        var oneFile = await UploadAsync(reporter, entry, ("超限.pdf", Pdf((10 * 1024 * 1024) + 1)), ("正常.pdf", Pdf(1024)));
        oneFile.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await oneFile.Content.ReadAsStringAsync()).Should().Contain("文件“超限.pdf”超过10MB，未上传");

        (await ReportForms.ReportAsync(portal.ConnectionString, period, task)).Should().BeNull("nothing started the report");
        await AssertServingAsync(reporter, entry);
    }

    [Fact]
    public async Task AFormValueOverFourMegabytes_OrTooManyFields_Gets413_NotAnAntiforgeryError_AndNothingIsStored()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2012, 8, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");

        var huge = await ReportForms.PostAsync(reporter, entry + "/save", await reporter.GetStringAsync(Url(entry)), [.. ReportForms.Complete(), ("Problems", new string('x', (5 * 1024 * 1024) + 1))]);
        huge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await huge.Content.ReadAsStringAsync()).Should().Contain("上传的内容过大");

        var many = await ReportForms.PostAsync(reporter, entry + "/save", await reporter.GetStringAsync(Url(entry)), [.. ReportForms.Complete(), .. Enumerable.Range(0, 2000).Select(i => ($"Milestones[{i}].Title", "里程碑"))]);
        many.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);

        (await ReportForms.ReportAsync(portal.ConnectionString, period, task)).Should().BeNull();
        await AssertServingAsync(reporter, entry);
    }

    [Fact]
    public async Task NarrativesAndCommentsOverTheirLength_Get422WithAChineseMessage_AndNothingChanges()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2013, 9, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        using var reviewer = await portal.SignedInClientAsync("bj-reviewer");
        using var planner = await portal.SignedInClientAsync("planner");

        var narrative = await ReportForms.PostAsync(reporter, entry + "/save", await reporter.GetStringAsync(Url(entry)), ReportForms.Complete(new string('进', 4001)));
        narrative.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await narrative.Content.ReadAsStringAsync()).Should().Contain("不能超过4000字");
        (await ReportForms.ReportAsync(portal.ConnectionString, period, task)).Should().BeNull();

        (await ReportForms.PostAsync(reporter, entry + "/submit", await reporter.GetStringAsync(Url(entry)), ReportForms.Complete())).StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var step in new[] { "/review", "/return" })
        {
            var unit = await ReportForms.PostAsync(reviewer, entry + step, await reviewer.GetStringAsync(Url(entry)), ("Comment", new string('审', 5000)));
            unit.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, step);
            (await unit.Content.ReadAsStringAsync()).Should().Contain("理由不能超过1000字");
        }

        var report = (await ReportForms.ReportAsync(portal.ConnectionString, period, task))!;
        var page = $"/progress/reports/{report.Id}";
        foreach (var step in new[] { "/approve", "/return", "/reopen" })
        {
            var ministry = await ReportForms.PostAsync(planner, page + step, await planner.GetStringAsync(Url(page)), ("Comment", new string('部', 100_000)));
            ministry.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, step);
            (await ministry.Content.ReadAsStringAsync()).Should().Contain("理由不能超过1000字");
        }

        var after = (await ReportForms.ReportAsync(portal.ConnectionString, period, task))!;
        after.Status.Should().Be(Domain.Reporting.ReportStatus.Submitted);
        after.RowVersion.Should().Be(report.RowVersion);
        await using (var db = SeededDatabase.CreateContext(portal.ConnectionString))
        {
            (await db.ProgressReportEvents.CountAsync(e => e.ProgressReportId == report.Id && e.Comment != null && e.Comment.Length > 1000)).Should().Be(0);
        }

        await AssertServingAsync(reporter, entry);
    }

    [Fact]
    public async Task AnAccountWithAHugeDisplayName_IsRefusedOnTheForm_AndNotCreated()
    {
        using var admin = await portal.SignedInClientAsync("admin");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var unit = await db.Units.Where(u => u.Code == Beijing).Select(u => u.Id).SingleAsync();

        var response = await admin.PostAsync(Url("/admin/users/new"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Antiforgery.TokenIn(await admin.GetStringAsync(Url("/admin/users/new"))),
            ["UserName"] = "huge-name",
            ["DisplayName"] = new string('名', 100_000),
            ["Role"] = "Reporter",
            ["UnitId"] = unit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Password"] = new string('p', 100_000),
        }));

        response.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).Should().Contain("不能超过100个字符");
        (await db.Users.AnyAsync(u => u.UserName == "huge-name")).Should().BeFalse();
    }

    private static byte[] Pdf(int length)
    {
        var bytes = new byte[length];
        PdfHead.CopyTo(bytes, 0);
        return bytes;
    }

    private async Task AssertServingAsync(HttpClient client, string entry)
    {
        (await client.GetAsync(Url(entry))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync(Url("/progress"))).StatusCode.Should().Be(HttpStatusCode.OK);
        using var anonymous = portal.CreateClient();
        (await anonymous.GetAsync(Url("/health/ready"))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string entry, params (string Name, byte[] Bytes)[] files)
    {
        var page = await client.GetStringAsync(Url(entry));
        using var form = new MultipartFormDataContent { { new StringContent(Antiforgery.TokenIn(page)), "__RequestVerificationToken" } };
        foreach (var (name, bytes) in files)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, "files", name);
        }

        return await client.PostAsync(Url(entry + "/evidence"), form);
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);
}
