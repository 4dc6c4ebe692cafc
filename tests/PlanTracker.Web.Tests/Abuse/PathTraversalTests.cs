using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PlanTracker.TestSupport;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Abuse;

/// <summary>
/// Path traversal: evidence files named like paths keep only a clean last part (no separator, no "..", no control or
/// direction-override character, at most 200 characters) and download under that name as an attachment; ids and file
/// names in URLs with encoded ../ find nothing (404), and no file from the server's disk is ever served. (A %00 in a
/// path is refused by the server before the app: Kestrel answers 400, the in-process test client will not send it.)
/// </summary>
[Trait(TestCategory.Name, TestCategory.Abuse)]
public sealed class PathTraversalTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Beijing = "110000";

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    [Fact]
    public async Task EvidenceNamedLikePaths_IsStoredUnderItsLastPartOnly_AndDownloadsAsAnAttachmentOfThatName()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2016, 5, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        string[] names =
        [
            "../../etc/passwd.pdf",
            "..\\..\\windows\\win.ini.pdf",
            "/etc/shadow.pdf",
            "C:\\Windows\\System32\\boot.pdf",
            "%2e%2e%2f%2e%2e%2fcfg.pdf",
            "报告\u202Efdp.exe.pdf",
            "换\r\n行\tContent-Disposition: inline.pdf",
            new string('长', 300) + ".pdf",
        ];

        var response = await UploadAsync(reporter, entry, names);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var files = await FilesAsync(period, task);
        files.Select(f => f.FileName).Should().Equal(
            "passwd.pdf",
            "win.ini.pdf",
            "shadow.pdf",
            "boot.pdf",
            "%2e%2e%2f%2e%2e%2fcfg.pdf",
            "报告fdp.exe.pdf",
            "换行Content-Disposition inline.pdf",
            new string('长', 196) + ".pdf");
        foreach (var (id, name) in files)
        {
            name.Should().NotContainAny("/", "\\", "..", "\u202E", "\r", "\n", ":").And.EndWith(".pdf");
            name.Length.Should().BeLessThanOrEqualTo(200);
            var download = await reporter.GetAsync(Url($"{entry}/evidence/{id}"));
            download.StatusCode.Should().Be(HttpStatusCode.OK);
            download.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
            (download.Content.Headers.ContentDisposition.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName?.Trim('"')).Should().Be(name);
            string.Join(";", download.Content.Headers.GetValues("Content-Disposition")).Should().NotContainAny("\r", "\n", "\\");
            (await download.Content.ReadAsByteArrayAsync()).Should().Equal(Pdf);
        }
    }

    [Fact]
    public async Task EncodedDotDotInIdsAndNames_FindsNothing_AndNoFileFromDiskIsServed()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2017, 6, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        using var planner = await portal.SignedInClientAsync("planner");
        (await UploadAsync(reporter, entry, "进展.pdf")).StatusCode.Should().Be(HttpStatusCode.OK);
        var (fileId, _) = (await FilesAsync(period, task)).Single();

        string[] unitUrls =
        [
            $"{entry}/evidence/..%2F..%2F..%2Fetc%2Fpasswd",
            $"{entry}/evidence/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            $"{entry}/evidence/{fileId}%2F..%2F..%2Fappsettings.json",
            $"{entry}/evidence/{fileId}.pdf",
            $"{entry}/evidence/..%5C..%5Cappsettings.json",
            $"/progress/{period}/workbook/..%2F..%2Fappsettings.json",
        ];
        string[] ministryUrls =
        [
            $"/progress/reports/1/evidence/..%2F..%2Fappsettings.json",
            "/evaluation/issued/1/..%2F..%2Fappsettings.json",
            "/evaluation/issued/..%2F..%2F1/docx",
            "/css/..%2F..%2Fappsettings.json",
            "/js/%2e%2e/%2e%2e/appsettings.json",
            "/lib/..%2F..%2F..%2FPlanTracker.Web.dll",
            "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/plans/..%2F..%2Fetc%2Fpasswd",
        ];

        foreach (var (client, url) in unitUrls.Select(u => (reporter, u)).Concat(ministryUrls.Select(u => (planner, u))))
        {
            var response = await client.GetAsync(Url(url));
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().BeOneOf([HttpStatusCode.NotFound, HttpStatusCode.BadRequest], url);
            body.Should().NotContain("root:x:0:0", url).And.NotContain("ConnectionStrings", url).And.NotContain("%PDF", url);
        }

        // The audit history takes free text in its path; a path there is only a name that has no history.
        using var admin = await portal.SignedInClientAsync("admin");
        var audit = await admin.GetAsync(Url("/audit/..%2F..%2Fetc/passwd"));
        audit.StatusCode.Should().BeOneOf([HttpStatusCode.OK, HttpStatusCode.NotFound]);
        (await audit.Content.ReadAsStringAsync()).Should().NotContain("root:x:0:0");
    }

    [Fact]
    public async Task APlanUploadNamedLikeAPath_IsReadAsText_AndNothingIsWrittenThere()
    {
        using var planner = await portal.SignedInClientAsync("planner");
        var page = await planner.GetStringAsync(Url("/drafts/import"));
        using var form = new MultipartFormDataContent { { new StringContent(Antiforgery.TokenIn(page)), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("不是规划的文字"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "File", "../../../../tmp/plantracker-traversal.txt");

        var response = await planner.PostAsync(Url("/drafts/preview"), form);

        response.StatusCode.Should().NotBe(HttpStatusCode.InternalServerError);
        File.Exists("/tmp/plantracker-traversal.txt").Should().BeFalse();
        File.Exists(Path.Combine(Path.GetTempPath(), "plantracker-traversal.txt")).Should().BeFalse();
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string entry, params string[] names)
    {
        var page = await client.GetStringAsync(Url(entry));
        using var form = new MultipartFormDataContent { { new StringContent(Antiforgery.TokenIn(page)), "__RequestVerificationToken" } };
        foreach (var name in names)
        {
            var content = new ByteArrayContent(Pdf);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"files\"", FileNameStar = name };
            form.Add(content);
        }

        return await client.PostAsync(Url(entry + "/evidence"), form);
    }

    private async Task<List<(long Id, string FileName)>> FilesAsync(int period, int task)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var rows = await db.EvidenceFiles.AsNoTracking()
            .Where(e => db.ProgressReports.Any(r => r.Id == e.ProgressReportId && r.PeriodId == period && r.TaskId == task))
            .OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.FileName })
            .ToListAsync();
        return [.. rows.Select(r => (r.Id, r.FileName))];
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);
}
