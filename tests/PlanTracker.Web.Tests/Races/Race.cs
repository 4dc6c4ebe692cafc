using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Auditing;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Adjustments;
using PlanTracker.TestSupport.Builders;
using PlanTracker.Web.Tests.Support;
using Serilog.Core;
using Serilog.Events;

namespace PlanTracker.Web.Tests.Races;

/// <summary>
/// Fires requests truly at once: every contender has read its page and built its form first (each its own signed-in
/// session with its own antiforgery token); then each waits, on its own thread, at one barrier, and all send together.
/// </summary>
public static partial class Race
{
    public static async Task<HttpResponseMessage[]> AtOnceAsync(params Func<Task<HttpResponseMessage>>[] contenders)
    {
        ArgumentNullException.ThrowIfNull(contenders);
        using var barrier = new Barrier(contenders.Length);
        var runs = contenders.Select(send => Task.Factory.StartNew(
                () =>
                {
                    barrier.SignalAndWait(TimeSpan.FromSeconds(30)).Should().BeTrue("every contender reaches the start");
                    return send();
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).Unwrap())
            .ToArray();
        return await Task.WhenAll(runs);
    }

    /// <summary>A POST of the page's form: its antiforgery token, the first RowVersion it carries (unless given), the fields.</summary>
    public static Func<Task<HttpResponseMessage>> Post(HttpClient client, string url, string page, params (string Name, string Value)[] fields)
    {
        var form = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", Antiforgery.TokenIn(page)) };
        if (fields.All(f => f.Name != "RowVersion") && RowVersion().Match(page) is { Success: true } version && version.Groups[1].Value.Length > 0)
        {
            form.Add(new("RowVersion", version.Groups[1].Value));
        }

        form.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        var content = new FormUrlEncodedContent(form);
        return () => client.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    /// <summary>The one contender that was answered with the page it was redirected to (200 after the redirect after POST).</summary>
    public static int Winner(HttpResponseMessage[] responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1, "exactly one contender wins; got {0}", string.Join(", ", responses.Select(r => (int)r.StatusCode)));
        return Array.FindIndex(responses, r => r.StatusCode == HttpStatusCode.OK);
    }

    /// <summary>
    /// The text of one narrative as this person typed it, read back from the conflict section of a refused save (the
    /// "yours" side of the diff: unchanged and deleted runs), so a test can show that nothing typed was lost.
    /// </summary>
    public static string Typed(string page, string field)
    {
        var start = page.IndexOf("id=\"save-conflict\"", StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, "a refused save shows what was typed beside what is stored");
        var section = Regex.Match(page[start..], $"<section class=\"narrative-diff[^\"]*\" data-field=\"{field}\">(.*?)</section>", RegexOptions.Singleline);
        section.Success.Should().BeTrue();
        var runs = Regex.Matches(section.Groups[1].Value, "<(span|del)[^>]*>([^<]*)</(?:span|del)>");
        return WebUtility.HtmlDecode(string.Concat(runs.Select(m => m.Groups[2].Value)));
    }

    [GeneratedRegex("name=\"RowVersion\" value=\"(\\d*)\"")]
    private static partial Regex RowVersion();
}

/// <summary>
/// The portal for the race tests: its own seeded database, 北京 leading the plan's first task, and every log event the
/// app writes kept in memory (the conflict lines are what the log says of a refused attempt).
/// </summary>
public sealed class RacePortal : PortalFactory
{
    private int _nextYear = 2100;

    public ConcurrentQueue<LogEvent> Logged { get; } = new();

    public int PlanId { get; private set; }

    public int TaskId { get; private set; }

    public int BeijingId { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = SeededDatabase.CreateContext(ConnectionString);
        var task = await db.PlanNodes.Where(n => n.Kind == NodeKind.Task).OrderBy(n => n.Position).FirstAsync();
        var unit = await db.Units.SingleAsync(u => u.Code == "110000");
        db.TaskAssignments.Add(new TaskAssignment(task, unit, AssignmentRole.Lead, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        TaskId = task.Id;
        BeijingId = unit.Id;
        PlanId = await db.PlanVersions.Where(v => v.Id == task.PlanVersionId).Select(v => v.PlanId).SingleAsync();
    }

    /// <summary>A new open annual period of the plan (a year of its own), so each round starts from no report at all.</summary>
    public async Task<int> OpenPeriodAsync() =>
        (await new PeriodBuilder().OfPlan(PlanId).Annual(Interlocked.Increment(ref _nextYear)).Open().SaveAsync(ConnectionString)).Id;

    /// <summary>北京's report on the task in the period, complete and submitted by its reporter (written through the domain).</summary>
    public async Task<long> SubmittedReportAsync(int periodId)
    {
        var report = await ReportBuilder.For(periodId, TaskId, BeijingId).WrittenBy("bj-reporter").At(DateTimeOffset.UtcNow)
            .WithContent(new ReportDraft(TaskProgress.OnTrack, 60, "建成试点园区3个", "带动就业1200人", null, "扩大试点范围", 350.5m, [], []))
            .Submitted().SaveAsync(ConnectionString);
        return report.Id;
    }

    /// <summary>The period's row version, as the planner's close form carries it.</summary>
    public async Task<uint> PeriodVersionAsync(int periodId)
    {
        await using var db = SeededDatabase.CreateContext(ConnectionString);
        return await db.ReportingPeriods.Where(p => p.Id == periodId).Select(p => p.RowVersion).SingleAsync();
    }

    public async Task<ProgressReport?> ReportAsync(int periodId)
    {
        await using var db = SeededDatabase.CreateContext(ConnectionString);
        return await db.ProgressReports.AsNoTracking().Include(r => r.Events).Include(r => r.Versions)
            .SingleOrDefaultAsync(r => r.PeriodId == periodId && r.TaskId == TaskId && r.UnitId == BeijingId);
    }

    /// <summary>The audit log's entries on one row, oldest first.</summary>
    public async Task<List<AuditEntry>> AuditAsync(string entityType, object id)
    {
        var key = Convert.ToString(id, CultureInfo.InvariantCulture)!;
        await using var db = SeededDatabase.CreateContext(ConnectionString);
        return await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == entityType && a.EntityId == key).OrderBy(a => a.Id).ToListAsync();
    }

    /// <summary>The key of the <paramref name="index"/>th task of a version, in document order.</summary>
    public static Guid TaskKey(PlanSnapshot snapshot, int index) => snapshot.Nodes.Where(n => n.Kind == NodeKind.Task).ElementAt(index).Key;

    /// <summary>The plan's versions' numbers, in order.</summary>
    public async Task<List<int>> VersionNumbersAsync()
    {
        await using var db = SeededDatabase.CreateContext(ConnectionString);
        return await db.PlanVersions.IgnoreQueryFilters().AsNoTracking().Where(v => v.PlanId == PlanId).OrderBy(v => v.Number).Select(v => v.Number).ToListAsync();
    }

    /// <summary>A submitted proposal against the current version, written through the domain, as the planner would.</summary>
    public async Task<int> ProposeAsync(string title, Func<PlanSnapshot, IReadOnlyList<PlanChange>> changes)
    {
        await using var db = SeededDatabase.CreateContext(ConnectionString);
        var current = await db.CurrentVersionAsync(PlanId);
        var snapshot = await db.SnapshotAsync(current!.Id);
        var at = DateTimeOffset.UtcNow;
        var adjustment = new Adjustment(PlanId, current.Id, title, "进展滞后，需要调整。", "planner", null, at.AddMinutes(-1));
        var list = changes(snapshot);
        for (var i = 0; i < list.Count; i++)
        {
            adjustment.AddChange(PlanChanges.ToStored(list[i], i + 1));
        }

        adjustment.Submit("planner", at).Succeeded.Should().BeTrue();
        db.Adjustments.Add(adjustment);
        await db.SaveChangesAsync();
        return adjustment.Id;
    }

    public async Task<(AdjustmentStatus Status, uint RowVersion)> AdjustmentAsync(int id)
    {
        await using var db = SeededDatabase.CreateContext(ConnectionString);
        var found = await db.Adjustments.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Status, a.RowVersion }).SingleAsync();
        return (found.Status, found.RowVersion);
    }

    /// <summary>The conflict lines logged since <paramref name="mark"/> (a count taken before the race).</summary>
    public List<string> ConflictsSince(int mark) =>
        Logged.Skip(mark).Where(e => e.MessageTemplate.Text.StartsWith("Conflict:", StringComparison.Ordinal)).Select(e => e.RenderMessage(CultureInfo.InvariantCulture)).ToList();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);

        // Serilog reads sinks from the services (LoggingSetup: ReadFrom.Services): this one keeps the events for the tests.
        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(new Sink(Logged)));
    }

    private sealed class Sink(ConcurrentQueue<LogEvent> events) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);
    }
}
