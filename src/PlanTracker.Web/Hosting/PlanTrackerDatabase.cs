using PlanTracker.Infrastructure.Setup;

namespace PlanTracker.Web.Hosting;

internal static class PlanTrackerDatabase
{
    /// <summary>
    /// The configured database, or — with no connection string — the embedded default: a private PostgreSQL
    /// cluster under the repository that the app starts itself.
    /// </summary>
    public static async Task<ResolvedDatabase> ResolveAsync(IConfiguration configuration, IWebHostEnvironment environment, CancellationToken cancellationToken)
    {
        // The app's logging is not built yet; the bootstrap logger reports the cluster's start.
        using var loggerFactory = new Serilog.Extensions.Logging.SerilogLoggerFactory(Serilog.Log.Logger);
        return await ResolvedDatabase.ResolveAsync(
            configuration.GetConnectionString("PlanTracker"),
            configuration["LocalPostgres:DataDirectory"],
            environment.ContentRootPath,
            loggerFactory.CreateLogger("PlanTracker.Database"),
            cancellationToken);
    }

    /// <summary>Migrates and seeds: always for the embedded default; for a configured database only when asked.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, ResolvedDatabase database)
    {
        var migrate = database.IsEmbedded || app.Configuration.GetValue<bool>("Database:MigrateOnStartup");
        var seed = database.IsEmbedded || app.Configuration.GetValue<bool>("Database:SeedDemoOnStartup");
        if (database.IsEmbedded)
        {
            app.Lifetime.ApplicationStopped.Register(() => database.StopEmbeddedAsync().GetAwaiter().GetResult());
        }

        await using var scope = app.Services.CreateAsyncScope();
        if (migrate)
        {
            await scope.ServiceProvider.GetRequiredService<PlanTracker.Infrastructure.Setup.DatabaseMigrator>().MigrateAsync();
        }

        if (seed)
        {
            await scope.ServiceProvider.GetRequiredService<PlanTracker.Infrastructure.Seed.DemoSeeder>().SeedAsync();
        }
    }
}
