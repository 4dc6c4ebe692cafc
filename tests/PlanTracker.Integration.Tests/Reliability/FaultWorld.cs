using Microsoft.EntityFrameworkCore;
using PlanTracker.Cli;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.TestSupport;

namespace PlanTracker.Integration.Tests.Reliability;

/// <summary>
/// The data a fault run needs, made with the administrators' own tools: `plantracker migrate`, `seed-demo` and `add-user`
/// (as on a real installation, where no demo accounts exist), and one open period in which Beijing leads
/// <see cref="Tasks"/> tasks — each a report to submit.
/// </summary>
internal sealed record FaultWorld(int Period, IReadOnlyList<int> Tasks)
{
    public const string Beijing = "110000";

    public static async Task<FaultWorld> PrepareAsync(string connectionString, int taskCount, int year = 2026)
    {
        await CliAsync(connectionString, "migrate");
        await CliAsync(connectionString, "seed-demo");
        await CliAsync(connectionString, "add-user", "bj-reporter", "--role", "Reporter", "--unit", Beijing);
        await CliAsync(connectionString, "add-user", "planner", "--role", "Planner");

        var (period, first) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(connectionString, year, 0, Beijing);
        await using var db = AppDbContextOptions.Create(connectionString);
        var planVersion = await db.PlanNodes.Where(n => n.Id == first).Select(n => n.PlanVersionId).SingleAsync();
        var others = await db.PlanNodes.Where(n => n.Kind == NodeKind.Task && n.PlanVersionId == planVersion && n.Id != first)
            .OrderBy(n => n.Position).Take(taskCount - 1).ToListAsync();
        var unit = await db.Units.SingleAsync(u => u.Code == Beijing);
        foreach (var task in others)
        {
            db.TaskAssignments.Add(new TaskAssignment(task, unit, AssignmentRole.Lead, DateTimeOffset.UtcNow));
        }

        await db.SaveChangesAsync();
        return new FaultWorld(period, [first, .. others.Select(t => t.Id)]);
    }

    /// <summary>Reports of the period that are half-written: each must have its Created event; a submitted one its Submitted event and its version.</summary>
    public async Task<List<string>> HalfWrittenReportsAsync(string connectionString)
    {
        await using var db = AppDbContextOptions.Create(Unpooled(connectionString));
        var reports = await db.ProgressReports.AsNoTracking().Where(r => r.PeriodId == Period)
            .Select(r => new
            {
                r.Id,
                r.Status,
                Created = r.Events.Count(e => e.Step == ReportStep.Created),
                Submitted = r.Events.Count(e => e.Step == ReportStep.Submitted),
                Versions = r.Versions.Count,
                Text = r.ProgressText,
            })
            .ToListAsync();
        return reports
            .Where(r => r.Created != 1
                || (r.Status == ReportStatus.Submitted && (r.Submitted != 1 || r.Versions != 1 || string.IsNullOrEmpty(r.Text)))
                || (r.Status == ReportStatus.Draft && (r.Submitted != 0 || r.Versions != 0)))
            .Select(r => $"report {r.Id}: {r.Status}, {r.Created} created, {r.Submitted} submitted events, {r.Versions} versions")
            .ToList();
    }

    /// <summary>The tasks whose report is stored as submitted, with the marker its text carries.</summary>
    public async Task<Dictionary<int, string>> SubmittedAsync(string connectionString)
    {
        await using var db = AppDbContextOptions.Create(Unpooled(connectionString));
        return await db.ProgressReports.AsNoTracking()
            .Where(r => r.PeriodId == Period && r.Status == ReportStatus.Submitted)
            .ToDictionaryAsync(r => r.TaskId, r => r.ProgressText ?? string.Empty);
    }

    /// <summary>A fresh connection: pooled ones of this process may have died with a server the test stopped or killed.</summary>
    private static string Unpooled(string connectionString) =>
        new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    public static async Task CliAsync(string connectionString, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.RunAsync(args, output, error, CancellationToken.None, connectionString, new StringReader(FaultSession.DemoPassword + "\n"));
        code.Should().Be(CliApplication.Success, $"plantracker {string.Join(' ', args)}: {error}");
    }
}
