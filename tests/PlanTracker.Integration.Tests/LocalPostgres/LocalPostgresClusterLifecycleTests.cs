using System.Globalization;
using System.Net;
using System.Net.Sockets;
using PlanTracker.Infrastructure.LocalPostgres;

namespace PlanTracker.Integration.Tests.LocalPostgres;

public sealed class LocalPostgresClusterLifecycleTests : IAsyncLifetime
{
    private readonly TempClusterDirectory _temp = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public async Task StartAsync_EmptyDirectory_InitializesClusterThatAnswersQueries()
    {
        var cluster = await _temp.StartAsync();

        (await Sql.ScalarAsync<int>(cluster.ConnectionString(), "SELECT 1")).Should().Be(1);
        (await Sql.ScalarAsync<string>(cluster.ConnectionString(), "SELECT current_database()")).Should().Be("plantracker");
        cluster.Port.Should().BeGreaterThanOrEqualTo(LocalPostgresCluster.FirstPort);
        File.Exists(Path.Combine(_temp.DataDirectory, "PG_VERSION")).Should().BeTrue();
    }

    [Fact]
    public async Task StartAsync_ClusterAlreadyRunning_ReusesItOnSamePort()
    {
        var first = await _temp.StartAsync();
        await Sql.ExecuteAsync(first.ConnectionString(), "CREATE TABLE marker (id int)");
        var startedAt = await Sql.ScalarAsync<DateTime>(first.ConnectionString(), "SELECT pg_postmaster_start_time()");

        var second = await _temp.StartAsync();

        second.Port.Should().Be(first.Port);
        (await Sql.ScalarAsync<DateTime>(second.ConnectionString(), "SELECT pg_postmaster_start_time()"))
            .Should().Be(startedAt, "the running server is reused, not restarted");
        (await Sql.ScalarAsync<string>(second.ConnectionString(), "SELECT to_regclass('marker')::text")).Should().Be("marker");
        first.StartedByThisProcess.Should().BeTrue();
        second.StartedByThisProcess.Should().BeFalse("a command reusing the portal's cluster must not stop it");
    }

    [Fact]
    public async Task StartAsync_AfterStop_KeepsDataAndRecordedPort()
    {
        var first = await _temp.StartAsync();
        await Sql.ExecuteAsync(first.ConnectionString(), "CREATE TABLE plans (name text); INSERT INTO plans VALUES ('十四五规划')");
        await first.StopAsync();
        (await first.IsRunningAsync()).Should().BeFalse();

        var restarted = await _temp.StartAsync();

        restarted.Port.Should().Be(first.Port);
        (await Sql.ScalarAsync<string>(restarted.ConnectionString(), "SELECT name FROM plans")).Should().Be("十四五规划");
    }

    [Fact]
    public async Task StartAsync_TwoConcurrentCallsOnOneDirectory_ShareOneServer()
    {
        var both = await Task.WhenAll(_temp.StartAsync(), _temp.StartAsync());

        both[1].Port.Should().Be(both[0].Port);
        (await Sql.ScalarAsync<int>(both[1].ConnectionString(), "SELECT 1")).Should().Be(1);
    }

    [Fact]
    public async Task StartAsync_AfterPostmasterKilled_RecoversCommittedData()
    {
        var first = await _temp.StartAsync();
        await Sql.ExecuteAsync(first.ConnectionString(), "CREATE TABLE plans (name text); INSERT INTO plans VALUES ('committed')");
        var pid = int.Parse(File.ReadLines(Path.Combine(_temp.DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        using (var postmaster = System.Diagnostics.Process.GetProcessById(pid))
        {
            // No waiting: a restarting app does not know the old server just died.
            postmaster.Kill();
        }

        Npgsql.NpgsqlConnection.ClearAllPools();
        var restarted = await _temp.StartAsync();

        (await Sql.ScalarAsync<string>(restarted.ConnectionString(), "SELECT name FROM plans")).Should().Be("committed");
    }

    [Fact]
    public async Task DeleteWhenProcessExits_ProcessEnds_WatcherDeletesCluster()
    {
        var cluster = await _temp.StartAsync();
        using var owner = System.Diagnostics.Process.Start("sleep", "1");

        cluster.DeleteWhenProcessExits(owner.Id, _temp.Root);
        await owner.WaitForExitAsync();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Directory.Exists(_temp.Root) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Directory.Exists(_temp.Root).Should().BeFalse();
        (await cluster.IsRunningAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task StopAsync_CalledTwice_SecondCallIsNoOp()
    {
        var cluster = await _temp.StartAsync();

        await cluster.StopAsync();
        var again = async () => await cluster.StopAsync();

        await again.Should().NotThrowAsync();
        (await cluster.IsRunningAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task StartAsync_StalePidFileNamingAnotherProgram_StartsServer()
    {
        var first = await _temp.StartAsync();
        await first.StopAsync();
        // What a reboot leaves: postmaster.pid naming a PID that now belongs to an unrelated program (us).
        var pidFile = Path.Combine(_temp.DataDirectory, "postmaster.pid");
        await File.WriteAllTextAsync(pidFile, string.Join('\n',
            Environment.ProcessId.ToString(CultureInfo.InvariantCulture), _temp.DataDirectory, "1700000000",
            first.Port.ToString(CultureInfo.InvariantCulture), string.Empty, "127.0.0.1", "  1234  5", "ready   ", string.Empty));

        var restarted = await _temp.StartAsync();

        (await Sql.ScalarAsync<int>(restarted.ConnectionString(), "SELECT 1")).Should().Be(1);
        (await restarted.IsRunningAsync()).Should().BeTrue();
    }

    [Fact]
    public async Task StartAsync_ExplicitPortInUse_ThrowsWithLogTail()
    {
        var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        try
        {
            var port = ((IPEndPoint)blocker.LocalEndpoint).Port;

            var start = async () => await _temp.StartAsync(port);

            (await start.Should().ThrowAsync<LocalPostgresException>())
                .Which.Message.Should().Contain("PostgreSQL did not start").And.Contain("could not bind");
        }
        finally
        {
            blocker.Stop();
        }
    }

    [Fact]
    public async Task StartAsync_NonEmptyDirectoryWithoutCluster_RefusesToInitialize()
    {
        Directory.CreateDirectory(_temp.DataDirectory);
        await File.WriteAllTextAsync(Path.Combine(_temp.DataDirectory, "precious.txt"), "not a cluster");

        var start = async () => await _temp.StartAsync();

        (await start.Should().ThrowAsync<LocalPostgresException>()).Which.Message.Should().Contain("not empty");
        File.Exists(Path.Combine(_temp.DataDirectory, "precious.txt")).Should().BeTrue();
    }

    [Fact]
    public async Task StartAsync_RelativeDataDirectory_ThrowsArgumentException()
    {
        var start = async () => await LocalPostgresCluster.StartAsync(
            new LocalPostgresOptions { DataDirectory = "relative/data" },
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
            CancellationToken.None);

        await start.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task DeleteAsync_RunningCluster_StopsServerAndRemovesDirectory()
    {
        var cluster = await _temp.StartAsync();

        await cluster.DeleteAsync();

        Directory.Exists(_temp.DataDirectory).Should().BeFalse();
        var connect = async () => await Sql.ScalarAsync<int>(cluster.ConnectionString(), "SELECT 1");
        await connect.Should().ThrowAsync<Npgsql.NpgsqlException>();
    }
}
