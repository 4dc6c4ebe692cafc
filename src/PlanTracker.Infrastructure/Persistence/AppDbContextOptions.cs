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
            .UseNpgsql(ForPortal(connectionString), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
    }

    /// <summary>Seconds to wait for a connection (opening one, or a free one from the pool) before the request fails.</summary>
    public const int ConnectTimeoutSeconds = 15;

    /// <summary>Seconds a single command may run before it is cancelled and the request fails.</summary>
    public const int CommandTimeoutSeconds = 30;

    /// <summary>
    /// The connection string as the app uses it: <see cref="WithoutJit"/>, and bounded waits so that a database that is
    /// stuck costs a request seconds, not minutes (docs/reliability.md, "Faults"). The connect wait is Npgsql's own 15 s:
    /// it also bounds the wait for a pooled connection when all are busy, and a shorter one fails a busy morning — with
    /// 200 people signing in within half a minute on two cores, opening a connection takes longer than 5 s, and some
    /// would get 503 系统繁忙 with PostgreSQL up (docs/reliability.md, "Load"). A PostgreSQL that is down on a reachable
    /// host refuses at once, so the 503 of an outage comes in well under 2 s whatever this says; only a host that drops
    /// packets silently costs the full wait.
    /// A command is cancelled after 30 s (the longest page, the national evaluation report, needs under 2 s of database
    /// time). A connection string that sets either keeps its own.
    /// </summary>
    public static string ForPortal(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(WithoutJit(connectionString));
        if (!given.ContainsKey("Timeout"))
        {
            builder.Timeout = ConnectTimeoutSeconds;
        }

        if (!given.ContainsKey("Command Timeout") && !given.ContainsKey("CommandTimeout"))
        {
            builder.CommandTimeout = CommandTimeoutSeconds;
        }

        return builder.ConnectionString;
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
