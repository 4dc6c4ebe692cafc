using Npgsql;
using PlanTracker.Infrastructure.LocalPostgres;
using PlanTracker.TestSupport;

namespace PlanTracker.Integration.Tests.LocalPostgres;

public sealed class SeededTableFixture : TestDatabaseFixture
{
    protected override Task PrepareTemplateAsync(string connectionString) =>
        Sql.ExecuteAsync(connectionString, "CREATE TABLE plans (name text); INSERT INTO plans VALUES ('十四五规划')");
}

public sealed class TestDatabaseTests(SeededTableFixture fixture) : IClassFixture<SeededTableFixture>
{
    private static Task SeedAsync(string connectionString) =>
        Sql.ExecuteAsync(connectionString, "CREATE TABLE plans (name text); INSERT INTO plans VALUES ('十四五规划')");

    [Fact]
    public async Task Fixture_ClonedDatabase_HasTemplateTableAndRows()
    {
        (await Sql.ScalarAsync<string>(fixture.ConnectionString, "SELECT name FROM plans")).Should().Be("十四五规划");
        fixture.DatabaseName.Should().StartWith("pt_test_");
    }

    [Fact]
    public async Task CreateAsync_TwoDatabasesFromOneTemplate_AreIndependent()
    {
        await using var first = await TestDatabase.CreateAsync("independence", SeedAsync);
        await using var second = await TestDatabase.CreateAsync("independence", SeedAsync);

        await Sql.ExecuteAsync(first.ConnectionString, "DELETE FROM plans");

        first.Name.Should().NotBe(second.Name);
        (await Sql.ScalarAsync<long>(first.ConnectionString, "SELECT count(*) FROM plans")).Should().Be(0);
        (await Sql.ScalarAsync<long>(second.ConnectionString, "SELECT count(*) FROM plans")).Should().Be(1);
    }

    [Fact]
    public async Task CreateAsync_SameTemplateKey_PreparesTemplateOnce()
    {
        var preparations = 0;
        Task CountingSeed(string cs)
        {
            Interlocked.Increment(ref preparations);
            return SeedAsync(cs);
        }

        var key = "once-" + Guid.NewGuid().ToString("N");
        await using (await TestDatabase.CreateAsync(key, CountingSeed))
        await using (await TestDatabase.CreateAsync(key, CountingSeed))
        {
            preparations.Should().Be(1);
        }
    }

    [Fact]
    public async Task DisposeAsync_UsedDatabase_DropsIt()
    {
        var database = await TestDatabase.CreateAsync("dispose", SeedAsync);
        await Sql.ScalarAsync<long>(database.ConnectionString, "SELECT count(*) FROM plans");
        var server = await PostgresServer.GetAsync();
        var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString("postgres")).ConnectionString;

        await database.DisposeAsync();

        (await PostgresDatabaseAdmin.DatabaseExistsAsync(admin, database.Name)).Should().BeFalse();
    }

    [Fact]
    public async Task CreateAsync_PreparationFails_ThrowsItsException()
    {
        var create = async () => await TestDatabase.CreateAsync(
            "failing-" + Guid.NewGuid().ToString("N"), _ => throw new InvalidOperationException("migration broke"));

        (await create.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Be("migration broke");
    }
}
