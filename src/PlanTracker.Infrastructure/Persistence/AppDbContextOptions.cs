using Microsoft.EntityFrameworkCore;

namespace PlanTracker.Infrastructure.Persistence;

/// <summary>The one place that says how the app talks to PostgreSQL, shared by the web app, the CLI and the tests.</summary>
public static class AppDbContextOptions
{
    public static DbContextOptionsBuilder UsePlanTrackerDatabase(this DbContextOptionsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
    }

    public static AppDbContext Create(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        builder.UsePlanTrackerDatabase(connectionString);
        return new AppDbContext(builder.Options);
    }
}
