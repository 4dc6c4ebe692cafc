using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Adjustments;
using PlanTracker.Infrastructure.PlanImport;
using PlanTracker.Infrastructure.Seed;
using PlanTracker.TestSupport;
using PlanTracker.TestSupport.Builders;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Adjustments;

/// <summary>
/// The portal over the seeded database, set up for drafting proposals on the shipped plan: 北京 leads task 0 and 上海
/// task 1 (an open 2030 period), 北京 has a submitted report on task 0 and a draft one on task 3, the demo indicators
/// are seeded, and a second plan is not published.
/// </summary>
public class ProposalPortal : PortalFactory
{
    public int PlanId { get; private set; }

    public int UnpublishedPlanId { get; private set; }

    public int BeijingId { get; private set; }

    public int ShanghaiId { get; private set; }

    public int GuangdongId { get; private set; }

    /// <summary>The first twelve tasks of the published version, in document order: (id, key).</summary>
    public IReadOnlyList<(int Id, Guid Key)> Tasks { get; private set; } = [];

    /// <summary>A section or special column of the published version a new task may go under.</summary>
    public Guid ParentKey { get; private set; }

    /// <summary>国家现代服务业产业化基地: baseline 18 in 2010, target ≥30 in 2015.</summary>
    public Guid IndicatorKey { get; } = new("6f1d2c1e-4a0b-4c55-9e0a-1a2b3c4d5e01");

    public long SubmittedReportId { get; private set; }

    public long DraftReportId { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var (periodId, _) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(ConnectionString, 2030, 0, "110000");
        await using var db = SeededDatabase.CreateContext(ConnectionString);
        await new DemoSeeder(db, new UnitSeeder(db), new PlanImportService(db, TimeProvider.System, NullLogger<PlanImportService>.Instance), NullLogger<DemoSeeder>.Instance).SeedDemoIndicatorsAsync();
        var tasks = await db.PlanNodes.Where(n => n.Kind == NodeKind.Task).OrderBy(n => n.Position).Take(12).ToListAsync();
        Tasks = [.. tasks.Select(t => (t.Id, t.Key))];
        var versionId = tasks[0].PlanVersionId;
        PlanId = await db.PlanVersions.Where(v => v.Id == versionId).Select(v => v.PlanId).SingleAsync();
        ParentKey = await db.PlanNodes.Where(n => n.PlanVersionId == versionId && (n.Kind == NodeKind.Section || n.Kind == NodeKind.SpecialColumn)).OrderBy(n => n.Position).Select(n => n.Key).FirstAsync();
        BeijingId = await UnitAsync(db, "110000");
        ShanghaiId = await UnitAsync(db, "310000");
        GuangdongId = await UnitAsync(db, "440000");
        var now = DateTimeOffset.UtcNow;
        db.TaskAssignments.Add(new TaskAssignment(tasks[1], await db.Units.SingleAsync(u => u.Id == ShanghaiId), AssignmentRole.Lead, now));
        ReportBuilder Report(PlanNode task) => new ReportBuilder().InPeriod(periodId).OnTask(task).ForUnit(BeijingId).WrittenBy("bj-reporter").At(now);
        var submitted = await Report(tasks[0]).Submitted().SaveAsync(db);
        var draft = await Report(tasks[3]).SaveAsync(db);
        var unpublished = await new PlanBuilder().Titled("未发布的规划").Years(2021, 2025).WithoutVersion().SaveAsync(db);
        (SubmittedReportId, DraftReportId, UnpublishedPlanId) = (submitted.Id, draft.Id, unpublished.Id);
    }

    /// <summary>A new open warning about 北京's (or another unit's) part in task 0.</summary>
    public async Task<long> OpenWarningAsync(int? unitId = null)
    {
        await using var db = SeededDatabase.CreateContext(ConnectionString);
        var warning = new EarlyWarning(PlanId, WarningSubject.TaskUnit(Tasks[0].Key, Tasks[0].Id, unitId ?? BeijingId, null), StatusColour.Red, null, "进展滞后。", new DateOnly(2026, 11, 20), DateTimeOffset.UtcNow);
        db.EarlyWarnings.Add(warning);
        await db.SaveChangesAsync();
        return warning.Id;
    }

    /// <summary>Starts a draft through the form as <paramref name="client"/>'s person and returns its id.</summary>
    public async Task<int> DraftAsync(HttpClient client, string title = "调整方案", int? planId = null)
    {
        var response = await PostAsync(client, $"/plans/{planId ?? PlanId}/adjustments/new", [("Title", title), ("Reason", "监测显示进展滞后")]);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!.OriginalString;
        return int.Parse(location.Split('/')[2], CultureInfo.InvariantCulture);
    }

    /// <summary>Posts a form with the person's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IEnumerable<(string Name, string Value)> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        var token = Antiforgery.TokenIn(await client.GetStringAsync(new Uri("/account/signin", UriKind.Relative)));
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token));
        return await client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(form));
    }

    /// <summary>Posts to one of the draft's forms with the RowVersion the draft has now.</summary>
    public async Task<HttpResponseMessage> PostToDraftAsync(HttpClient client, int id, string action, params (string Name, string Value)[] fields)
    {
        var rowVersion = (await AdjustmentAsync(id)).RowVersion.ToString(CultureInfo.InvariantCulture);
        return await PostAsync(client, $"/adjustments/{id}/{action}", [.. fields, ("RowVersion", rowVersion)]);
    }

    public async Task<Adjustment> AdjustmentAsync(int id)
    {
        await using var db = SeededDatabase.CreateContext(ConnectionString);
        return await db.Adjustments.IgnoreQueryFilters().AsNoTracking().Include(a => a.Changes).Include(a => a.Evidence).SingleAsync(a => a.Id == id);
    }

    public async Task<List<PlanChange>> ChangesAsync(int id) =>
        [.. (await AdjustmentAsync(id)).Changes.OrderBy(c => c.Ordinal).Select(PlanChanges.FromStored)];

    public async Task<int> CurrentVersionIdAsync()
    {
        await using var db = SeededDatabase.CreateContext(ConnectionString);
        return (await db.CurrentVersionAsync(PlanId))!.Id;
    }

    private static Task<int> UnitAsync(Infrastructure.Persistence.AppDbContext db, string code) =>
        db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync();
}
