using Microsoft.AspNetCore.Identity;
using PlanTracker.Infrastructure.Identity;
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

        if (migrate || seed)
        {
            await DemoAccounts.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        }

        var demoAccounts = scope.ServiceProvider.GetRequiredService<DemoAccounts>();
        if (database.IsEmbedded && app.Environment.IsDevelopment())
        {
            // Demo accounts exist only in the embedded default of a developer's machine (README lists them).
            await demoAccounts.SeedAsync();
            await scope.ServiceProvider.GetRequiredService<PlanTracker.Infrastructure.Seed.DemoSeeder>().SeedDemoIndicatorsAsync();
        }
        else if (app.Environment.IsProduction())
        {
            var exposed = await demoAccounts.WithDemoPasswordAsync();
            if (exposed.Count > 0)
            {
                throw new InvalidOperationException(
                    $"Refusing to start in Production: the demo account(s) {string.Join(", ", exposed)} still have the published demo password. Change or delete them first.");
            }
        }
    }
}
