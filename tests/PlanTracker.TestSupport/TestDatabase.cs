using Npgsql;

namespace PlanTracker.TestSupport;

/// <summary>A database of its own for one test or fixture, cloned from a prepared template; dropped on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly PostgresServer _server;

    private TestDatabase(PostgresServer server, string connectionString)
    {
        _server = server;
        ConnectionString = connectionString;
        Name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>A clone of the template that <paramref name="prepareTemplate"/> builds once per process
    /// (keyed by the delegate's method).</summary>
    public static async Task<TestDatabase> CreateAsync(Func<string, Task> prepareTemplate)
    {
        var server = await PostgresServer.GetAsync().ConfigureAwait(false);
        return new TestDatabase(server, await server.CreateDatabaseAsync(prepareTemplate).ConfigureAwait(false));
    }

    /// <summary>A clone of the template named <paramref name="templateKey"/>, prepared once per process.</summary>
    public static async Task<TestDatabase> CreateAsync(string templateKey, Func<string, Task> prepareTemplate)
    {
        var server = await PostgresServer.GetAsync().ConfigureAwait(false);
        return new TestDatabase(server, await server.CreateDatabaseAsync(templateKey, prepareTemplate).ConfigureAwait(false));
    }

    public async ValueTask DisposeAsync()
    {
        // The test's pooled connections would otherwise linger, pointing at a dropped database.
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await _server.DropDatabaseAsync(Name).ConfigureAwait(false);
    }
}
