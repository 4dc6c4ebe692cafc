using Microsoft.Extensions.Logging;
using PlanTracker.Infrastructure.LocalPostgres;

namespace PlanTracker.Infrastructure.Setup;

/// <summary>The database a host talks to: the configured one, or the embedded default cluster it started.</summary>
public sealed class ResolvedDatabase
{
    public const string DatabaseName = "plantracker";

    private readonly LocalPostgresCluster? _cluster;

    private ResolvedDatabase(string connectionString, LocalPostgresCluster? cluster)
    {
        ConnectionString = connectionString;
        _cluster = cluster;
    }

    public string ConnectionString { get; }

    /// <summary>True when no connection string was configured and the app runs its own private cluster.</summary>
    public bool IsEmbedded => _cluster is not null;

    public static async Task<ResolvedDatabase> ResolveAsync(string? configuredConnectionString, string? dataDirectory, string startDirectory, ILogger logger, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(configuredConnectionString))
        {
            return new ResolvedDatabase(configuredConnectionString, null);
        }

        var directory = string.IsNullOrWhiteSpace(dataDirectory) ? DefaultDataDirectory(startDirectory) : Path.GetFullPath(dataDirectory);
        logger.LogInformation("No connection string configured: using the embedded PostgreSQL cluster in {DataDirectory}", directory);
        var cluster = await LocalPostgresCluster.StartAsync(
            new LocalPostgresOptions { DataDirectory = directory, Database = DatabaseName },
            logger,
            cancellationToken);
        return new ResolvedDatabase(cluster.ConnectionString(DatabaseName), cluster);
    }

    /// <summary>`.plantracker/pgdata` beside PlanTracker.sln, found by walking up from where the host runs.</summary>
    public static string DefaultDataDirectory(string startDirectory)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(startDirectory)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PlanTracker.sln")))
            {
                return Path.Combine(dir.FullName, ".plantracker", "pgdata");
            }
        }

        return Path.Combine(Path.GetFullPath(startDirectory), ".plantracker", "pgdata");
    }

    /// <summary>Stops the embedded cluster; with <paramref name="onlyIfStartedHere"/>, leaves alone one that another process (the portal) is using.</summary>
    public async Task StopEmbeddedAsync(bool onlyIfStartedHere = false)
    {
        if (_cluster is not null && (!onlyIfStartedHere || _cluster.StartedByThisProcess))
        {
            await _cluster.StopAsync();
        }
    }
}
