using Npgsql;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.TestSupport;

namespace PlanTracker.Integration.Tests.Reliability;

/// <summary>
/// The settings the "nothing acknowledged is lost" promise rests on, checked where the app runs: the embedded default and
/// the test clusters set them (LocalPostgresClusterFeatureTests); a configured server is reported by /health/ready.
/// And the app's connection setup bounds its waits on a database that is gone or stuck.
/// </summary>
/// <remarks>In the "Faults" collection: one fault scenario at a time, each with its own app process and cluster.</remarks>
[Collection(FaultCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Reliability)]
public sealed class FaultDurabilityTests
{
    [Fact]
    public async Task HealthReady_ReportsTheServersDurabilitySettings_DegradedNamingTheOneTurnedOff()
    {
        await using var fault = new FaultCluster("durability");
        await fault.StartAsync();
        await FaultWorld.CliAsync(fault.ConnectionString, "migrate");
        await using var portal = await FaultPortal.StartAsync(fault.ConnectionString, fault.LogPath("app"));
        using var client = new HttpClient { BaseAddress = portal.BaseAddress };
        foreach (var setting in new[] { "fsync", "synchronous_commit", "full_page_writes" })
        {
            (await ShowAsync(fault.ConnectionString, setting)).Should().Be("on", "the cluster the app runs against keeps acknowledged writes");
        }

        (await client.GetStringAsync(new Uri("/health/ready", UriKind.Relative))).Should().Be("Healthy");

        await ExecuteAsync(fault.ConnectionString, "ALTER SYSTEM SET synchronous_commit = off");
        await ExecuteAsync(fault.ConnectionString, "SELECT pg_reload_conf()");
        await Task.Delay(500);

        using var degraded = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        ((int)degraded.StatusCode).Should().Be(200, "the app still serves");
        (await degraded.Content.ReadAsStringAsync()).Should().Be("Degraded");
    }

    [Fact]
    public void ConnectionSetup_BoundsTheConnectWaitTo15s_AndCommandsTo30s_KeepingWhatAConnectionStringSays()
    {
        var portal = new NpgsqlConnectionStringBuilder(AppDbContextOptions.ForPortal("Host=db;Database=plantracker;Username=app"));
        portal.Timeout.Should().Be(15, "a database that does not answer is given up after 15 s (0 would wait for ever), and a sign-in storm on a busy machine needs more than 5 s for new connections (docs/reliability.md, Load)");
        portal.CommandTimeout.Should().Be(30);
        portal.Options.Should().Be("-c jit=off");

        var own = new NpgsqlConnectionStringBuilder(AppDbContextOptions.ForPortal("Host=db;Database=plantracker;Username=app;Timeout=7;Command Timeout=90"));
        own.Timeout.Should().Be(7);
        own.CommandTimeout.Should().Be(90);
    }

    private static async Task<string?> ShowAsync(string connectionString, string setting)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SHOW {setting}", connection);
        return (string?)await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
