using Microsoft.EntityFrameworkCore;
using Npgsql;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Monitoring;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.TestSupport;
using PlanTracker.Web.Features.Shared.Figures;

namespace PlanTracker.Web.Tests.Support;

/// <summary>Cached dashboard figures are reused until the plan's data changes, then computed again.</summary>
public sealed class DashboardCacheTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private int _planId;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("migrated-empty", async cs =>
        {
            await using var db = AppDbContextOptions.Create(cs);
            await db.Database.MigrateAsync();
        });
        await using var context = AppDbContextOptions.Create(_database.ConnectionString);
        var plan = new Plan("缓存测试规划", "测试〔2026〕1号", "科技部", new DateOnly(2026, 1, 1), 2026, 2030, DateTimeOffset.UtcNow);
        context.Plans.Add(plan);
        await context.SaveChangesAsync();
        _planId = plan.Id;
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task Figures_AreComputedOnce_UntilThePlansDataChanges()
    {
        using var cache = new DashboardCache();
        await using var db = AppDbContextOptions.Create(_database.ConnectionString);
        var sql = new MonitoringSql(db);
        var loads = 0;
        Task<string> Load() => Task.FromResult($"figures {++loads}");

        (await cache.GetAsync(sql, "overview", _planId, "2026-11-26", Load)).Should().Be("figures 1");
        (await cache.GetAsync(sql, "overview", _planId, "2026-11-26", Load)).Should().Be("figures 1", "nothing changed");
        (await cache.GetAsync(sql, "overview", _planId, "2026-11-27", Load)).Should().Be("figures 2", "another day is another figure");

        await using (var connection = new NpgsqlConnection(_database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"UPDATE plans SET threshold_amber_gap_points = 12 WHERE id = {_planId}", connection);
            await command.ExecuteNonQueryAsync();
        }

        (await cache.GetAsync(sql, "overview", _planId, "2026-11-26", Load)).Should().Be("figures 3", "the plan's thresholds changed");
    }
}
