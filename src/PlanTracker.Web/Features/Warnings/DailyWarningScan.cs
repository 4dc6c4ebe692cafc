using PlanTracker.Infrastructure.Monitoring;
using PlanTracker.Web.Features.Periods;

namespace PlanTracker.Web.Features.Warnings;

/// <summary>
/// Scans every published plan once a Beijing day, and again whenever its data changed since the last scan (its
/// data version moved: a report approved or returned, a value, an assignment, a period): at start-up, then every
/// <c>Monitoring:DailyScanCheckMinutes</c> (default 5), so a warning follows an approval within minutes and the day's
/// scan runs within minutes after Beijing midnight. Off when <c>Monitoring:DailyScan</c> is false (the
/// Development settings, and so the tests, say false; production's default is true). Several instances may run it: the
/// scan's per-plan lock and its idempotence make a second scan of the day a no-op.
/// </summary>
public sealed class DailyWarningScan(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<DailyWarningScan> logger) : BackgroundService
{
    public bool Enabled => configuration.GetValue("Monitoring:DailyScan", true);

    /// <summary>Scans the published plans not yet scanned today; returns how many it scanned.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var today = MinistryCalendar.Today(clock);
        await using var scope = scopes.CreateAsyncScope();
        var scan = scope.ServiceProvider.GetRequiredService<WarningScan>();
        var scanned = 0;
        var changed = (await scan.ChangedSinceScanAsync(cancellationToken)).ToHashSet();
        foreach (var planId in await scan.PublishedPlanIdsAsync(cancellationToken))
        {
            if (await scan.LastScannedAsync(planId, cancellationToken) is { } last && last >= today && !changed.Contains(planId))
            {
                continue;
            }

            await scan.ScanAsync(planId, today, cancellationToken);
            scanned++;
        }

        return scanned;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            logger.LogInformation("The daily warning scan is off (Monitoring:DailyScan is false)");
            return;
        }

        var minutes = Math.Clamp(configuration.GetValue("Monitoring:DailyScanCheckMinutes", 5), 1, 24 * 60);
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), clock);
        do
        {
            try
            {
                var scanned = await RunOnceAsync(stoppingToken);
                if (scanned > 0)
                {
                    logger.LogInformation("Daily warning scan: {Plans} plans scanned", scanned);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The next tick tries again; the portal keeps serving.
                logger.LogError(exception, "Daily warning scan failed: {Reason}", exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
