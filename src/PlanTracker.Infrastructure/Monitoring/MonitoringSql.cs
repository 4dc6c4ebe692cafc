using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Infrastructure.Monitoring;

/// <summary>
/// Runs the monitoring SQL on the context's own connection (and transaction, if one is open). Monitoring reads are
/// aggregates over hundreds of thousands of rows: they are written in SQL and read row by row into small records,
/// never as tracked entities. Raw SQL does not pass the context's query filters, so every caller scopes by unit itself.
/// </summary>
public sealed class MonitoringSql(AppDbContext db)
{
    public async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, IEnumerable<NpgsqlParameter> parameters, Func<DbDataReader, T> map, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        var connection = db.Database.GetDbConnection();
        var opened = false;
        if (connection.State != ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            opened = true;
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var parameter in parameters)
            {
                command.Parameters.Add(parameter);
            }

            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(map(reader));
            }

            return rows;
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}

/// <summary>Reading nullable columns without ceremony.</summary>
public static class DataReaderExtensions
{
    public static decimal? NullableDecimal(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDecimal(ordinal);

    public static int? NullableInt(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    public static long? NullableLong(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static string? NullableString(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateOnly? NullableDate(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateOnly>(ordinal);

    public static DateOnly Date(this DbDataReader reader, int ordinal) => reader.GetFieldValue<DateOnly>(ordinal);
}
