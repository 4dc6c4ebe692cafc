using Microsoft.Extensions.Diagnostics.HealthChecks;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Web.Hosting;

/// <summary>
/// Part of /health/ready: whether the PostgreSQL the app really runs against keeps what it acknowledged through a
/// crash — fsync, synchronous_commit and full_page_writes on. The embedded default sets them itself
/// (LocalPostgresCluster); a configured server is the operator's, so it is checked where operators look. Off, the
/// answer is Degraded (still HTTP 200: the app serves, but a crash may lose acknowledged writes), naming the setting.
/// </summary>
internal sealed class DurabilityHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var off = await db.SettingsOffAsync(cancellationToken);
        return off.Count == 0
            ? HealthCheckResult.Healthy("fsync, synchronous_commit and full_page_writes are on")
            : HealthCheckResult.Degraded($"PostgreSQL runs with {string.Join(", ", off)} off: a crash can lose acknowledged writes");
    }
}
