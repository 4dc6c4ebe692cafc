using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Npgsql;
using PlanTracker.TestSupport;
using Xunit.Abstractions;

namespace PlanTracker.Integration.Tests.Reliability;

/// <summary>
/// Fault: the disk of the evidence files full. Evidence files are stored in PostgreSQL (bytea in
/// evidence_files, out of line in its TOAST table), so "their disk" is the disk under that table: here a tablespace on
/// a small tmpfs, which fills while the WAL and the rest of the cluster still have room. docs/reliability.md, "Faults".
/// Needs root (mount -t tmpfs), as the test machine's runs are.
/// </summary>
/// <remarks>In the "Faults" collection: one fault scenario at a time, each with its own app process and cluster.</remarks>
[Collection(FaultCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Fault)]
public sealed partial class DiskFullTests(ITestOutputHelper output)
{
    private const int FileBytes = 3 * 1024 * 1024;

    [Fact]
    public async Task EvidenceDiskFull_UploadGets507InChinese_NothingHalfStored_RestStillReads_UploadsWorkOnceThereIsSpace()
    {
        await using var fault = new FaultCluster("disk");
        await fault.StartAsync();
        var world = await FaultWorld.PrepareAsync(fault.ConnectionString, taskCount: 2);
        var space = Path.Combine(fault.Root, "evidence-space");
        Directory.CreateDirectory(space);
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=5m,mode=0700", "tmpfs", space);
        try
        {
            await RunAsync("chown", "postgres:postgres", space);
            await ExecuteAsync(fault.ConnectionString, $"CREATE TABLESPACE evidence_space LOCATION '{space}'");
            await ExecuteAsync(fault.ConnectionString, "ALTER TABLE evidence_files SET TABLESPACE evidence_space");

            await using var portal = await FaultPortal.StartAsync(fault.ConnectionString, fault.LogPath("app"));
            using var reporter = await FaultSession.SignInAsync(portal.BaseAddress, "bj-reporter");
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = portal.BaseAddress };
            var entry = $"/progress/{world.Period}/tasks/{world.Tasks[0]}";

            var first = await UploadAsync(reporter, entry, "第一份.pdf");
            first.Acknowledged.Should().BeTrue("3 MB fit in the 5 MB space: " + first);
            var full = await UploadAsync(reporter, entry, "第二份.pdf");
            output.WriteLine($"upload into the full disk: {full}");

            full.Status.Should().Be(507, "the disk is full: 507 Insufficient Storage");
            full.Body.Should().Contain("存储空间不足").And.Contain("没有保存任何部分内容").And.NotContain("Exception").And.NotContain("   at ");
            (await FileNamesAsync(fault.ConnectionString)).Should().Equal(["第一份.pdf"], "nothing of the refused upload is stored");

            // The rest of the app still reads, the first file included.
            var page = await reporter.GetAsync(entry);
            page.Status.Should().Be(200);
            var download = await reporter.GetAsync(EvidenceLink().Match(page.Body).Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal));
            download.Status.Should().Be(200, "the stored file still downloads");
            (await reporter.GetAsync("/progress")).Status.Should().Be(200);
            (await reporter.SubmitReportAsync(world.Period, world.Tasks[1], "【磁盘满时报送】")).Acknowledged.Should().BeTrue("a report without files is written elsewhere and still goes in");

            // The administrator adds space; the same upload now goes through.
            await RunAsync("mount", "-o", "remount,size=64m", space);
            var again = await UploadAsync(reporter, entry, "第二份.pdf");
            again.Acknowledged.Should().BeTrue("with space, uploads work again: " + again);
            (await FileNamesAsync(fault.ConnectionString)).Should().Equal(["第一份.pdf", "第二份.pdf"]);
            (await world.HalfWrittenReportsAsync(fault.ConnectionString)).Should().BeEmpty();
        }
        finally
        {
            await fault.Cluster.StopImmediatelyAsync();
            await RunAsync("umount", space);
        }
    }

    private static async Task<FaultAnswer> UploadAsync(FaultSession reporter, string entry, string name)
    {
        var form = await reporter.GetAsync(entry);
        form.Status.Should().Be(200);
        var content = new byte[FileBytes];
        Random.Shared.NextBytes(content); // incompressible, as scans are: PostgreSQL stores it at full size
        "%PDF-1.7\n"u8.CopyTo(content);
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return await reporter.PostMultipartAsync(entry + "/evidence", form.Body, ("files", name, file));
    }

    private static async Task<List<string>> FileNamesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT file_name FROM evidence_files ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, UseShellExecute = false })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, $"{program} {string.Join(' ', args)} must succeed (this test needs root for mount): {error}");
    }

    [GeneratedRegex("href=\"(/progress/[^\"]*/evidence/\\d+)\"")]
    private static partial Regex EvidenceLink();
}
