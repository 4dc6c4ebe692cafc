using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Infrastructure.Setup;

/// <summary>Applies the committed migrations; never EnsureCreated.</summary>
public sealed class DatabaseMigrator(AppDbContext db, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            logger.LogInformation("Database schema is current");
            return;
        }

        logger.LogInformation("Applying {Count} migrations: {Migrations}", pending.Count, pending);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
