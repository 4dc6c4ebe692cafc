using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PlanTracker.TestSupport;

namespace PlanTracker.Web.Tests.Support;

/// <summary>The portal in-process over its own seeded PostgreSQL database (one per test class).</summary>
public sealed class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? _database;

    public string ConnectionString => _database?.ConnectionString ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync() => _database = await SeededDatabase.CreateAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:PlanTracker", ConnectionString);
    }
}

/// <summary>The portal pointed at a PostgreSQL that does not answer, to see how it fails.</summary>
public sealed class UnreachableDatabasePortalFactory : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:PlanTracker", "Host=127.0.0.1;Port=1;Database=nowhere;Username=postgres;Timeout=2;Pooling=false");
    }
}
