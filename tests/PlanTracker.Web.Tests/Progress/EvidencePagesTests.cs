using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.TestSupport;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Progress;

/// <summary>Evidence files over HTTP against the seeded PostgreSQL database. Each test opens its own period (a year) and task.</summary>
public sealed class EvidencePagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Beijing = "110000";

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3];

    [Fact]
    public async Task Upload_PdfAndPng_ListShowsTheHash_DownloadsAreIdentical_AndThePlannerSeesThem()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2011, 0, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");

        var response = await UploadAsync(reporter, entry, ("进展报告.pdf", Pdf), ("现场照片.png", Png));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await response.Content.ReadAsStringAsync();
        page.Should().Contain("佐证材料已上传").And.Contain("进展报告.pdf").And.Contain("现场照片.png").And.Contain("bj-reporter");
        page.Should().Contain(Sha(Pdf)[..12]).And.Contain(Sha(Png));

        var files = await FilesAsync(period, task);
        files.Select(f => (f.FileName, f.ContentType, f.SizeBytes, f.Sha256)).Should().BeEquivalentTo(new[]
        {
            ("进展报告.pdf", "application/pdf", (long)Pdf.Length, Sha(Pdf)),
            ("现场照片.png", "image/png", (long)Png.Length, Sha(Png)),
        });

        var pdf = files.Single(f => f.ContentType == "application/pdf");
        var download = await reporter.GetAsync(new Uri($"{entry}/evidence/{pdf.Id}", UriKind.Relative));
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal(Pdf);
        download.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        download.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        download.Content.Headers.ContentDisposition.FileNameStar.Should().Be("进展报告.pdf");
        download.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");

        // The ministry reads the same files on its report page.
        using var planner = await portal.SignedInClientAsync("planner");
        var report = await planner.GetStringAsync(new Uri($"/progress/reports/{pdf.ProgressReportId}", UriKind.Relative));
        report.Should().Contain("进展报告.pdf").And.Contain($"/progress/reports/{pdf.ProgressReportId}/evidence/{pdf.Id}").And.NotContain("evidence/" + pdf.Id + "/delete");
        var png = files.Single(f => f.ContentType == "image/png");
        var fromPlanner = await planner.GetAsync(new Uri($"/progress/reports/{png.ProgressReportId}/evidence/{png.Id}", UriKind.Relative));
        (await fromPlanner.Content.ReadAsByteArrayAsync()).Should().Equal(Png);
        fromPlanner.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
    }

    [Fact]
    public async Task AFileWithALyingExtension_IsRefused_NamingIt_AndNothingIsStored()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2012, 1, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");

        var exe = await UploadAsync(reporter, entry, ("进展报告.pdf", Pdf), ("通知.pdf", [0x4D, 0x5A, 0x90, 0x00, 0x03]));
        exe.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await exe.Content.ReadAsStringAsync()).Should().Contain("文件“通知.pdf”不是可接受的类型");

        var renamed = await UploadAsync(reporter, entry, ("照片.png", Pdf));
        renamed.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await renamed.Content.ReadAsStringAsync()).Should().Contain("文件“照片.png”的扩展名与其实际内容不符");

        var empty = await UploadAsync(reporter, entry, ("空.pdf", []));
        empty.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await empty.Content.ReadAsStringAsync()).Should().Contain("文件“空.pdf”是空文件");

        (await FilesAsync(period, task)).Should().BeEmpty();
    }

    [Fact]
    public async Task TheEleventhFile_IsRefused()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2013, 2, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");

        var ten = Enumerable.Range(1, 10).Select(i => ($"附件{i}.pdf", Pdf)).ToArray();
        (await UploadAsync(reporter, entry, ten)).StatusCode.Should().Be(HttpStatusCode.OK);
        var eleventh = await UploadAsync(reporter, entry, ("附件11.pdf", Pdf));

        eleventh.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await eleventh.Content.ReadAsStringAsync()).Should().Contain("每份报告最多10个佐证材料文件");
        (await FilesAsync(period, task)).Should().HaveCount(10);
    }

    [Fact]
    public async Task AnotherUnitsReporter_Gets404_ForTheDownloadAndTheDelete()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2014, 3, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var beijing = await portal.SignedInClientAsync("bj-reporter");
        await UploadAsync(beijing, entry, ("进展报告.pdf", Pdf));
        var file = (await FilesAsync(period, task)).Single();
        using var shanghai = await portal.SignedInClientAsync("sh-reporter");

        (await shanghai.GetAsync(new Uri($"{entry}/evidence/{file.Id}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var token = await shanghai.GetStringAsync(new Uri("/progress", UriKind.Relative));
        var delete = await shanghai.PostAsync(new Uri($"{entry}/evidence/{file.Id}/delete", UriKind.Relative), Form(token));
        delete.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await FilesAsync(period, task)).Should().ContainSingle();

        // The Beijing URL shape with another report's period and task finds nothing either.
        (await beijing.GetAsync(new Uri($"/progress/{period}/tasks/{task + 1}/evidence/{file.Id}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_WorksInADraft_AndIsRefusedAfterApproval()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2015, 4, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        await UploadAsync(reporter, entry, ("进展报告.pdf", Pdf), ("现场照片.png", Png));
        var files = await FilesAsync(period, task);

        var page = await reporter.GetStringAsync(new Uri(entry, UriKind.Relative));
        var deleted = await reporter.PostAsync(new Uri($"{entry}/evidence/{files[0].Id}/delete", UriKind.Relative), Form(page));
        deleted.StatusCode.Should().Be(HttpStatusCode.OK);
        (await deleted.Content.ReadAsStringAsync()).Should().Contain("佐证材料已删除");
        (await FilesAsync(period, task)).Select(f => f.Id).Should().Equal(files[1].Id);

        // The audit log has the upload and the delete with name and hash, but not the bytes.
        await using (var db = SeededDatabase.CreateContext(portal.ConnectionString))
        {
            var audit = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(EvidenceFile) && a.EntityId == files[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(a => a.Id).ToListAsync();
            audit.Select(a => a.Action).Should().Equal("create", "delete");
            audit[0].AfterJson.Should().Contain(files[0].Sha256).And.NotContain("\"Content\"");
            audit[1].BeforeJson.Should().Contain("进展报告.pdf").And.NotContain("\"Content\"");
        }

        await ApproveAsync(period, task);
        page = await reporter.GetStringAsync(new Uri(entry, UriKind.Relative));
        page.Should().Contain("现场照片.png").And.NotContain("/delete").And.NotContain("multipart/form-data");
        var refused = await reporter.PostAsync(new Uri($"{entry}/evidence/{files[1].Id}/delete", UriKind.Relative), Form(page));
        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("不能上传或删除佐证材料");
        var upload = await UploadAsync(reporter, entry, ("补充.pdf", Pdf));
        upload.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await FilesAsync(period, task)).Select(f => f.Id).Should().Equal(files[1].Id);
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static FormUrlEncodedContent Form(string page) =>
        new([new KeyValuePair<string, string>("__RequestVerificationToken", Antiforgery.TokenIn(page))]);

    /// <summary>Posts the entry page's upload form with the page's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string entry, params (string Name, byte[] Bytes)[] files)
    {
        var page = await client.GetStringAsync(new Uri(entry, UriKind.Relative));
        using var form = new MultipartFormDataContent { { new StringContent(Antiforgery.TokenIn(page)), "__RequestVerificationToken" } };
        foreach (var (name, bytes) in files)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, "files", name);
        }

        return await client.PostAsync(new Uri(entry + "/evidence", UriKind.Relative), form);
    }

    private async Task<List<EvidenceFile>> FilesAsync(int period, int task)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.EvidenceFiles.AsNoTracking()
            .Where(e => db.ProgressReports.Any(r => r.Id == e.ProgressReportId && r.PeriodId == period && r.TaskId == task))
            .OrderBy(e => e.Id)
            .ToListAsync();
    }

    /// <summary>Moves the report to approved through the domain's own steps.</summary>
    private async Task ApproveAsync(int period, int task)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var report = await db.ProgressReports.SingleAsync(r => r.PeriodId == period && r.TaskId == task);
        var now = DateTimeOffset.UtcNow;
        report.SaveDraft(ReportDraft.Of(TaskProgress.OnTrack, 60, "建成试点园区3个", "带动就业1200人", null, "扩大试点范围", 350.5m), (await db.ReportingPeriods.SingleAsync(p => p.Id == period)).Window, now).Refusal.Should().BeNull();
        report.Submit("bj-reporter", now).Refusal.Should().BeNull();
        report.Approve("planner", null, now).Refusal.Should().BeNull();
        await db.SaveChangesAsync();
    }

}
