using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using PlanTracker.Infrastructure.LocalPostgres;

namespace PlanTracker.Infrastructure.Backup;

/// <summary>What a backup wrote beside its dump: which database, when, the dump's own checksum, and the fingerprint of the
/// data the dump holds (taken in the same snapshot pg_dump read).</summary>
public sealed record BackupManifest(
    int Format,
    DateTimeOffset TakenAt,
    string Database,
    string ServerVersion,
    string DumpFileName,
    long DumpBytes,
    string DumpSha256,
    double Seconds,
    DatabaseFingerprint Fingerprint)
{
    public const int CurrentFormat = 1;
}

/// <summary>A restore and its check: the manifest of the backup, the fingerprint of the restored database, what differs.</summary>
public sealed record RestoreOutcome(BackupManifest Manifest, DatabaseFingerprint Restored, IReadOnlyList<string> Differences, double Seconds)
{
    public bool Consistent => Differences.Count == 0;
}

/// <summary>A refusal before anything was changed: the dump is damaged, its manifest is missing, the target is not empty.</summary>
public sealed class BackupRefusedException(string message) : Exception(message);

/// <summary>
/// The portal's backup and restore: PostgreSQL's own tools, with a check that what was restored is what was backed up.
/// Everything the portal keeps is in its database — reports, evidence files (bytea), the audit log, plan versions, the
/// data-protection keys of the sign-in cookies — so a dump of that one database is a whole backup; nothing lives on disk.
/// <list type="bullet">
/// <item>Backup: <c>pg_dump --format=custom</c> of one snapshot; in that same snapshot every table's row count and
/// checksum are read into <c>FILE.manifest.json</c>, with the dump's SHA-256.</item>
/// <item>Restore: the dump's SHA-256 checked against the manifest, <c>pg_restore --single-transaction --exit-on-error</c>
/// into an empty database (all or nothing), then the fingerprint read again and compared table by table.</item>
/// </list>
/// </summary>
public static class DatabaseBackup
{
    private static readonly JsonSerializerOptions ManifestJson = new() { WriteIndented = true };

    public static string ManifestPath(string dumpFile) => dumpFile + ".manifest.json";

    public static async Task<BackupManifest> BackupAsync(string connectionString, string outFile, string? binDirectory = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentException.ThrowIfNullOrEmpty(outFile);
        var pgDump = await ToolAsync("pg_dump", binDirectory, ct).ConfigureAwait(false);
        outFile = Path.GetFullPath(outFile);
        Directory.CreateDirectory(Path.GetDirectoryName(outFile)!);
        var partial = outFile + ".partial";
        File.Delete(partial);
        var clock = Stopwatch.StartNew();

        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, CommandTimeout = 0 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        // One snapshot for the dump and the fingerprint: what the manifest counts is exactly what the dump holds, while the
        // portal goes on writing.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct).ConfigureAwait(false);
        string snapshot;
        await using (var export = new NpgsqlCommand("SELECT pg_export_snapshot()", connection, transaction))
        {
            snapshot = (string)(await export.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }

        var dump = RunAsync(
            pgDump,
            ["--format=custom", $"--snapshot={snapshot}", $"--file={partial}", "--no-password", $"--dbname={ConnInfo(builder)}"],
            builder.Password,
            ct);
        var fingerprint = await DatabaseFingerprint.TakeAsync(connection, ct).ConfigureAwait(false);
        var result = await dump.ConfigureAwait(false);
        var serverVersion = connection.PostgreSqlVersion.ToString();
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            File.Delete(partial);
            throw new InvalidOperationException($"pg_dump 失败 / pg_dump failed ({result.ExitCode}): {result.StandardError.Trim()}");
        }

        var (bytes, sha256) = await HashFileAsync(partial, ct).ConfigureAwait(false);
        File.Move(partial, outFile, overwrite: true);
        var manifest = new BackupManifest(
            BackupManifest.CurrentFormat,
            DateTimeOffset.UtcNow,
            builder.Database ?? string.Empty,
            serverVersion,
            Path.GetFileName(outFile),
            bytes,
            sha256,
            Math.Round(clock.Elapsed.TotalSeconds, 2),
            fingerprint);
        var manifestPath = ManifestPath(outFile);
        await File.WriteAllTextAsync(manifestPath + ".partial", JsonSerializer.Serialize(manifest, ManifestJson), ct).ConfigureAwait(false);
        File.Move(manifestPath + ".partial", manifestPath, overwrite: true);
        return manifest;
    }

    public static async Task<BackupManifest> ReadManifestAsync(string dumpFile, CancellationToken ct = default)
    {
        var path = ManifestPath(Path.GetFullPath(dumpFile));
        if (!File.Exists(dumpFile))
        {
            throw new BackupRefusedException($"没有备份文件 / no backup file: {dumpFile}");
        }

        if (!File.Exists(path))
        {
            throw new BackupRefusedException($"缺少备份清单 / the manifest is missing: {path}（每个备份都写有清单 / every backup writes one）");
        }

        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<BackupManifest>(stream, ManifestJson, ct).ConfigureAwait(false)
            ?? throw new BackupRefusedException($"备份清单无法读取 / the manifest cannot be read: {path}");
    }

    /// <summary>
    /// Restores <paramref name="dumpFile"/> into the database named by <paramref name="intoConnectionString"/> (created when
    /// missing, refused when it holds any table), then checks it against the backup's manifest.
    /// </summary>
    public static async Task<RestoreOutcome> RestoreAsync(string dumpFile, string intoConnectionString, string? binDirectory = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dumpFile);
        ArgumentException.ThrowIfNullOrEmpty(intoConnectionString);
        var manifest = await ReadManifestAsync(dumpFile, ct).ConfigureAwait(false);
        var (bytes, sha256) = await HashFileAsync(dumpFile, ct).ConfigureAwait(false);
        if (bytes != manifest.DumpBytes || !string.Equals(sha256, manifest.DumpSha256, StringComparison.Ordinal))
        {
            throw new BackupRefusedException(
                $"备份文件已损坏（SHA-256 与清单不符），未作任何恢复 / the backup file is damaged (its SHA-256 is not the manifest's); nothing was restored: {dumpFile}");
        }

        var pgRestore = await ToolAsync("pg_restore", binDirectory, ct).ConfigureAwait(false);
        var target = new NpgsqlConnectionStringBuilder(intoConnectionString) { Pooling = false, CommandTimeout = 0 };
        if (string.IsNullOrEmpty(target.Database))
        {
            throw new BackupRefusedException("目标连接未指明数据库 / the target connection names no database");
        }

        var maintenance = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres" }.ConnectionString;
        if (!await PostgresDatabaseAdmin.DatabaseExistsAsync(maintenance, target.Database, ct).ConfigureAwait(false))
        {
            await PostgresDatabaseAdmin.CreateDatabaseAsync(maintenance, target.Database, template: null, ct).ConfigureAwait(false);
        }
        else if (await ObjectCountAsync(target.ConnectionString, ct).ConfigureAwait(false) is > 0 and var objects)
        {
            throw new BackupRefusedException(string.Create(
                CultureInfo.InvariantCulture,
                $"目标数据库 {target.Database} 不是空的（{objects} 个表或序列），未作任何恢复 / the target database is not empty ({objects} tables or sequences); nothing was restored"));
        }

        var clock = Stopwatch.StartNew();
        var result = await RunAsync(
            pgRestore,
            ["--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges", "--no-password", $"--dbname={ConnInfo(target)}", Path.GetFullPath(dumpFile)],
            target.Password,
            ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_restore 失败，目标库未改变 / pg_restore failed, the target is unchanged ({result.ExitCode}): {result.StandardError.Trim()}");
        }

        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct).ConfigureAwait(false);
        var restored = await DatabaseFingerprint.TakeAsync(connection, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return new RestoreOutcome(manifest, restored, manifest.Fingerprint.DifferencesFrom(restored), Math.Round(clock.Elapsed.TotalSeconds, 2));
    }

    /// <summary>A libpq connection string ("host=… port=…") for the PostgreSQL tools; the password travels in PGPASSWORD.</summary>
    internal static string ConnInfo(NpgsqlConnectionStringBuilder builder)
    {
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(key + "='" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'");
            }
        }

        Add("host", builder.Host);
        Add("port", builder.Port.ToString(CultureInfo.InvariantCulture));
        Add("user", builder.Username);
        Add("dbname", builder.Database);
        Add("sslmode", builder.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => null,
        });
        return string.Join(' ', parts);
    }

    private static async Task<long> ObjectCountAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'S', 'v', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
            """,
            connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static async Task<string> ToolAsync(string name, string? binDirectory, CancellationToken ct)
    {
        var directory = binDirectory ?? (await PostgresTools.LocateAsync(null, ct).ConfigureAwait(false)).BinDirectory;
        var path = Path.Combine(directory, name);
        return File.Exists(path)
            ? path
            : throw new BackupRefusedException($"找不到 {name} / {name} was not found in {directory} (install the PostgreSQL client tools)");
    }

    private static async Task<(long Bytes, string Sha256)> HashFileAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(stream, ct).ConfigureAwait(false);
        return (stream.Length, Convert.ToHexStringLower(hash));
    }

    /// <summary>pg_dump or pg_restore, as long as the data takes; the password goes in the tool's environment, not its arguments.</summary>
    private static Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, string? password, CancellationToken ct) =>
        ProcessRunner.RunAsync(
            program,
            arguments,
            Timeout.InfiniteTimeSpan,
            ct,
            string.IsNullOrEmpty(password) ? null : new Dictionary<string, string> { ["PGPASSWORD"] = password });
}
