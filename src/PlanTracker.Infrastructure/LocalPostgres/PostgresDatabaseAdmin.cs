using Npgsql;

namespace PlanTracker.Infrastructure.LocalPostgres;

/// <summary>Creates and drops databases on any PostgreSQL server we administer (local cluster or a CI server).</summary>
public static class PostgresDatabaseAdmin
{
    private const string DuplicateDatabase = "42P04";
    private const string ObjectInUse = "55006";

    public static string QuoteIdentifier(string identifier)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static async Task<bool> DatabaseExistsAsync(string adminConnectionString, string name, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(adminConnectionString, ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null;
    }

    /// <summary>Creates the database unless it exists; safe against a concurrent creator.</summary>
    public static async Task EnsureDatabaseAsync(string adminConnectionString, string name, CancellationToken ct = default)
    {
        if (await DatabaseExistsAsync(adminConnectionString, name, ct).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            await CreateDatabaseAsync(adminConnectionString, name, template: null, ct).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == DuplicateDatabase)
        {
            // Someone else created it between our check and our CREATE.
        }
    }

    /// <summary>
    /// CREATE DATABASE, optionally as a copy of <paramref name="template"/>. PostgreSQL refuses to copy
    /// a database that has open connections; a backend may linger for a moment after its client closed,
    /// so that case is retried for a few seconds before giving up.
    /// </summary>
    public static async Task CreateDatabaseAsync(string adminConnectionString, string name, string? template = null, CancellationToken ct = default)
    {
        var sql = "CREATE DATABASE " + QuoteIdentifier(name)
            + (template is null ? string.Empty : " TEMPLATE " + QuoteIdentifier(template));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        await using var connection = await OpenAsync(adminConnectionString, ct).ConfigureAwait(false);
        while (true)
        {
            try
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == ObjectInUse && template is not null && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Drops the database if it exists, disconnecting its sessions (pooled connections of finished tests).</summary>
    public static async Task DropDatabaseAsync(string adminConnectionString, string name, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(adminConnectionString, ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("DROP DATABASE IF EXISTS " + QuoteIdentifier(name) + " WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static async Task<NpgsqlConnection> OpenAsync(string adminConnectionString, CancellationToken ct)
    {
        // Unpooled: an idle admin connection would otherwise sit on the server for the life of the process.
        var builder = new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
