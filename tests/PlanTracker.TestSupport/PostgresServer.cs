using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PlanTracker.Infrastructure.LocalPostgres;

namespace PlanTracker.TestSupport;

/// <summary>
/// The one PostgreSQL server of a test process, started on first use. With
/// <c>PLANTRACKER_TEST_CONNECTION</c> set (a connection string of a role that may create databases)
/// that server is used; otherwise a throwaway <see cref="LocalPostgresCluster"/> under
/// /tmp/plantracker-tests-* is started and deleted when the process exits.
/// <para>
/// Databases are cloned from templates: the first request for a template key creates the template and
/// runs its preparation (e.g. EF migrations) once; every request then gets a fresh copy, which is much
/// faster than migrating each test's database.
/// </para>
/// </summary>
public sealed class PostgresServer
{
    public const string ConnectionVariable = "PLANTRACKER_TEST_CONNECTION";
    private const string TempPrefix = "plantracker-tests-";
    private const string OwnerFile = "owner.pid";
    private const string CommentPrefix = "plantracker-tests owner=";

    // Who we are, in a form a later run can check for liveness: PID plus start time, since PIDs get reused.
    private static readonly string OwnerIdentity = CreateOwnerIdentity();

    private static readonly Lazy<Task<PostgresServer>> Instance = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _adminConnectionString;
    private readonly LocalPostgresCluster? _cluster;
    private readonly string _runId = Guid.NewGuid().ToString("N")[..10];
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _templates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _createdDatabases = new(StringComparer.Ordinal);
    private int _counter;

    private PostgresServer(string adminConnectionString, LocalPostgresCluster? cluster)
    {
        _adminConnectionString = adminConnectionString;
        _cluster = cluster;
    }

    /// <summary>True when running a throwaway local cluster rather than the server named by the environment.</summary>
    public bool IsLocalCluster => _cluster is not null;

    public static Task<PostgresServer> GetAsync() => Instance.Value;

    /// <summary>The connection string for <paramref name="database"/> on this server, with the configured credentials.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = database }.ConnectionString;

    /// <summary>A fresh database cloned from the template prepared by <paramref name="prepareTemplate"/>
    /// (keyed by the delegate's method, so one fixture type gets one template); returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(Func<string, Task> prepareTemplate)
    {
        ArgumentNullException.ThrowIfNull(prepareTemplate);
        var method = prepareTemplate.Method;
        var key = $"{prepareTemplate.Target?.GetType().FullName ?? method.DeclaringType?.FullName}.{method.Name}";
        return CreateDatabaseAsync(key, prepareTemplate);
    }

    /// <summary>A fresh database cloned from the template named by <paramref name="templateKey"/>, which
    /// <paramref name="prepareTemplate"/> prepares on first use; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string templateKey, Func<string, Task> prepareTemplate)
    {
        ArgumentException.ThrowIfNullOrEmpty(templateKey);
        ArgumentNullException.ThrowIfNull(prepareTemplate);
        var template = await _templates
            .GetOrAdd(templateKey, _ => new Lazy<Task<string>>(() => PrepareTemplateAsync(prepareTemplate)))
            .Value.ConfigureAwait(false);
        var name = NextName("pt_test");
        _createdDatabases[name] = 0;
        await PostgresDatabaseAdmin.CreateDatabaseAsync(_adminConnectionString, name, template).ConfigureAwait(false);
        await TagAsync(name).ConfigureAwait(false);
        return ConnectionString(name);
    }

    public async Task DropDatabaseAsync(string name)
    {
        await PostgresDatabaseAdmin.DropDatabaseAsync(_adminConnectionString, name).ConfigureAwait(false);
        _createdDatabases.TryRemove(name, out _);
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionVariable);
        PostgresServer server;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var builder = new NpgsqlConnectionStringBuilder(configured);
            builder.Database ??= "postgres";
            server = new PostgresServer(builder.ConnectionString, cluster: null);
            await server.DropLeftoverDatabasesAsync().ConfigureAwait(false);
        }
        else
        {
            await DeleteLeftoverClustersAsync().ConfigureAwait(false);
            var root = Path.Combine(Path.GetTempPath(), TempPrefix + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(root);
            await File.WriteAllTextAsync(Path.Combine(root, OwnerFile), OwnerIdentity).ConfigureAwait(false);

            var cluster = await LocalPostgresCluster.StartAsync(
                new LocalPostgresOptions { DataDirectory = Path.Combine(root, "data"), Database = "postgres" },
                NullLogger.Instance,
                CancellationToken.None).ConfigureAwait(false);
            cluster.DeleteWhenProcessExits(Environment.ProcessId, root);
            server = new PostgresServer(cluster.ConnectionString("postgres"), cluster);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DropCreatedDatabases();
        return server;
    }

    private async Task<string> PrepareTemplateAsync(Func<string, Task> prepare)
    {
        var name = NextName("pt_template");
        await PostgresDatabaseAdmin.CreateDatabaseAsync(_adminConnectionString, name).ConfigureAwait(false);
        _createdDatabases[name] = 0;
        await TagAsync(name).ConfigureAwait(false);
        try
        {
            // Unpooled so that no connection to the template outlives the preparation:
            // PostgreSQL refuses to copy a database that anyone is connected to.
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString(name)) { Pooling = false };
            await prepare(builder.ConnectionString).ConfigureAwait(false);
        }
        catch
        {
            await DropDatabaseAsync(name).ConfigureAwait(false);
            throw;
        }

        // In case the preparation ignored Pooling=false or leaked a connection.
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()",
            connection);
        command.Parameters.AddWithValue("name", name);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        return name;
    }

    private string NextName(string prefix) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}_{_runId}_{Interlocked.Increment(ref _counter)}");

    /// <summary>A shared server outlives us: take away what this run created there. A local cluster is
    /// deleted whole by its watcher once this process is gone.</summary>
    private void DropCreatedDatabases()
    {
        if (_cluster is not null)
        {
            return;
        }

        try
        {
            NpgsqlConnection.ClearAllPools();
            foreach (var name in _createdDatabases.Keys)
            {
                PostgresDatabaseAdmin.DropDatabaseAsync(_adminConnectionString, name).GetAwaiter().GetResult();
            }
        }
#pragma warning disable CA1031 // The process is exiting; there is no one left to report to.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>Removes clusters of earlier test processes that died (killed, crashed debugger) before cleaning up.</summary>
    private static async Task DeleteLeftoverClustersAsync()
    {
        foreach (var root in Directory.EnumerateDirectories(Path.GetTempPath(), TempPrefix + "*"))
        {
            if (IsOwnerAlive(root))
            {
                continue;
            }

            try
            {
                await LocalPostgresCluster.DestroyAsync(Path.Combine(root, "data"), binDirectory: null, NullLogger.Instance)
                    .ConfigureAwait(false);
                Directory.Delete(root, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or LocalPostgresException)
            {
                // Another test process may be sweeping the same leftover; it is not ours to fail on.
            }
        }
    }

    private static bool IsOwnerAlive(string root)
    {
        try
        {
            return IsAlive(File.ReadAllText(Path.Combine(root, OwnerFile)));
        }
        catch (IOException)
        {
            // Its owner writes the file right after creating the directory: only an old one is abandoned.
            return DateTime.UtcNow - Directory.GetLastWriteTimeUtc(root) < TimeSpan.FromMinutes(1);
        }
    }

    /// <summary>
    /// Databases a killed or finished run left on a shared server (test hosts are killed before ProcessExit
    /// handlers can finish). Only databases of this machine whose owning process is gone are dropped; other
    /// machines' runs may still be using theirs.
    /// </summary>
    private async Task DropLeftoverDatabasesAsync()
    {
        var leftovers = new List<string>();
        await using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                "SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database WHERE datname LIKE 'pt\\_%'",
                connection);
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                var comment = reader.IsDBNull(1) ? null : reader.GetString(1);
                if (comment is not null && comment.StartsWith(CommentPrefix, StringComparison.Ordinal))
                {
                    var owner = comment[CommentPrefix.Length..];
                    if (owner.StartsWith(Environment.MachineName + ":", StringComparison.Ordinal)
                        && !IsAlive(owner[(Environment.MachineName.Length + 1)..]))
                    {
                        leftovers.Add(reader.GetString(0));
                    }
                }
            }
        }

        foreach (var name in leftovers)
        {
            await PostgresDatabaseAdmin.DropDatabaseAsync(_adminConnectionString, name).ConfigureAwait(false);
        }
    }

    private async Task TagAsync(string database)
    {
        var comment = CommentPrefix + Environment.MachineName + ":" + OwnerIdentity;
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"COMMENT ON DATABASE {PostgresDatabaseAdmin.QuoteIdentifier(database)} IS '{comment.Replace("'", "''", StringComparison.Ordinal)}'",
            connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static string CreateOwnerIdentity()
    {
        using var self = Process.GetCurrentProcess();
        return string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}:{self.StartTime.ToUniversalTime().Ticks}");
    }

    /// <summary>Whether the process named by an owner identity ("pid:startTicks") still runs.</summary>
    private static bool IsAlive(string ownerIdentity)
    {
        var parts = ownerIdentity.Trim().Split(':');
        if (parts.Length != 2
            || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid)
            || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var startTicks))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            // A recycled PID belongs to a process started at another time.
            return Math.Abs((process.StartTime.ToUniversalTime() - new DateTime(startTicks, DateTimeKind.Utc)).TotalSeconds) < 2;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
