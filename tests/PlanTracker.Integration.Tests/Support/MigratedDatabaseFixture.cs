using Microsoft.EntityFrameworkCore;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.TestSupport;

namespace PlanTracker.Integration.Tests.Support;

/// <summary>A fresh database per test class, cloned from a template that has every migration applied.</summary>
public sealed class MigratedDatabaseFixture : TestDatabaseFixture
{
    public AppDbContext CreateContext() => AppDbContextOptions.Create(ConnectionString);

    protected override Task PrepareTemplateAsync(string connectionString) => MigratedDatabase.MigrateAsync(connectionString);
}

/// <summary>A fresh migrated database for one test, where tests of a class must not see each other's rows.</summary>
public sealed class MigratedDatabase : IAsyncDisposable
{
    private readonly TestDatabase _database;

    private MigratedDatabase(TestDatabase database)
    {
        _database = database;
    }

    public string ConnectionString => _database.ConnectionString;

    public static async Task<MigratedDatabase> CreateAsync() =>
        new(await TestDatabase.CreateAsync("migrated", MigrateAsync));

    public static async Task MigrateAsync(string connectionString)
    {
        await using var db = AppDbContextOptions.Create(connectionString);
        await db.Database.MigrateAsync();
    }

    public AppDbContext CreateContext() => AppDbContextOptions.Create(ConnectionString);

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
