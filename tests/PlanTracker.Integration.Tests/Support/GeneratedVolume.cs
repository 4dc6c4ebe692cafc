using System.Globalization;
using Npgsql;
using PlanTracker.Cli;

namespace PlanTracker.Integration.Tests.Support;

/// <summary>
/// A fresh migrated database filled by <c>plantracker generate-scale-data</c> at a small volume: every workflow state,
/// every colour and several indicator kinds occur, which hand-made seeds rarely reach. The monitoring and adjustment
/// tests start from it.
/// </summary>
public static class GeneratedVolume
{
    /// <param name="options">Generator options, e.g. <c>--plans 1 --tasks 6 --periods 4</c>; <c>--today 2026-11-26</c> is added.</param>
    public static async Task<MigratedDatabase> CreateAsync(params string[] options)
    {
        var database = await MigratedDatabase.CreateAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.RunAsync(["generate-scale-data", .. options, "--today", "2026-11-26"], output, error, CancellationToken.None, database.ConnectionString);
        code.Should().Be(CliApplication.Success, error.ToString());
        return database;
    }

    /// <summary>Runs a statement straight on the database (around the model, as another writer would); returns the rows it touched.</summary>
    public static async Task<int> ExecuteAsync(this MigratedDatabase database, string sql)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of the first row, as a whole number (counts, ids).</summary>
    public static async Task<long> CountAsync(this MigratedDatabase database, string sql)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
