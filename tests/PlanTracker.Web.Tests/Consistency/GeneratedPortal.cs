using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PlanTracker.Cli;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Adjustments;
using PlanTracker.Infrastructure.Monitoring;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.TestSupport;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Consistency;

/// <summary>
/// The portal over generated data (one plan of twelve tasks, every reporting unit on every task, eight quarterly
/// periods up to 2026-11-26, three indicators) from one seed, with the demo accounts. The generated plan runs over the
/// years of its periods.
/// </summary>
public abstract class GeneratedPortal : PortalFactory
{
    public static readonly DateOnly AsOf = new(2026, 11, 26);

    public static readonly string[] DemoUnitCodes = ["110000", "310000", "440000", "440300"];

    protected abstract int Seed { get; }

    public int PlanId { get; private set; }

    protected override Task<TestDatabase> CreateDatabaseAsync() =>
        TestDatabase.CreateAsync($"generated-{Seed}", async connectionString =>
        {
            await using (var db = AppDbContextOptions.Create(connectionString))
            {
                await db.Database.MigrateAsync();
            }

            using var output = new StringWriter();
            using var error = new StringWriter();
            var options = new[] { "generate-scale-data", "--plans", "1", "--tasks", "12", "--periods", "8", "--indicators-per-plan", "3", "--seed", Seed.ToString(CultureInfo.InvariantCulture), "--today", "2026-11-26" };
            var code = await CliApplication.RunAsync(options, output, error, CancellationToken.None, connectionString);
            if (code != CliApplication.Success)
            {
                throw new InvalidOperationException("generate-scale-data failed: " + error);
            }
        });

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = SeededDatabase.CreateContext(ConnectionString);
        PlanId = await db.Plans.Select(p => p.Id).SingleAsync();
        var years = await db.ReportingPeriods.Where(p => p.PlanId == PlanId).GroupBy(_ => 1)
            .Select(g => new { From = g.Min(p => p.StartsOn), To = g.Max(p => p.EndsOn) }).SingleAsync();
        await ExecuteAsync($"UPDATE plans SET start_year = {years.From.Year}, end_year = {Math.Max(years.To.Year, AsOf.Year + 1)} WHERE id = {PlanId}");
    }

    /// <summary>The period the dashboards call current on <see cref="AsOf"/>: the latest opened by due date.</summary>
    public Task<long> CurrentPeriodAsync() =>
        ScalarAsync($"SELECT id FROM reporting_periods WHERE plan_id = {PlanId} AND status <> 'Scheduled' AND opens_on <= '{AsOf:yyyy-MM-dd}' ORDER BY due_on DESC, id DESC LIMIT 1");

    public async Task<IReadOnlyList<long>> ReportIdsAsync(string where)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT id FROM progress_reports WHERE {where} ORDER BY id", connection);
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>
    /// Proposes and approves one adjustment with a change of every kind on the current version's tasks (by position):
    /// 0 moved, 1 reworded, 2 reassigned to 北京 (lead), 上海 and 广东, a new task under 3's parent, 4 cancelled, 5 and 6
    /// merged (5 keeps its identity), 7 split, and the first indicator's target revised. Returns the keys it removed.
    /// </summary>
    public async Task<AdjustedPlan> ApproveAdjustmentOfEveryKindAsync()
    {
        await using var db = SeededDatabase.CreateContext(ConnectionString);
        var version = (await db.CurrentVersionAsync(PlanId))!;
        var tasks = await db.PlanNodes.Where(n => n.PlanVersionId == version.Id && n.Kind == NodeKind.Task).OrderBy(n => n.Position).ToListAsync();
        var indicator = await db.Indicators.Where(i => i.PlanVersionId == version.Id).OrderBy(i => i.Ordinal).FirstAsync();
        var parentKey = await db.PlanNodes.Where(n => n.Id == tasks[3].ParentId).Select(n => n.Key).SingleAsync();
        var units = await db.Units.Where(u => DemoUnitCodes.Contains(u.Code!)).ToDictionaryAsync(u => u.Code!, u => u.Id);
        var changes = new PlanChange[]
        {
            new MoveDates(tasks[0].Key, new DateOnly(2025, 1, 1), new DateOnly(2027, 6, 30)),
            new RewordTask(tasks[1].Key, "调整后的任务表述", null),
            new ReassignUnits(tasks[2].Key, [units["110000"]], [units["310000"], units["440000"]]),
            new AddTask(Guid.NewGuid(), parentKey, "新增的任务", null, null, null, [units["110000"]], []),
            new CancelTask(tasks[4].Key),
            new MergeTasks([tasks[5].Key, tasks[6].Key], "合并后的任务"),
            new SplitTask(tasks[7].Key, [new SplitPart(Guid.NewGuid(), "拆分出的任务一"), new SplitPart(Guid.NewGuid(), "拆分出的任务二")]),
            new ReviseTarget(indicator.Key, "≥1", indicator.TargetYear),
        };
        var adjustment = new Adjustment(PlanId, version.Id, "调整方案（每种调整各一项）", "监测显示部分任务需要调整。", "planner", null, DateTimeOffset.UtcNow);
        for (var i = 0; i < changes.Length; i++)
        {
            adjustment.AddChange(PlanChanges.ToStored(changes[i], i + 1));
        }

        if (!adjustment.Submit("planner", DateTimeOffset.UtcNow).Succeeded)
        {
            throw new InvalidOperationException("The adjustment could not be submitted.");
        }

        db.Adjustments.Add(adjustment);
        await db.SaveChangesAsync();
        var result = await new AdjustmentApproval(db, TimeProvider.System).ApproveAsync(adjustment.Id, "planner", "同意");
        if (result.Outcome != ApprovalOutcome.Approved)
        {
            throw new InvalidOperationException("The adjustment was not approved: " + string.Join("；", result.Problems));
        }

        return new AdjustedPlan(
            [tasks[4].Key, tasks[6].Key, tasks[7].Key],
            tasks[2].Key,
            [units["110000"], units["310000"], units["440000"]],
            [.. tasks.Select(t => t.Id)]);
    }

    /// <summary>Runs the early-warning scan of the plan on <see cref="AsOf"/>, as 立即检查 does.</summary>
    public async Task ScanWarningsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WarningScan>().ScanAsync(PlanId, AsOf);
    }

    /// <summary>A second adjustment on the version in force: the first task reworded again.</summary>
    public async Task ApproveRewordingAsync()
    {
        await using var db = SeededDatabase.CreateContext(ConnectionString);
        var version = (await db.CurrentVersionAsync(PlanId))!;
        var task = await db.PlanNodes.Where(n => n.PlanVersionId == version.Id && n.Kind == NodeKind.Task).OrderBy(n => n.Position).FirstAsync();
        var adjustment = new Adjustment(PlanId, version.Id, "再次调整任务表述", "表述需要更准确。", "planner", null, DateTimeOffset.UtcNow);
        adjustment.AddChange(PlanChanges.ToStored(new RewordTask(task.Key, "再次调整后的任务表述", null), 1));
        adjustment.Submit("planner", DateTimeOffset.UtcNow).Succeeded.Should().BeTrue();
        db.Adjustments.Add(adjustment);
        await db.SaveChangesAsync();
        (await new AdjustmentApproval(db, TimeProvider.System).ApproveAsync(adjustment.Id, "planner", "同意")).Outcome.Should().Be(ApprovalOutcome.Approved);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <param name="RemovedKeys">Tasks the version no longer has (cancelled, merged away, split).</param>
/// <param name="ReassignedKey">The task now carried by <paramref name="KeptUnits"/> only.</param>
/// <param name="OldTaskIds">The previous version's task ids, in document order.</param>
public sealed record AdjustedPlan(IReadOnlyList<Guid> RemovedKeys, Guid ReassignedKey, IReadOnlyList<int> KeptUnits, IReadOnlyList<int> OldTaskIds);

public sealed class GeneratedPortalSeed3 : GeneratedPortal
{
    protected override int Seed => 3;
}

public sealed class GeneratedPortalSeed17 : GeneratedPortal
{
    protected override int Seed => 17;
}

public sealed class GeneratedPortalSeed42 : GeneratedPortal
{
    protected override int Seed => 42;
}
