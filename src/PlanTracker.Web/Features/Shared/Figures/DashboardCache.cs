using System.Globalization;
using Microsoft.Extensions.Caching.Memory;
using PlanTracker.Infrastructure.Monitoring;

namespace PlanTracker.Web.Features.Shared.Figures;

/// <summary>
/// Dashboard figures cached under the plan's data version (<see cref="MonitoringDataVersion"/>): a page asks PostgreSQL
/// one primary-key question, and computes its aggregates again only when a report, value, assignment, period or
/// threshold of that plan changed since. Every app instance reads the same version, so none serves stale figures.
/// View models are cached, never HTML (pages carry per-user antiforgery tokens). The cache is bounded by entry count.
/// </summary>
public sealed class DashboardCache : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 2_000 });

    public async Task<T> GetAsync<T>(MonitoringSql sql, string page, int planId, string variant, Func<Task<T>> load, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(load);
        var version = await sql.OfPlanAsync(planId, cancellationToken);
        var key = (page, planId, variant, version);
        if (_cache.TryGetValue(key, out T? cached) && cached is not null)
        {
            return cached;
        }

        var value = await load();
        _cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10), AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1) });
        return value;
    }

    /// <summary>The part of a cache key besides page and plan: the as-of day, the page's own id, and the UI language (pages hold localized labels).</summary>
    public static string Variant(DateOnly asOf, int? id = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{asOf:yyyy-MM-dd}/{id}/{CultureInfo.CurrentUICulture.Name}");

    public void Dispose() => _cache.Dispose();
}
