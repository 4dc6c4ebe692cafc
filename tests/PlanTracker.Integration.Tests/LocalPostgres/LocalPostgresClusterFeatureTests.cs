using Microsoft.Extensions.Logging.Abstractions;
using PlanTracker.Infrastructure.LocalPostgres;

namespace PlanTracker.Integration.Tests.LocalPostgres;

/// <summary>One cluster shared by tests that only read settings or work in databases of their own.</summary>
public sealed class SharedClusterFixture : IAsyncLifetime
{
    private readonly TempClusterDirectory _temp = new();

    public LocalPostgresCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Cluster = await LocalPostgresCluster.StartAsync(_temp.Options(), NullLogger.Instance, CancellationToken.None);

    public async Task DisposeAsync() => await _temp.DisposeAsync();
}

public sealed class LocalPostgresClusterFeatureTests(SharedClusterFixture fixture) : IClassFixture<SharedClusterFixture>
{
    private LocalPostgresCluster Cluster => fixture.Cluster;

    [Theory]
    [InlineData("fsync")]
    [InlineData("full_page_writes")]
    [InlineData("synchronous_commit")]
    public async Task Settings_DurabilitySetting_IsOn(string setting)
    {
        (await Sql.ScalarAsync<string>(Cluster.ConnectionString(), $"SHOW {setting}")).Should().Be("on");
    }

    [Fact]
    public async Task Settings_ListenAddress_IsLoopbackOnly()
    {
        (await Sql.ScalarAsync<string>(Cluster.ConnectionString(), "SHOW listen_addresses")).Should().Be("127.0.0.1");
    }

    [Fact]
    public async Task Database_EncodingAndLocale_AreUtf8()
    {
        (await Sql.ScalarAsync<string>(Cluster.ConnectionString(), "SHOW server_encoding")).Should().Be("UTF8");
        (await Sql.ScalarAsync<string>(Cluster.ConnectionString(), "SHOW lc_ctype")).Should().Be("C.UTF-8");
    }

    [Fact]
    public async Task CreateDatabaseAsync_FromTemplate_CopiesTemplateTables()
    {
        var template = "tpl_" + Guid.NewGuid().ToString("N")[..8];
        var clone = "clone_" + Guid.NewGuid().ToString("N")[..8];
        await Cluster.CreateDatabaseAsync(template);
        await Sql.ExecuteAsync(Cluster.ConnectionString(template), "CREATE TABLE indicators (name text); INSERT INTO indicators VALUES ('GDP')");
        Npgsql.NpgsqlConnection.ClearAllPools();

        await Cluster.CreateDatabaseAsync(clone, template);

        (await Sql.ScalarAsync<string>(Cluster.ConnectionString(clone), "SELECT name FROM indicators")).Should().Be("GDP");
    }

    [Fact]
    public async Task DropDatabaseAsync_DatabaseWithOpenConnection_RemovesIt()
    {
        var name = "drop_" + Guid.NewGuid().ToString("N")[..8];
        await Cluster.CreateDatabaseAsync(name);
        await using var open = new Npgsql.NpgsqlConnection(Cluster.ConnectionString(name));
        await open.OpenAsync();

        await Cluster.DropDatabaseAsync(name);

        (await PostgresDatabaseAdmin.DatabaseExistsAsync(Cluster.ConnectionString("postgres"), name)).Should().BeFalse();
    }

    [Fact]
    public async Task PgTrgm_ChineseSubstring_IndexedIlikeFindsRow()
    {
        var name = "trgm_" + Guid.NewGuid().ToString("N")[..8];
        await Cluster.CreateDatabaseAsync(name);
        var cs = Cluster.ConnectionString(name);
        await Sql.ExecuteAsync(cs, """
            CREATE EXTENSION pg_trgm;
            CREATE TABLE measures (id int PRIMARY KEY, body text NOT NULL);
            CREATE INDEX ix_measures_body_trgm ON measures USING gin (body gin_trgm_ops);
            INSERT INTO measures VALUES
                (1, '大力发展电子商务云服务，推动数字经济'),
                (2, '加快建设现代化产业体系'),
                (3, '提高居民收入水平');
            """);

        var trigrams = await Sql.ScalarAsync<string[]>(cs, "SELECT show_trgm('电子商务云服务')");
        // Seqscan off so the plan shows whether the trigram index can serve the Chinese pattern at all.
        var plan = string.Join('\n', await Sql.ColumnAsync(cs,
            "SET enable_seqscan = off; EXPLAIN SELECT id FROM measures WHERE body ILIKE '%电子商务%'"));
        var found = await Sql.ColumnAsync(cs, "SET enable_seqscan = off; SELECT id FROM measures WHERE body ILIKE '%电子商务%'");

        trigrams.Should().NotBeNullOrEmpty("C.UTF-8 must classify CJK characters as word characters for pg_trgm");
        plan.Should().Contain("ix_measures_body_trgm");
        found.Should().Equal("1");
    }
}
