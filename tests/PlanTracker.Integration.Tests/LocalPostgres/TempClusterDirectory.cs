using Microsoft.Extensions.Logging.Abstractions;
using PlanTracker.Infrastructure.LocalPostgres;

namespace PlanTracker.Integration.Tests.LocalPostgres;

/// <summary>A scratch directory for one test's cluster; whatever runs there is stopped and removed afterwards.</summary>
internal sealed class TempClusterDirectory : IAsyncDisposable
{
    public TempClusterDirectory()
    {
        Root = Path.Combine(Path.GetTempPath(), "pt-lpc-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public LocalPostgresOptions Options(int? port = null) => new() { DataDirectory = DataDirectory, Port = port };

    public Task<LocalPostgresCluster> StartAsync(int? port = null) =>
        LocalPostgresCluster.StartAsync(Options(port), NullLogger.Instance, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await LocalPostgresCluster.DestroyAsync(DataDirectory, binDirectory: null, NullLogger.Instance);
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
