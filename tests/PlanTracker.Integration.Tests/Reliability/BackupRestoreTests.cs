using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PlanTracker.Cli;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Backup;
using PlanTracker.Integration.Tests.LocalPostgres;
using PlanTracker.Integration.Tests.Support;
using PlanTracker.TestSupport;

namespace PlanTracker.Integration.Tests.Reliability;

/// <summary>
/// The backup routine of docs/reliability.md end to end: a database with real workflow data (reports in every state, evidence
/// files, audit entries, plan versions) backed up with <c>plantracker backup</c>, restored with <c>plantracker restore</c>
/// into a new, empty PostgreSQL cluster, and checked from outside the tool — and the portal started on the restored database.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Reliability)]
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private static readonly string[] KeyTables = ["progress_reports", "progress_report_events", "evidence_files", "audit_log", "plan_versions", "users"];

    private readonly string _directory = Directory.CreateTempSubdirectory("plantracker-backup-").FullName;
    private readonly TempClusterDirectory _emptyCluster = new();
    private MigratedDatabase _source = null!;

    public async Task InitializeAsync()
    {
        _source = await GeneratedVolume.CreateAsync("--plans", "1", "--tasks", "6", "--periods", "4");
        await PortalAccounts.AddUserAsync(_source.ConnectionString, "planner", "Planner");
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _emptyCluster.DisposeAsync();
        await _source.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task BackupThenRestoreIntoANewEmptyCluster_FindsEveryReportFileAndAuditEntry_AndThePortalServesAReportFromIt()
    {
        var files = await AddEvidenceAsync();
        (await StatusesAsync(_source.ConnectionString)).Should().BeEquivalentTo(Enum.GetNames<ReportStatus>(), "the source holds reports in every state");
        (await _source.CountAsync("SELECT count(*) FROM audit_log")).Should().BeGreaterThan(0);
        var dump = Path.Combine(_directory, "portal.dump");

        var (backupCode, backupOutput, backupError) = await CliAsync(_source.ConnectionString, "backup", "--out", dump);
        var cluster = await _emptyCluster.StartAsync();
        var target = cluster.ConnectionString("restored");
        var (restoreCode, restoreOutput, restoreError) = await CliAsync(null, "restore", "--from", dump, "--into", target);

        backupCode.Should().Be(CliApplication.Success, backupError);
        backupOutput.Should().Contain("备份完成").And.Contain("evidence_files");
        restoreCode.Should().Be(CliApplication.Success, restoreError + restoreOutput);
        restoreOutput.Should().Contain("一致性检查通过");

        // Checked again here, not only by the tool: every row of the tables people write, the same on both sides.
        foreach (var table in KeyTables)
        {
            var before = await RowsAsync(_source.ConnectionString, table);
            before.Should().NotBeEmpty(table);
            (await RowsAsync(target, table)).Should().Equal(before, $"every row of {table} is restored as it was");
        }

        (await StatusesAsync(target)).Should().BeEquivalentTo(Enum.GetNames<ReportStatus>());
        await using (var restored = new NpgsqlConnection(target))
        {
            await restored.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT id, content, sha256 FROM evidence_files ORDER BY id", restored);
            await using var reader = await command.ExecuteReaderAsync();
            var found = new Dictionary<long, byte[]>();
            while (await reader.ReadAsync())
            {
                found[reader.GetInt64(0)] = (byte[])reader[1];
                reader.GetString(2).Should().Be(EvidenceFile.HashOf(found[reader.GetInt64(0)]));
            }

            found.Keys.Should().BeEquivalentTo(files.Keys);
            foreach (var (id, file) in files)
            {
                found[id].Should().Equal(file.Content, "the evidence file's bytes are the uploaded bytes");
            }
        }

        await using (var db = Infrastructure.Persistence.AppDbContextOptions.Create(target))
        {
            (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty("the restored schema is this build's");
            (await db.Database.GetAppliedMigrationsAsync()).Should().Equal(db.Database.GetMigrations());
        }

        // The portal, started on the restored database, serves a report and its evidence file.
        await using var portal = await PortalProcess.StartAsync("restored", target);
        using var planner = new PortalVisitor();
        (await planner.SignInAsync(portal, portal, "planner", PortalAccounts.Password)).Dispose();
        planner.HasSession.Should().BeTrue(portal.Log);
        var (fileId, evidence) = files.First();
        var page = await planner.PageAsync(portal, $"/progress/reports/{evidence.ReportId}");
        page.Should().Contain(evidence.FileName);
        using var download = await planner.GetAsync(portal, $"/progress/reports/{evidence.ReportId}/evidence/{fileId}");
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal(evidence.Content);

        // And the tool's check can fail: one changed byte of one file in the restored database is a difference it names.
        await using (var restored = new NpgsqlConnection(target))
        {
            await restored.OpenAsync();
            await using (var damage = new NpgsqlCommand($"UPDATE evidence_files SET content = set_byte(content, 100, (get_byte(content, 100) + 1) % 256) WHERE id = {fileId}", restored))
            {
                await damage.ExecuteNonQueryAsync();
            }

            await using var transaction = await restored.BeginTransactionAsync();
            var damaged = await DatabaseFingerprint.TakeAsync(restored, CancellationToken.None);
            var manifest = await DatabaseBackup.ReadManifestAsync(dump);
            manifest.Fingerprint.DifferencesFrom(damaged).Should().Contain(d => d.Contains("evidence_files", StringComparison.Ordinal))
                .And.Contain(d => d.Contains("SHA-256", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Backup_TakesOneSnapshot_AndItsManifestCountsWhatTheDumpHolds()
    {
        var dump = Path.Combine(_directory, "snapshot.dump");

        var (code, _, error) = await CliAsync(_source.ConnectionString, "backup", "--out", dump);
        var manifest = await DatabaseBackup.ReadManifestAsync(dump);

        code.Should().Be(CliApplication.Success, error);
        manifest.DumpBytes.Should().Be(new FileInfo(dump).Length);
        manifest.Fingerprint.Table("progress_reports")!.Rows.Should().Be(await _source.CountAsync("SELECT count(*) FROM progress_reports"));
        manifest.Fingerprint.Table("audit_log")!.Rows.Should().Be(await _source.CountAsync("SELECT count(*) FROM audit_log"));
        manifest.Fingerprint.Migrations.Should().NotBeEmpty();
        File.Exists(dump + ".partial").Should().BeFalse("a finished backup leaves no partial file");
    }

    [Fact]
    public async Task Restore_IntoADatabaseThatIsNotEmpty_IsRefused_AndChangesNothing()
    {
        var dump = Path.Combine(_directory, "refused.dump");
        (await CliAsync(_source.ConnectionString, "backup", "--out", dump)).Code.Should().Be(CliApplication.Success);
        var reports = await _source.CountAsync("SELECT count(*) FROM progress_reports");

        var (code, _, error) = await CliAsync(null, "restore", "--from", dump, "--into", _source.ConnectionString);

        code.Should().Be(CliApplication.BadInput);
        error.Should().Contain("不是空的");
        (await _source.CountAsync("SELECT count(*) FROM progress_reports")).Should().Be(reports);
    }

    [Fact]
    public async Task Restore_OfADamagedDump_IsRefusedBeforeTheTargetIsTouched()
    {
        var dump = Path.Combine(_directory, "damaged.dump");
        (await CliAsync(_source.ConnectionString, "backup", "--out", dump)).Code.Should().Be(CliApplication.Success);
        var bytes = await File.ReadAllBytesAsync(dump);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(dump, bytes);
        var cluster = await _emptyCluster.StartAsync();

        var (code, _, error) = await CliAsync(null, "restore", "--from", dump, "--into", cluster.ConnectionString("never_created"));

        code.Should().Be(CliApplication.BadInput);
        error.Should().Contain("已损坏");
        (await Infrastructure.LocalPostgres.PostgresDatabaseAdmin.DatabaseExistsAsync(cluster.ConnectionString("postgres"), "never_created")).Should().BeFalse();
    }

    /// <summary>Three evidence files (a small one, one of 300 KB, one of 3 MB) on reports that reached the ministry, written
    /// through the audited context like an upload; returns them by id.</summary>
    private async Task<Dictionary<long, (long ReportId, string FileName, byte[] Content)>> AddEvidenceAsync()
    {
        await using var db = _source.CreateContext();
        var reports = await db.ProgressReports.IgnoreQueryFilters()
            .Where(r => r.Status == ReportStatus.Approved || r.Status == ReportStatus.Submitted)
            .OrderBy(r => r.Id).Take(3).Select(r => new { r.Id, r.UnitId }).ToListAsync();
        var random = new Random(8);
        var added = new List<EvidenceFile>();
        foreach (var (report, size, index) in reports.Zip([2_000, 300_000, 3_000_000], (r, s) => (r, s)).Select((x, i) => (x.r, x.s, i)))
        {
            var content = new byte[size];
            random.NextBytes(content);
            "%PDF-1.7\n"u8.ToArray().CopyTo(content, 0);
            var file = new EvidenceFile(report.Id, report.UnitId, $"佐证材料-{index + 1}.pdf", "application/pdf", content, "bj-reporter", DateTimeOffset.UtcNow);
            db.EvidenceFiles.Add(file);
            added.Add(file);
        }

        await db.SaveChangesAsync();
        return added.ToDictionary(f => f.Id, f => (f.ProgressReportId, f.FileName, f.Content));
    }

    private static async Task<List<string>> StatusesAsync(string connectionString) =>
        await ColumnAsync(connectionString, "SELECT DISTINCT status FROM progress_reports ORDER BY 1");

    private static Task<List<string>> RowsAsync(string connectionString, string table) =>
        ColumnAsync(new NpgsqlConnectionStringBuilder(connectionString) { Timezone = "UTC" }.ConnectionString, $"SELECT md5(t::text) FROM {table} t ORDER BY id");

    private static async Task<List<string>> ColumnAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task<(int Code, string Output, string Error)> CliAsync(string? connectionString, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.RunAsync(args, output, error, CancellationToken.None, connectionString);
        return (code, output.ToString(), error.ToString());
    }
}
