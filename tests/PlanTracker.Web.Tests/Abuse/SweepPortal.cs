using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PlanTracker.Domain.Messages;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Identity;
using PlanTracker.Infrastructure.PlanImport;
using PlanTracker.Infrastructure.Seed;
using PlanTracker.TestSupport;
using PlanTracker.Web.Tests.Progress;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Abuse;

/// <summary>
/// The portal on a real Kestrel port (not TestServer) over a seeded database in which two units, 北京 and 上海, each
/// own one of everything a unit can own: an approved report with a submitted version and an evidence file, a draft
/// report with a file, an inbox message, an adjustment proposal, a submitted indicator value, an issued unit report
/// and an early warning. Every text a unit wrote carries the unit's marker (<see cref="Marker"/>), so a page that
/// shows another unit's data gives itself away.
/// </summary>
public class SweepPortal : PortalFactory
{
    public const string Beijing = "110000";
    public const string Shanghai = "310000";

    public string BaseUrl { get; private set; } = string.Empty;

    public int PlanId { get; private set; }

    public int PeriodId { get; private set; }

    public int IndicatorId { get; private set; }

    public IReadOnlyDictionary<string, UnitData> Units { get; private set; } = new Dictionary<string, UnitData>();

    /// <summary>The text every row a unit wrote carries: ASCII, so it survives HTML encoding and shows in raw bytes.</summary>
    public static string Marker(string unitCode) => "SWEEPLEAK" + unitCode;

    /// <summary>The unit of a demo account ("bj-…" 北京, "sh-…" 上海), null for the ministry's accounts.</summary>
    public static string? UnitOf(string person) => person.StartsWith("bj-", StringComparison.Ordinal) ? Beijing : person.StartsWith("sh-", StringComparison.Ordinal) ? Shanghai : null;

    public override async Task InitializeAsync()
    {
        UseKestrel(0);
        await base.InitializeAsync();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var (period, shanghaiTask) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(ConnectionString, 2011, 0, Shanghai);
        PeriodId = period;
        var shanghaiDraftTask = await ReportForms.AssignAnotherTaskAsync(ConnectionString, 1, Shanghai);
        var beijingTask = await ReportForms.AssignAnotherTaskAsync(ConnectionString, 2, Beijing);
        var beijingDraftTask = await ReportForms.AssignAnotherTaskAsync(ConnectionString, 3, Beijing);
        await using (var db = SeededDatabase.CreateContext(ConnectionString))
        {
            await new DemoSeeder(db, new UnitSeeder(db), new PlanImportService(db, TimeProvider.System, NullLogger<PlanImportService>.Instance), NullLogger<DemoSeeder>.Instance).SeedDemoIndicatorsAsync();
            PlanId = await db.PlanVersions.Where(v => db.PlanNodes.Any(n => n.Id == shanghaiTask && n.PlanVersionId == v.Id)).Select(v => v.PlanId).SingleAsync();
            IndicatorId = await db.Indicators.Where(i => db.PlanVersions.Any(v => v.Id == i.PlanVersionId && v.PlanId == PlanId)).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
        }

        Units = new Dictionary<string, UnitData>
        {
            [Shanghai] = await OwnEverythingAsync(Shanghai, "sh", shanghaiTask, shanghaiDraftTask),
            [Beijing] = await OwnEverythingAsync(Beijing, "bj", beijingTask, beijingDraftTask),
        };
    }

    /// <summary>A plain HttpClient on the real port with its own cookie jar, optionally sending from another loopback address.</summary>
    public HttpClient Client(string? fromAddress = null) => ClientTo(BaseUrl, fromAddress);

    /// <summary>A plain HttpClient to <paramref name="baseUrl"/> with its own cookie jar, sending from <paramref name="fromAddress"/> if given.</summary>
    public static HttpClient ClientTo(string baseUrl, string? fromAddress = null)
    {
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false };
        if (fromAddress is not null)
        {
            // Linux answers on the whole of 127/8: binding the client's socket to 127.0.0.N makes the server see another address.
            var local = IPAddress.Parse(fromAddress);
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        return new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
    }

    /// <summary>A client on the real port signed in through the form as <paramref name="person"/>.</summary>
    public async Task<HttpClient> SignedInAsync(string person)
    {
        var client = Client();
        var response = await PostSignInAsync(client, person, DemoAccounts.Password);
        return response.StatusCode == HttpStatusCode.Redirect ? client : throw new InvalidOperationException($"Signing in as {person} failed: {(int)response.StatusCode}");
    }

    /// <summary>The antiforgery token of the client's own session (from the sign-in form, which every session may open).</summary>
    public static async Task<string> OwnTokenAsync(HttpClient client) =>
        Antiforgery.TokenIn(await client.GetStringAsync(new Uri("/account/signin", UriKind.Relative)));

    private async Task<UnitData> OwnEverythingAsync(string code, string prefix, int task, int draftTask)
    {
        var marker = Marker(code);
        var unitId = await ReportForms.UnitIdAsync(ConnectionString, code);
        using var reporter = await SignedInAsync(prefix + "-reporter");
        using var reviewer = await SignedInAsync(prefix + "-reviewer");
        using var planner = await SignedInAsync("planner");

        // The report that goes all the way: written, a file attached, submitted, reviewed by the unit, approved.
        var entry = $"/progress/{PeriodId}/tasks/{task}";
        await ExpectAsync(ReportForms.PostAsync(reporter, entry + "/save", await reporter.GetStringAsync(ReportForms.Url(entry)), ReportForms.Complete($"建成试点园区3个 {marker}")), HttpStatusCode.Redirect, "save");
        await ExpectAsync(UploadAsync(reporter, entry, marker), HttpStatusCode.Redirect, "upload");
        await ExpectAsync(ReportForms.PostAsync(reporter, entry + "/submit", await reporter.GetStringAsync(ReportForms.Url(entry)), ReportForms.Complete($"建成试点园区3个 {marker}")), HttpStatusCode.Redirect, "submit");
        await ExpectAsync(ReportForms.PostAsync(reviewer, entry + "/review", await reviewer.GetStringAsync(ReportForms.Url(entry)), ("Comment", "审核意见 " + marker)), HttpStatusCode.Redirect, "review");
        var report = (await ReportForms.ReportAsync(ConnectionString, PeriodId, task))!;
        var reportPage = $"/progress/reports/{report.Id}";
        await ExpectAsync(ReportForms.PostAsync(planner, reportPage + "/approve", await planner.GetStringAsync(ReportForms.Url(reportPage)), ("Comment", "通过 " + marker)), HttpStatusCode.Redirect, "approve");

        // The report still being written, with a file.
        var draftEntry = $"/progress/{PeriodId}/tasks/{draftTask}";
        await ExpectAsync(ReportForms.PostAsync(reporter, draftEntry + "/save", await reporter.GetStringAsync(ReportForms.Url(draftEntry)), ReportForms.Complete($"草稿 {marker}")), HttpStatusCode.Redirect, "save draft");
        await ExpectAsync(UploadAsync(reporter, draftEntry, marker), HttpStatusCode.Redirect, "upload to draft");
        var draft = (await ReportForms.ReportAsync(ConnectionString, PeriodId, draftTask))!;

        // A proposal drafted by the unit's reviewer.
        var proposal = await ExpectAsync(
            PostFormAsync(reviewer, $"/plans/{PlanId}/adjustments/new", ("Title", "调整建议 " + marker), ("Reason", "理由 " + marker)), HttpStatusCode.Redirect, "proposal");
        var adjustmentId = int.Parse(proposal.Headers.Location!.OriginalString.Split('/')[2], CultureInfo.InvariantCulture);

        // The unit's own evaluation report, issued by the ministry.
        await ExpectAsync(
            PostFormAsync(planner, $"/plans/{PlanId}/evaluation/issue", ("Kind", "annual"), ("Year", "2011"), ("Unit", unitId.ToString(CultureInfo.InvariantCulture))), HttpStatusCode.Redirect, "issue");

        await using var db = SeededDatabase.CreateContext(ConnectionString);
        var now = DateTimeOffset.UtcNow;
        var message = new PortalMessage(unitId, MessageKind.Notice, null, "通知 " + marker, "正文 " + marker, "planner", now);
        db.PortalMessages.Add(message);
        var value = new IndicatorValue(IndicatorId, unitId, PeriodId, 12m, null, null, "统计局 " + marker, "说明 " + marker, now);
        value.Submit(prefix + "-reporter", now).Succeeded.Should().BeTrue();
        db.IndicatorValues.Add(value);
        var taskKey = await db.PlanNodes.Where(n => n.Id == task).Select(n => n.Key).SingleAsync();
        var warning = new EarlyWarning(PlanId, WarningSubject.TaskUnit(taskKey, task, unitId, report.Id), StatusColour.Red, null, "进展滞后 " + marker, new DateOnly(2026, 11, 20), now);
        db.EarlyWarnings.Add(warning);
        await db.SaveChangesAsync();
        var files = await db.EvidenceFiles.IgnoreQueryFilters().Where(f => f.UnitId == unitId).OrderBy(f => f.Id).Select(f => new { f.Id, f.ProgressReportId }).ToListAsync();
        return new UnitData(
            code,
            unitId,
            await db.Users.Where(u => u.UserName == prefix + "-reporter").Select(u => u.Id).SingleAsync(),
            task,
            taskKey,
            report.Id,
            files.Single(f => f.ProgressReportId == report.Id).Id,
            draftTask,
            draft.Id,
            files.Single(f => f.ProgressReportId == draft.Id).Id,
            message.Id,
            adjustmentId,
            value.Id,
            await db.IssuedReports.Where(r => r.UnitId == unitId).Select(r => r.Id).SingleAsync(),
            warning.Id);
    }

    private static async Task<HttpResponseMessage> ExpectAsync(Task<HttpResponseMessage> call, HttpStatusCode expected, string step)
    {
        var response = await call;
        return response.StatusCode == expected ? response : throw new InvalidOperationException($"Seeding step '{step}' answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, params (string Name, string Value)[] fields)
    {
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", await OwnTokenAsync(client)));
        return await client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(form));
    }

    /// <summary>A PDF whose name and content both carry the marker.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string entry, string marker)
    {
        var page = await client.GetStringAsync(new Uri(entry, UriKind.Relative));
        using var form = new MultipartFormDataContent { { new StringContent(Antiforgery.TokenIn(page)), "__RequestVerificationToken" } };
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes($"%PDF-1.4\n% {marker}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"));
        content.Headers.ContentType = new("application/octet-stream");
        form.Add(content, "files", $"佐证-{marker}.pdf");
        return await client.PostAsync(new Uri(entry + "/evidence", UriKind.Relative), form);
    }
}

/// <summary>The ids of what one unit owns in the sweep's database.</summary>
public sealed record UnitData(
    string Code,
    int UnitId,
    string ReporterUserId,
    int TaskId,
    Guid TaskKey,
    long ReportId,
    long FileId,
    int DraftTaskId,
    long DraftReportId,
    long DraftFileId,
    long MessageId,
    int AdjustmentId,
    long IndicatorValueId,
    int IssuedReportId,
    long WarningId);
