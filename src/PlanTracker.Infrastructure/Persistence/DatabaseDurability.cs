using Microsoft.EntityFrameworkCore;

namespace PlanTracker.Infrastructure.Persistence;

/// <summary>Whether the PostgreSQL server keeps what it acknowledged through a crash.</summary>
public static class DatabaseDurability
{
    private const string SettingsOffSql =
        "SELECT name AS \"Value\" FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes') AND setting = 'off' ORDER BY name";

    /// <summary>The names of fsync, synchronous_commit and full_page_writes that are off on the server, by name; empty when all are on.</summary>
    public static Task<List<string>> SettingsOffAsync(this AppDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.SqlQueryRaw<string>(SettingsOffSql).ToListAsync(cancellationToken);
    }
}
