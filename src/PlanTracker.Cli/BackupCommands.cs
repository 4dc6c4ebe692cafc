using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanTracker.Infrastructure.Backup;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Cli;

/// <summary>
/// `plantracker backup --out FILE` and `plantracker restore --from FILE --into CONNECTION`: the portal's backup routine
/// (docs/reliability.md, "Backup and restore"). The backup is a pg_dump of one snapshot with a manifest of what it holds;
/// the restore goes only into an empty database and ends by checking it against that manifest and against this build's
/// migrations. Exit code 0 only when the restored database is the backed-up one.
/// </summary>
internal static class BackupCommands
{
    public const string BackupUsage = "用法 / usage: plantracker backup --out FILE";
    public const string RestoreUsage = "用法 / usage: plantracker restore --from FILE --into CONNECTION (an empty or missing database)";

    public static async Task<int> BackupAsync(string[] args, TextWriter output, TextWriter error, CliApplication.DatabaseWork withDatabase, CancellationToken cancellationToken)
    {
        var outFile = Option(args, "--out");
        if (string.IsNullOrWhiteSpace(outFile))
        {
            return CliApplication.Fail(error, CliApplication.BadInput, BackupUsage);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(outFile));
        if (directory is not null && !Directory.Exists(directory))
        {
            return CliApplication.Fail(error, CliApplication.BadInput, $"目录不存在 / no such directory: {directory}");
        }

        return await withDatabase(async services =>
        {
            var connectionString = services.GetRequiredService<AppDbContext>().Database.GetConnectionString()!;
            var manifest = await DatabaseBackup.BackupAsync(connectionString, outFile, ct: cancellationToken);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"备份完成 / backup written: {Path.GetFullPath(outFile)} ({manifest.DumpBytes:N0} bytes, {manifest.Seconds:0.0} s, SHA-256 {manifest.DumpSha256})"));
            output.WriteLine($"清单 / manifest: {DatabaseBackup.ManifestPath(Path.GetFullPath(outFile))}");
            WriteKeyTables(output, manifest.Fingerprint);
            return CliApplication.Success;
        });
    }

    public static async Task<int> RestoreAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var from = Option(args, "--from");
        var into = Option(args, "--into");
        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(into))
        {
            return CliApplication.Fail(error, CliApplication.BadInput, RestoreUsage);
        }

        RestoreOutcome outcome;
        try
        {
            outcome = await DatabaseBackup.RestoreAsync(from, into, ct: cancellationToken);
        }
        catch (BackupRefusedException refused)
        {
            return CliApplication.Fail(error, CliApplication.BadInput, refused.Message);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"已恢复 / restored {outcome.Manifest.DumpFileName} (taken {outcome.Manifest.TakenAt:u}) in {outcome.Seconds:0.0} s"));
        WriteKeyTables(output, outcome.Restored);

        var problems = outcome.Differences.ToList();
        await using (var db = AppDbContextOptions.Create(into))
        {
            // The schema must be this build's: a dump of a newer portal has migrations this one does not know.
            var known = db.Database.GetMigrations().ToList();
            var unknown = outcome.Restored.Migrations.Except(known, StringComparer.Ordinal).ToList();
            var pending = known.Except(outcome.Restored.Migrations, StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                problems.Add($"备份来自更新的版本，本程序不认识其迁移 / the backup comes from a newer portal; unknown migrations: {string.Join(", ", unknown)}");
            }
            else if (pending.Count > 0)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"备份来自较早的版本：请运行 plantracker migrate / the backup predates {pending.Count} migration(s) of this portal: run plantracker migrate"));
            }
        }

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                error.WriteLine(problem);
            }

            return CliApplication.Fail(error, CliApplication.Failure, "恢复后的数据库与备份不一致 / the restored database does not match the backup");
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"一致性检查通过 / consistent: {outcome.Restored.Tables.Count} tables, {outcome.Restored.Tables.Sum(t => t.Rows):N0} rows, counts and checksums equal to the backup's"));
        return CliApplication.Success;
    }

    private static void WriteKeyTables(TextWriter output, DatabaseFingerprint fingerprint)
    {
        foreach (var name in DatabaseFingerprint.KeyTables)
        {
            if (fingerprint.Table(name) is { } table)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {table.Table,-20} {table.Rows,10:N0} rows  md5 {table.Checksum}"));
            }
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
