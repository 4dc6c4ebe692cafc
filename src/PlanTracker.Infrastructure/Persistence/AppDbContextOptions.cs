using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Access;
using PlanTracker.Infrastructure.Auditing;

namespace PlanTracker.Infrastructure.Persistence;

/// <summary>The one place that says how the app talks to PostgreSQL, shared by the web app, the CLI and the tests.</summary>
public static class AppDbContextOptions
{
    public static DbContextOptionsBuilder UsePlanTrackerDatabase(this DbContextOptionsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .UseNpgsql(WithoutJit(connectionString), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
    }

    /// <summary>
    /// PostgreSQL's JIT is turned off for the portal's sessions: its cost model compiles the dashboards' status query
    /// (estimated expensive, run over a few ten thousand rows) for over 3 s where running it plainly takes 0.25 s
    /// (docs/performance.md). Nothing the portal runs is long enough for JIT to pay. A connection string that sets
    /// its own options keeps them.
    /// </summary>
    public static string WithoutJit(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.Options))
        {
            builder.Options = "-c jit=off";
        }

        return builder.ConnectionString;
    }

    /// <summary>A context outside any request (CLI, seeding, tests): sees everything, audits as <paramref name="actor"/>.</summary>
    public static AppDbContext Create(string connectionString, IAuditActor? actor = null, DataScope? scope = null)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        builder.UsePlanTrackerDatabase(connectionString);
        builder.AddInterceptors(new AuditingInterceptor(actor ?? SystemAuditActor.Default, TimeProvider.System));
        return new AppDbContext(builder.Options, new FixedDataScope(scope ?? DataScope.Unrestricted));
    }
}
