using Microsoft.EntityFrameworkCore;
using Npgsql;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Load;
using PlanTracker.TestSupport;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Load;

/// <summary>
/// The load tool of bench/load.sh in miniature: a few virtual users of every role for a few seconds against the portal
/// in-process, every write they were told was stored found in PostgreSQL exactly once with what they sent; and the
/// ledger check notices a write that is not there.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Load)]
public sealed class LoadLedgerTests(PortalFactory portal) : IClassFixture<PortalFactory>, IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "plantracker-load-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        // An open period with eight tasks for 北京 and 上海, so that reporters, reviewers and the ministry all have work.
        var (periodId, taskId) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2012, 0, "110000");
        await using var db = AppDbContextOptions.Create(portal.ConnectionString);
        var version = await db.PlanNodes.Where(n => n.Id == taskId).Select(n => n.PlanVersionId).SingleAsync();
        var tasks = await db.PlanNodes.Where(n => n.PlanVersionId == version && n.Kind == NodeKind.Task).OrderBy(n => n.Position).Take(8).ToListAsync();
        foreach (var code in new[] { "110000", "310000" })
        {
            var unit = await db.Units.SingleAsync(u => u.Code == code);
            foreach (var task in tasks.Where(t => code != "110000" || t.Id != taskId))
            {
                db.TaskAssignments.Add(new TaskAssignment(task, unit, AssignmentRole.Lead, DateTimeOffset.UtcNow));
            }
        }

        await db.SaveChangesAsync();
        _ = periodId;
        Directory.CreateDirectory(_directory);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Every_acknowledged_write_of_a_short_run_is_in_PostgreSQL_exactly_once_and_a_missing_one_is_noticed()
    {
        var settings = new LoadSettings(portal.Server.BaseAddress, portal.ConnectionString, Users: 10, Seconds: 25, _directory)
        {
            AccountsFile = Path.Combine(_directory, "accounts.tsv"),
            ThinkSeconds = 0.2,
            RampSeconds = 1,
            Handler = portal.Server.CreateHandler,
        };

        var result = await LoadRun.RunAsync(settings, TextWriter.Null, CancellationToken.None);

        result.Mix.Should().Be(new Mix(6, 2, 1, 1));
        result.ServerErrors.Should().Be(0);
        result.FailedRequests.Should().Be(0);
        // Every role was at work (which ministry page a planner drew is chance).
        result.Pages.Select(p => p.Page).Should().Contain(["GET /progress (inbox)", "POST /progress/{period}/tasks/{task}/save", "POST /progress/{period}/tasks/{task}/submit", "GET /plans/{plan}/evaluation"]);
        result.Pages.Should().Contain(p => p.Page.StartsWith("GET /monitoring", StringComparison.Ordinal) || p.Page.StartsWith("GET /review", StringComparison.Ordinal));
        var verification = result.Verification;
        verification.AcknowledgedSubmits.Should().BeGreaterThan(0);
        verification.Problems.Should().BeEmpty();
        verification.Holds.Should().BeTrue();
        verification.Ratio.Should().Be(1);
        LoadReport.Verdicts(result).Should().OnlyContain(v => v.Met);
        LoadReport.Markdown(result, ["test"]).Should().Contain("## Load").And.Contain("= 1.000");

        // One acknowledged submission taken out of the database behind the app's back: the ledger check says so.
        var ledger = await Ledger.ReadAsync(Path.Combine(_directory, "ledger.jsonl"), CancellationToken.None);
        var lost = ledger.First(e => e.Kind == WriteKind.Submit && e.Outcome == WriteOutcome.Acknowledged);
        await using (var connection = new NpgsqlConnection(portal.ConnectionString))
        {
            await connection.OpenAsync();
            await using var delete = new NpgsqlCommand("DELETE FROM progress_report_versions WHERE content->>'progressText' LIKE '%' || @mark || '%'", connection);
            delete.Parameters.AddWithValue("mark", lost.Mark);
            (await delete.ExecuteNonQueryAsync()).Should().Be(1);
        }

        var again = await Verifier.VerifyAsync(portal.ConnectionString, ledger, CancellationToken.None);
        again.AcknowledgedPersisted.Should().Be(verification.Acknowledged - 1);
        again.Holds.Should().BeFalse();
        again.Problems.Should().Contain(p => p.Contains(lost.Mark, StringComparison.Ordinal));
    }
}
