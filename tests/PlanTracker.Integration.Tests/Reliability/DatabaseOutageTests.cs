using System.Collections.Concurrent;
using System.Diagnostics;
using PlanTracker.TestSupport;
using Xunit.Abstractions;

namespace PlanTracker.Integration.Tests.Reliability;

/// <summary>
/// Fault: PostgreSQL stopped as by a crash (pg_ctl stop -m immediate) under a stream of report submissions,
/// then started again, with the portal running as a real process throughout. docs/reliability.md, "Faults".
/// </summary>
/// <remarks>In the "Faults" collection: one fault scenario at a time, each with its own app process and cluster.</remarks>
[Collection(FaultCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Fault)]
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task PostgresStoppedAndStarted_PagesAnswer503Fast_ReadyIsUnhealthy_AppRecoversAlone_NoAcknowledgedWriteLost()
    {
        await using var fault = new FaultCluster("outage");
        await fault.StartAsync();
        var world = await FaultWorld.PrepareAsync(fault.ConnectionString, taskCount: 60);
        await using var portal = await FaultPortal.StartAsync(fault.ConnectionString, fault.LogPath("app"));
        using var reporter = await FaultSession.SignInAsync(portal.BaseAddress, "bj-reporter");
        using var planner = await FaultSession.SignInAsync(portal.BaseAddress, "planner");
        using var probe = await FaultSession.SignInAsync(portal.BaseAddress, "bj-reporter");

        // A reporter submits report after report, all through the outage; the ledger keeps what the server acknowledged.
        var acknowledged = new ConcurrentDictionary<int, string>();
        var failures = new ConcurrentBag<(FaultAnswer Answer, bool DatabaseDown)>();
        var databaseDown = false;
        using var stopWriting = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var pending = new Queue<int>(world.Tasks);
            var attempt = 0;
            while (!stopWriting.IsCancellationRequested && pending.Count > 0)
            {
                var task = pending.Peek();
                var marker = $"【写入{++attempt}】";
                var answer = await reporter.SubmitReportAsync(world.Period, task, marker);
                if (answer.Acknowledged)
                {
                    acknowledged[task] = marker;
                    pending.Dequeue();
                }
                else
                {
                    failures.Add((answer, Volatile.Read(ref databaseDown)));
                    if (answer.Status != 503)
                    {
                        // Not the outage's answer (the assertions below report it): move on rather than retry forever.
                        pending.Dequeue();
                    }

                    await Task.Delay(100);
                }
            }
        });

        await WaitUntilAsync(() => acknowledged.Count >= 5, TimeSpan.FromSeconds(60), "five submissions before the stop");
        // Marked before the stop: a submission in flight while PostgreSQL goes down fails with the outage, not before it.
        Volatile.Write(ref databaseDown, true);
        await fault.Cluster.StopImmediatelyAsync();
        var stoppedAt = Stopwatch.StartNew();

        // While it is down: every page answers 503 with the Chinese page, fast; ready is unhealthy, live is not.
        var pages = new[] { "/progress", "/plans", $"/progress/{world.Period}/tasks/{world.Tasks[^1]}", "/messages" };
        var answers = new List<(string Page, FaultAnswer Answer)>();
        while (stoppedAt.Elapsed < Outage)
        {
            foreach (var page in pages)
            {
                answers.Add((page, await probe.GetAsync(page)));
            }

            answers.Add(("planner /monitoring", await planner.GetAsync("/monitoring")));
            answers.Add(("/health/ready", await probe.GetAsync("/health/ready")));
            answers.Add(("/health/live", await probe.GetAsync("/health/live")));
        }

        await fault.StartAsync();
        var backAt = Stopwatch.StartNew();
        FaultAnswer first;
        do
        {
            first = await probe.GetAsync("/progress");
            if (first.Status != 200)
            {
                await Task.Delay(100);
            }
        }
        while (first.Status != 200 && backAt.Elapsed < TimeSpan.FromSeconds(30));
        var recovery = backAt.Elapsed;

        // The stream goes on after the return, then stops; then the ledger is compared with the database.
        var countAtReturn = acknowledged.Count;
        await WaitUntilAsync(() => acknowledged.Count >= countAtReturn + 5, TimeSpan.FromSeconds(60), "five submissions after the return");
        await stopWriting.CancelAsync();
        await writer;
        var afterRecovery = await probe.GetAsync("/progress");
        var stored = await world.SubmittedAsync(fault.ConnectionString);
        var halfWritten = await world.HalfWrittenReportsAsync(fault.ConnectionString);

        var down = answers.Where(a => a.Page != "/health/live").Select(a => a.Answer).ToList();
        var persisted = acknowledged.Count(a => stored.TryGetValue(a.Key, out var text) && text.Contains(a.Value, StringComparison.Ordinal));
        output.WriteLine($"while down: {answers.Count} requests, slowest page {down.Max(a => a.Took).TotalMilliseconds:0} ms, "
            + $"statuses {string.Join(", ", down.GroupBy(a => a.Status).Select(g => $"{g.Key}×{g.Count()}"))}");
        output.WriteLine($"first 200 after PostgreSQL's return: {recovery.TotalMilliseconds:0} ms");
        output.WriteLine($"writes: {acknowledged.Count} acknowledged, {persisted} persisted (ratio {(double)persisted / acknowledged.Count:0.000}), "
            + $"{failures.Count} refused ({string.Join(", ", failures.GroupBy(f => f.Answer.Status).Select(g => $"{g.Key}×{g.Count()}"))}), "
            + $"{stored.Count} stored as submitted");

        answers.Where(a => !a.Page.StartsWith("/health", StringComparison.Ordinal))
            .Should().OnlyContain(a => a.Answer.Status == 503 && a.Answer.IsChineseUnavailablePage && a.Answer.RetryAfter != null,
                "every page answers 503 with the Chinese error page and Retry-After while PostgreSQL is down");
        down.Should().OnlyContain(a => a.Took < TimeSpan.FromSeconds(2), "the 503 comes within 2 s, not after Npgsql's 15 s connect timeout");
        answers.Where(a => a.Page == "/health/ready").Should().OnlyContain(a => a.Answer.Status == 503);
        answers.Where(a => a.Page == "/health/live").Should().OnlyContain(a => a.Answer.Status == 200);
        portal.HasExited.Should().BeFalse("the app is not restarted");
        first.Status.Should().Be(200);
        recovery.Should().BeLessThan(TimeSpan.FromSeconds(10), "the app serves again by itself within 10 s of PostgreSQL's return");
        afterRecovery.Status.Should().Be(200);
        failures.Where(f => !f.DatabaseDown).Should().BeEmpty("before the stop nothing fails");
        failures.Should().OnlyContain(f => f.Answer.Status == 503, "a write that fails in the outage gets the 503 page, not a 500");
        persisted.Should().Be(acknowledged.Count, "every acknowledged submission is in PostgreSQL (persisted ÷ acknowledged = 1.000)");
        halfWritten.Should().BeEmpty("no report is half-written");
        portal.LogTail(400).Should().NotContain("Unhandled exception rendering component");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            clock.Elapsed.Should().BeLessThan(within, $"waiting for {what}");
            await Task.Delay(50);
        }
    }
}
