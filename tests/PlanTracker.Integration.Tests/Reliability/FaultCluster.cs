using Microsoft.Extensions.Logging.Abstractions;
using PlanTracker.Infrastructure.LocalPostgres;

namespace PlanTracker.Integration.Tests.Reliability;

/// <summary>
/// A fault test's own PostgreSQL cluster in a scratch directory under /tmp (never the shared test cluster: these tests
/// stop, kill and starve it), removed afterwards with whatever still runs on it.
/// </summary>
internal sealed class FaultCluster : IAsyncDisposable
{
    public FaultCluster(string name)
    {
        Root = Path.Combine(Path.GetTempPath(), $"pt-fault-{name}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(Root);
        if (!OperatingSystem.IsWindows())
        {
            // The postgres OS user must reach the data directory below it.
            File.SetUnixFileMode(Root, (UnixFileMode)Convert.ToInt32("755", 8));
        }
    }

    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public LocalPostgresCluster Cluster { get; private set; } = null!;

    public string ConnectionString => Cluster.ConnectionString();

    public string LogPath(string name) => Path.Combine(Root, name + ".log");

    /// <summary>Starts (or, after a stop, restarts on the same port) the cluster; returns when it accepts connections.</summary>
    public async Task<LocalPostgresCluster> StartAsync()
    {
        Cluster = await LocalPostgresCluster.StartAsync(
            new LocalPostgresOptions { DataDirectory = DataDirectory, Port = Cluster?.Port },
            NullLogger.Instance,
            CancellationToken.None);

        // Clusters of earlier tests may have had the same port, hence the same connection string: their pooled
        // connections in this process are dead sockets now.
        Npgsql.NpgsqlConnection.ClearAllPools();
        return Cluster;
    }

    public async ValueTask DisposeAsync()
    {
        await LocalPostgresCluster.DestroyAsync(DataDirectory, binDirectory: null, NullLogger.Instance);
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
