using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using PlanTracker.TestSupport;
using Xunit.Abstractions;

namespace PlanTracker.Integration.Tests.Reliability;

/// <summary>
/// Fault: the portal process killed with SIGKILL in the middle of a stream of submissions, then started
/// again on the same database. docs/reliability.md, "Faults".
/// </summary>
/// <remarks>In the "Faults" collection: one fault scenario at a time, each with its own app process and cluster.</remarks>
[Collection(FaultCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Fault)]
public sealed class AppKillTests(ITestOutputHelper output)
{
    private const int Writers = 4;

    [Fact]
    public async Task AppKilledMidWrite_ThreeTimes_RestartsCleanly_EveryAcknowledgedWriteThere_NothingHalfWritten()
    {
        await using var fault = new FaultCluster("kill");
        await fault.StartAsync();
        var world = await FaultWorld.PrepareAsync(fault.ConnectionString, taskCount: 60);
        var acknowledged = new ConcurrentDictionary<int, string>();
        var unanswered = new ConcurrentBag<int>();
        var unexpected = new ConcurrentBag<string>();
        var queue = new ConcurrentQueue<int>(world.Tasks);
        var attempt = 0;

        for (var round = 1; round <= 3; round++)
        {
            var started = Stopwatch.StartNew();
            await using var portal = await FaultPortal.StartAsync(fault.ConnectionString, fault.LogPath("app"));
            var startTook = started.Elapsed;
            var before = acknowledged.Count;

            // Four reporters' browsers submit reports side by side until the process dies under them.
            var writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
            {
                using var reporter = await FaultSession.SignInAsync(portal.BaseAddress, "bj-reporter", TimeSpan.FromSeconds(30));
                while (queue.TryDequeue(out var task))
                {
                    var marker = $"【写入{Interlocked.Increment(ref attempt).ToString(CultureInfo.InvariantCulture)}】";
                    var answer = await reporter.SubmitReportAsync(world.Period, task, marker);
                    if (answer.Acknowledged)
                    {
                        acknowledged[task] = marker;
                    }
                    else if (answer.Status == 0 || portal.HasExited)
                    {
                        // The process died during this request: its write may or may not have been committed.
                        unanswered.Add(task);
                        return answer;
                    }
                    else
                    {
                        unexpected.Add($"task {task}: {answer.Status} {answer.Body[..Math.Min(300, answer.Body.Length)]}");
                    }
                }

                return null;
            })).ToList();

            var clock = Stopwatch.StartNew();
            while (acknowledged.Count < before + 6 + round && !writers.Exists(w => w.IsFaulted) && !writers.TrueForAll(w => w.IsCompleted))
            {
                clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(90), $"the writers keep being acknowledged; unexpected answers: {string.Join(" | ", unexpected)}");
                await Task.Delay(20);
            }

            writers.Where(w => w.IsFaulted).Select(w => w.Exception!.InnerException!.Message).Should().BeEmpty("the writers run until the kill");
            unexpected.Should().BeEmpty("while the app runs, every submission is acknowledged");
            portal.Kill();
            var cut = await Task.WhenAll(writers);
            await portal.DisposeAsync();
            cut.Should().Contain(a => a != null, "the kill comes mid-write, with submissions in flight");
            output.WriteLine($"round {round}: started in {startTook.TotalMilliseconds:0} ms, {acknowledged.Count - before} acknowledged, "
                + $"killed with {cut.Count(a => a is not null)} requests in flight ({string.Join(", ", cut.Where(a => a is not null).Select(a => a!.Status))})");
        }

        // The fourth start after the last kill: clean, and the data is whole.
        await using (var last = await FaultPortal.StartAsync(fault.ConnectionString, fault.LogPath("app")))
        {
            using var reporter = await FaultSession.SignInAsync(last.BaseAddress, "bj-reporter");
            (await reporter.GetAsync("/progress")).Status.Should().Be(200, "the app serves after the restart");
        }

        var stored = await world.SubmittedAsync(fault.ConnectionString);
        var halfWritten = await world.HalfWrittenReportsAsync(fault.ConnectionString);
        var persisted = acknowledged.Count(a => stored.TryGetValue(a.Key, out var text) && text.Contains(a.Value, StringComparison.Ordinal));
        var unknownCommitted = unanswered.Count(stored.ContainsKey);
        output.WriteLine($"{acknowledged.Count} acknowledged, {persisted} persisted (ratio {(double)persisted / acknowledged.Count:0.000}); "
            + $"{unanswered.Count} cut off unanswered, of which {unknownCommitted} had committed whole and {unanswered.Count - unknownCommitted} not at all");

        persisted.Should().Be(acknowledged.Count, "every acknowledged submission survives the kill");
        stored.Keys.Except(acknowledged.Keys).Should().BeSubsetOf(unanswered, "only a request cut off by the kill may have committed unacknowledged");
        halfWritten.Should().BeEmpty("a kill mid-write leaves each report whole or absent");
        File.ReadAllText(fault.LogPath("app")).Should().NotContain(" FTL]", "no start after a kill failed");
    }

    /// <summary>
    /// The embedded default (no connection string): the app starts its own cluster. Killed, it leaves that cluster
    /// running — the next start reuses it; killed together with its postmaster (as by a power cut), the next start finds
    /// the stale postmaster.pid and PostgreSQL's shared memory still held by orphaned backends, and must start anyway.
    /// </summary>
    [Fact]
    public async Task EmbeddedDefault_AppKilled_ThenAppAndPostmasterKilled_NextStartRecoversTheClusterAndTheData()
    {
        await using var fault = new FaultCluster("kill-embedded");
        var portal = await FaultPortal.StartAsync(null, fault.LogPath("app"), embeddedDataDirectory: fault.DataDirectory);
        try
        {
            var cluster = await fault.StartAsync(); // the app's cluster, reused: its connection string for seeding and checks
            cluster.StartedByThisProcess.Should().BeFalse();
            var (period, task) = await PlanTracker.TestSupport.ReportingSeed.OpenAnnualPeriodWithLeadAsync(fault.ConnectionString, 2026, 3, FaultWorld.Beijing);
            var world = new FaultWorld(period, [task]);
            using (var reporter = await FaultSession.SignInAsync(portal.BaseAddress, "bj-reporter"))
            {
                (await reporter.SubmitReportAsync(period, task, "【嵌入式】")).Status.Should().Be(302);
            }

            portal.Kill();
            await portal.DisposeAsync();
            (await cluster.IsRunningAsync()).Should().BeTrue("SIGKILL gives the app no chance to stop its cluster");

            var clock = Stopwatch.StartNew();
            portal = await FaultPortal.StartAsync(null, fault.LogPath("app"), embeddedDataDirectory: fault.DataDirectory);
            output.WriteLine($"restart over the cluster left running: {clock.ElapsedMilliseconds} ms");
            File.ReadAllText(fault.LogPath("app")).Should().Contain("Reusing PostgreSQL already running");

            // Now the app and the postmaster die together; the backends may outlive it for a moment.
            var postmaster = int.Parse(File.ReadLines(Path.Combine(fault.DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
            portal.Kill();
            await portal.DisposeAsync();
            using (var kill = Process.Start("kill", ["-KILL", postmaster.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            File.Exists(Path.Combine(fault.DataDirectory, "postmaster.pid")).Should().BeTrue("the killed postmaster leaves its pid file behind");
            clock.Restart();
            portal = await FaultPortal.StartAsync(null, fault.LogPath("app"), embeddedDataDirectory: fault.DataDirectory);
            output.WriteLine($"restart after the postmaster was killed too: {clock.ElapsedMilliseconds} ms");
            using var afterCrash = await FaultSession.SignInAsync(portal.BaseAddress, "bj-reporter");
            (await afterCrash.GetAsync("/progress")).Status.Should().Be(200);
            await fault.StartAsync();
            (await world.SubmittedAsync(fault.ConnectionString)).Should().ContainKey(task).WhoseValue.Should().Contain("【嵌入式】");
            (await world.HalfWrittenReportsAsync(fault.ConnectionString)).Should().BeEmpty();
        }
        finally
        {
            await portal.DisposeAsync();
        }
    }
}
