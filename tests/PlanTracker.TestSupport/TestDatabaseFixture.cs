using Xunit;

namespace PlanTracker.TestSupport;

/// <summary>
/// Base of the xunit fixtures that give a test class its own database. A test project defines one line:
/// <code>
/// public sealed class MigratedDatabaseFixture : TestDatabaseFixture
/// {
///     protected override Task PrepareTemplateAsync(string connectionString) => /* apply EF migrations */;
/// }
/// </code>
/// and uses it as <c>IClassFixture&lt;MigratedDatabaseFixture&gt;</c> (one database per test class) or
/// <c>ICollectionFixture</c>. <see cref="PrepareTemplateAsync"/> runs once per test process and fixture type,
/// on a template database every fixture instance is cloned from. For a database per test, use
/// <see cref="TestDatabase.CreateAsync(Func{string, Task})"/> directly.
/// </summary>
public abstract class TestDatabaseFixture : IAsyncLifetime
{
    private TestDatabase? _database;

    public string ConnectionString =>
        _database?.ConnectionString ?? throw new InvalidOperationException("The fixture has not been initialized by xunit yet.");

    public string DatabaseName =>
        _database?.Name ?? throw new InvalidOperationException("The fixture has not been initialized by xunit yet.");

    public async Task InitializeAsync() =>
        _database = await TestDatabase.CreateAsync(GetType().FullName ?? GetType().Name, PrepareTemplateAsync).ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Builds the template: the connection string is unpooled; close every connection before returning.</summary>
    protected abstract Task PrepareTemplateAsync(string connectionString);
}

/// <summary>A database with nothing in it, for tests that create their own schema.</summary>
public sealed class EmptyDatabaseFixture : TestDatabaseFixture
{
    protected override Task PrepareTemplateAsync(string connectionString) => Task.CompletedTask;
}
