using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Infrastructure.PlanImport;
using PlanTracker.Infrastructure.Seed;
using PlanTracker.TestSupport;

namespace PlanTracker.Web.Tests.Support;

/// <summary>A database as a new install has it: migrated, with the unit tree and the shipped plan published.</summary>
public static class SeededDatabase
{
    public static Task<TestDatabase> CreateAsync() => TestDatabase.CreateAsync("seeded", PrepareAsync);

    public static AppDbContext CreateContext(string connectionString) => AppDbContextOptions.Create(connectionString);

    private static async Task PrepareAsync(string connectionString)
    {
        await using var db = AppDbContextOptions.Create(connectionString);
        await db.Database.MigrateAsync();
        var importer = new PlanImportService(db, TimeProvider.System, NullLogger<PlanImportService>.Instance);
        await new DemoSeeder(db, new UnitSeeder(db), importer, NullLogger<DemoSeeder>.Instance).SeedAsync();
    }
}
