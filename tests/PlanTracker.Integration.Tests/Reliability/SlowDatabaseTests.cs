using System.Diagnostics;
using Npgsql;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.TestSupport;
using Xunit.Abstractions;

namespace PlanTracker.Integration.Tests.Reliability;

/// <summary>
/// Fault: a slow database — latency injected by a TCP proxy between the portal (a real process) and
/// PostgreSQL. docs/reliability.md, "Faults".
/// </summary>
/// <remarks>In the "Faults" collection: one fault scenario at a time, each with its own app process and cluster.</remarks>
[Collection(FaultCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Fault)]
public sealed class SlowDatabaseTests(ITestOutputHelper output)
{
    /// <summary>The app's default is 30 s (AppDbContextOptions.CommandTimeoutSeconds); the run sets 4 s so it waits less.</summary>
    private const int CommandTimeoutSeconds = 4;

    [Fact]
    public async Task LatencyInjected_PagesSlowerButRight_PastTheCommandTimeoutA503InChinese_NoWriteHalfApplied_FastAgainAfter()
    {
        await using var fault = new FaultCluster("slow");
        await fault.StartAsync();
        var world = await FaultWorld.PrepareAsync(fault.ConnectionString, taskCount: 10);
        await using var proxy = new SlowDatabaseProxy(fault.Cluster.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(fault.ConnectionString) { Port = proxy.Port, CommandTimeout = CommandTimeoutSeconds }.ConnectionString;
        await using var portal = await FaultPortal.StartAsync(throughProxy, fault.LogPath("app"));
        using var reporter = await FaultSession.SignInAsync(portal.BaseAddress, "bj-reporter");
        var entry = $"/progress/{world.Period}/tasks/{world.Tasks[0]}";

        // Slower but right: the same page at growing latency.
        var baseline = await reporter.GetAsync(entry);
        baseline.Status.Should().Be(200);
        var timings = new List<string>();
        foreach (var milliseconds in new[] { 0, 10, 50 })
        {
            proxy.Delay = TimeSpan.FromMilliseconds(milliseconds);
            var page = await reporter.GetAsync(entry);
            var list = await reporter.GetAsync("/progress");
            timings.Add($"{milliseconds} ms per packet: entry {page.Took.TotalMilliseconds:0} ms, list {list.Took.TotalMilliseconds:0} ms");
            page.Status.Should().Be(200);
            list.Status.Should().Be(200);
            Heading(page.Body).Should().Be(Heading(baseline.Body), "a slow database gives the same page");
        }

        var slowSubmit = await reporter.SubmitReportAsync(world.Period, world.Tasks[1], "【慢速写入】");
        slowSubmit.Acknowledged.Should().BeTrue("a write at 50 ms per packet still goes through");
        timings.Add($"submit at 50 ms per packet: {slowSubmit.Took.TotalMilliseconds:0} ms");

        // Stuck: every packet held 10 s, past the command timeout. Pages and writes answer 503 系统繁忙, in bounded time.
        proxy.Delay = TimeSpan.FromSeconds(10);
        var stuck = new List<FaultAnswer> { await reporter.GetAsync("/progress"), await reporter.GetAsync(entry) };
        stuck.Add(await reporter.GetAsync(entry));
        var stuckWrite = await reporter.PostAsync(entry + "/submit", baseline.Body,
            ("Progress", "OnTrack"), ("PercentComplete", "60"), ("ProgressText", "建成试点园区3个。【卡住写入】"), ("Achievements", "带动就业1200人"),
            ("NextSteps", "扩大试点范围"), ("InvestmentWan", "350.5"));
        stuck.Add(stuckWrite);
        timings.Add($"10 s per packet: {string.Join(", ", stuck)}");

        // Back to normal: the app serves again by itself.
        proxy.Delay = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        FaultAnswer again;
        do
        {
            again = await reporter.GetAsync("/progress");
        }
        while (again.Status != 200 && clock.Elapsed < TimeSpan.FromSeconds(60));
        timings.Add($"latency removed: first 200 after {clock.ElapsedMilliseconds} ms");
        foreach (var line in timings)
        {
            output.WriteLine(line);
        }

        output.WriteLine("the app's requests while stuck:" + Environment.NewLine
            + string.Join(Environment.NewLine, portal.LogTail(2000).Split('\n').Where(l => l.Contains("RequestLoggingMiddleware", StringComparison.Ordinal)).TakeLast(12)));

        stuck.Should().OnlyContain(a => a.Status == 503 && a.Body.Contains("系统繁忙", StringComparison.Ordinal) && a.RetryAfter != null,
            "past the command timeout the user gets the 503 page in Chinese");
        // The bound: the command timeout on the pooled connection, the connect timeout of the cancellation request Npgsql
        // then sends through the same stuck proxy, the connect timeout of the connection that replaces the broken one,
        // Npgsql's 2 s for the cancellation and slack for a shared machine — seconds, where an unbounded wait would be
        // minutes. Measured with the 15 s connect timeout: 34 s for the first request, 15 s for the next ones.
        var bound = TimeSpan.FromSeconds((2 * AppDbContextOptions.ConnectTimeoutSeconds) + CommandTimeoutSeconds + 2 + 6);
        stuck.Should().OnlyContain(a => a.Took < bound, "the request ends soon after the command timeout, not minutes later");
        again.Status.Should().Be(200);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));

        // Let what the proxy still held arrive, then look: nothing half-applied.
        await Task.Delay(TimeSpan.FromSeconds(11));
        var stored = await world.SubmittedAsync(fault.ConnectionString);
        stored.Should().ContainKey(world.Tasks[1]);
        (await world.HalfWrittenReportsAsync(fault.ConnectionString)).Should().BeEmpty("a write cut off by the timeout is not half-applied");
        output.WriteLine($"the write cut off by the timeout: {(stored.ContainsKey(world.Tasks[0]) ? "committed whole" : "not applied at all")}");
    }

    private static string Heading(string html)
    {
        var start = html.IndexOf("<h1", StringComparison.Ordinal);
        return start < 0 ? string.Empty : html[start..html.IndexOf("</h1>", start, StringComparison.Ordinal)];
    }
}
