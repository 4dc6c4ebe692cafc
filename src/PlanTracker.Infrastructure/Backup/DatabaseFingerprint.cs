using System.Globalization;
using Npgsql;

namespace PlanTracker.Infrastructure.Backup;

/// <summary>One table as a backup saw it: how many rows, and a checksum of their contents independent of row order.</summary>
public sealed record TableFingerprint(string Table, long Rows, string Checksum);

/// <summary>
/// What a database holds, in a form two databases can be compared by: every table's row count and checksum (an md5 over
/// the sorted md5s of each row's text), every sequence's position, the applied migrations, and how many evidence files no
/// longer match the SHA-256 recorded when they were uploaded. Taken inside one transaction, so it describes one moment.
/// </summary>
public sealed record DatabaseFingerprint(
    IReadOnlyList<TableFingerprint> Tables,
    IReadOnlyDictionary<string, long?> Sequences,
    IReadOnlyList<string> Migrations,
    long EvidenceFilesNotMatchingTheirHash)
{
    /// <summary>The tables whose rows the people of the portal wrote; the restore report names them first.</summary>
    public static readonly string[] KeyTables = ["public.progress_reports", "public.evidence_files", "public.audit_log", "public.plan_versions"];

    /// <summary>
    /// Reads the fingerprint over <paramref name="connection"/>, in whatever transaction is open on it (a backup reads it
    /// in the transaction whose snapshot pg_dump dumps). The session's output settings are fixed first, so the same rows
    /// give the same text on either side.
    /// </summary>
    public static async Task<DatabaseFingerprint> TakeAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await ExecuteAsync(
            connection,
            "SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL IntervalStyle = 'postgres'; "
            + "SET LOCAL extra_float_digits = 1; SET LOCAL bytea_output = 'hex'",
            ct).ConfigureAwait(false);

        var tableNames = await ColumnAsync(
            connection,
            """
            SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
            ORDER BY 1
            """,
            ct).ConfigureAwait(false);

        var tables = new List<TableFingerprint>(tableNames.Count);
        foreach (var table in tableNames)
        {
            // Each row's text hashed, the hashes sorted: the checksum does not depend on where a row sits on disk.
            await using var command = new NpgsqlCommand(
                $"SELECT count(*), coalesce(md5(string_agg(h, '' ORDER BY h)), '') FROM (SELECT md5(t::text) AS h FROM {table} t) s",
                connection)
            { CommandTimeout = 0 };
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.ReadAsync(ct).ConfigureAwait(false);
            tables.Add(new TableFingerprint(Unqualified(table), reader.GetInt64(0), reader.GetString(1)));
        }

        var sequences = new SortedDictionary<string, long?>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            "SELECT schemaname || '.' || sequencename, last_value FROM pg_sequences WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
            connection))
        await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                sequences[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetInt64(1);
            }
        }

        var migrations = tableNames.Contains("public.__ef_migrations_history")
            ? await ColumnAsync(connection, "SELECT * FROM __ef_migrations_history ORDER BY 1", ct).ConfigureAwait(false)
            : [];
        var badEvidence = tableNames.Contains("public.evidence_files")
            ? await CountAsync(connection, "SELECT count(*) FROM evidence_files WHERE encode(sha256(content), 'hex') <> sha256", ct).ConfigureAwait(false)
            : 0;
        return new DatabaseFingerprint(tables, sequences, migrations, badEvidence);
    }

    /// <summary>Everything in which <paramref name="restored"/> differs from this fingerprint, in words; empty when they agree.</summary>
    public IReadOnlyList<string> DifferencesFrom(DatabaseFingerprint restored)
    {
        ArgumentNullException.ThrowIfNull(restored);
        var differences = new List<string>();
        var theirs = restored.Tables.ToDictionary(t => t.Table, StringComparer.Ordinal);
        foreach (var table in Tables)
        {
            if (!theirs.Remove(table.Table, out var other))
            {
                differences.Add($"表 {table.Table} 缺失 / table {table.Table} is missing");
            }
            else if (other.Rows != table.Rows)
            {
                differences.Add($"表 {table.Table}：备份 {table.Rows} 行，恢复后 {other.Rows} 行 / rows {table.Rows} in the backup, {other.Rows} restored");
            }
            else if (!string.Equals(other.Checksum, table.Checksum, StringComparison.Ordinal))
            {
                differences.Add($"表 {table.Table}：行数相同但内容不同 / same row count, different contents");
            }
        }

        differences.AddRange(theirs.Keys.Select(t => $"表 {t} 为备份中所无 / table {t} is not in the backup"));
        foreach (var (sequence, value) in Sequences)
        {
            if (!restored.Sequences.TryGetValue(sequence, out var other) || other != value)
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"序列 {sequence}：备份 {value}，恢复后 {other} / sequence position differs"));
            }
        }

        if (!Migrations.SequenceEqual(restored.Migrations, StringComparer.Ordinal))
        {
            differences.Add("数据库迁移记录不同 / the migration history differs");
        }

        if (restored.EvidenceFilesNotMatchingTheirHash > EvidenceFilesNotMatchingTheirHash)
        {
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"{restored.EvidenceFilesNotMatchingTheirHash} 个佐证材料的内容与其 SHA-256 不符 / evidence files whose bytes do not match their SHA-256"));
        }

        return differences;
    }

    public TableFingerprint? Table(string name) =>
        Tables.FirstOrDefault(t => string.Equals(t.Table, Unqualified(name), StringComparison.Ordinal));

    private static string Unqualified(string table) =>
        table.StartsWith("public.", StringComparison.Ordinal) ? table["public.".Length..] : table;

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static async Task<List<string>> ColumnAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        var values = new List<string>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
