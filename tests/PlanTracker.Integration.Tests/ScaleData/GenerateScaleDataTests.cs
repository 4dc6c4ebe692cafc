using Microsoft.EntityFrameworkCore;
using Npgsql;
using PlanTracker.Cli;
using PlanTracker.Domain.Reporting;
using PlanTracker.Integration.Tests.Support;

namespace PlanTracker.Integration.Tests.ScaleData;

/// <summary>`plantracker generate-scale-data`, run in-process on a freshly migrated database at a small volume.</summary>
public sealed class GenerateScaleDataTests : IAsyncLifetime
{
    // 2 plans × 12 tasks × 37 units × 3 quarters; the third quarter (the one holding "today") is open.
    private static readonly string[] Small = ["generate-scale-data", "--plans", "2", "--tasks", "12", "--periods", "3", "--indicators-per-plan", "9", "--today", "2026-11-26"];
    private const int Combinations = 2 * 12 * 37 * 3;

    private MigratedDatabase _database = null!;

    public async Task InitializeAsync() => _database = await MigratedDatabase.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task SmallRun_StoresPlansTreeAssignmentsReportsEventsAndValues_InTheExpectedShape()
    {
        const string ForeignKeys = "SELECT string_agg(conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid), '|' ORDER BY conrelid::regclass::text, conname) FROM pg_constraint WHERE contype = 'f'";
        var foreignKeys = await ScalarAsync<string>(ForeignKeys);

        var (code, output, error) = await RunAsync(_database, Small);

        code.Should().Be(CliApplication.Success, error);
        (await ScalarAsync<string>(ForeignKeys)).Should().Be(foreignKeys, "the foreign keys dropped for the COPY are back as they were");
        output.Should().Contain("progress_reports").And.Contain("行/秒");
        (await ScalarAsync<long>("SELECT count(*) FROM plans WHERE status = 'Published'")).Should().Be(2);
        (await ScalarAsync<long>("SELECT count(*) FROM plan_versions WHERE status = 'Published' AND number = 1")).Should().Be(2);
        (await ScalarAsync<long>("SELECT count(*) FROM plan_nodes WHERE kind = 'Task'")).Should().Be(24);
        (await ScalarAsync<long>("SELECT count(*) FROM plan_nodes n JOIN plan_nodes s ON s.id = n.parent_id JOIN plan_nodes c ON c.id = s.parent_id WHERE n.kind = 'Task' AND s.kind = 'Section' AND c.kind = 'Chapter' AND c.parent_id IS NULL AND n.depth = 2"))
            .Should().Be(24, "every task sits in a section of a chapter, as imported plans do");
        (await ScalarAsync<long>("SELECT count(*) FROM (SELECT plan_version_id, position FROM plan_nodes GROUP BY 1, 2 HAVING count(*) > 1) d")).Should().Be(0);
        (await ScalarAsync<long>("SELECT count(*) FROM indicators")).Should().Be(18);
        (await ScalarAsync<long>("SELECT count(*) FROM reporting_periods WHERE kind = 'Quarter' AND status = 'Closed'")).Should().Be(4);
        (await ScalarAsync<long>("SELECT count(*) FROM reporting_periods WHERE status = 'Open' AND starts_on <= DATE '2026-11-26' AND ends_on >= DATE '2026-11-26'")).Should().Be(2);
        (await ScalarAsync<long>("SELECT count(*) FROM task_assignments")).Should().Be(24 * 37);
        (await ScalarAsync<long>("SELECT count(*) FROM task_assignments WHERE role = 'Lead'")).Should().Be(24, "one lead unit per task");

        var reports = await ScalarAsync<long>("SELECT count(*) FROM progress_reports");
        reports.Should().BeInRange((long)(Combinations * 0.85), Combinations - 1, "some units have not reported (overdue)");
        (await ScalarAsync<long>("SELECT count(*) FROM progress_reports r WHERE NOT EXISTS (SELECT 1 FROM task_assignments a WHERE a.task_id = r.task_id AND a.unit_id = r.unit_id)"))
            .Should().Be(0, "only assigned units report");
        (await ScalarAsync<long>("SELECT count(*) FROM progress_reports r JOIN plan_nodes n ON n.id = r.task_id JOIN reporting_periods p ON p.id = r.period_id JOIN plan_versions v ON v.id = n.plan_version_id WHERE n.kind <> 'Task' OR v.plan_id <> p.plan_id"))
            .Should().Be(0, "reports are on tasks of the period's own plan");

        // Closed quarters: mostly approved; the open quarter: every stage of the workflow and some missing.
        (await ScalarAsync<double>("SELECT avg((r.status = 'Approved')::int) FROM progress_reports r JOIN reporting_periods p ON p.id = r.period_id WHERE p.status = 'Closed'"))
            .Should().BeGreaterThan(0.9);
        var openStatuses = await ListAsync("SELECT DISTINCT r.status FROM progress_reports r JOIN reporting_periods p ON p.id = r.period_id WHERE p.status = 'Open'");
        openStatuses.Should().Contain(["Draft", "Submitted", "Reviewed", "Returned", "Approved"]);
        var openReports = await ScalarAsync<long>("SELECT count(*) FROM progress_reports r JOIN reporting_periods p ON p.id = r.period_id WHERE p.status = 'Open'");
        openReports.Should().BeInRange((long)(24 * 37 * 0.75), (long)(24 * 37 * 0.95), "about 15% of the open quarter's reports are still missing");
        (await ScalarAsync<long>("SELECT count(*) FROM progress_reports WHERE created_at > TIMESTAMPTZ '2026-11-27 00:00+00'")).Should().Be(0, "nothing is dated after today");

        (await ScalarAsync<long>("""
            SELECT count(*) FROM (
                SELECT percent_complete < lag(percent_complete) OVER (PARTITION BY r.task_id, r.unit_id ORDER BY p.starts_on) AS fell
                FROM progress_reports r JOIN reporting_periods p ON p.id = r.period_id) x
            WHERE fell
            """)).Should().Be(0, "percent complete rises over the periods");
        (await ScalarAsync<long>("SELECT count(*) FROM progress_reports WHERE progress_text !~ '[一-龥]'")).Should().Be(0, "narratives are Chinese");

        (await ScalarAsync<long>("SELECT count(*) FROM progress_reports r WHERE NOT EXISTS (SELECT 1 FROM progress_report_events e WHERE e.progress_report_id = r.id AND e.step = 'Created')")).Should().Be(0);
        (await ScalarAsync<long>("SELECT count(*) FROM progress_reports r WHERE r.status = 'Approved' AND (SELECT count(*) FROM progress_report_events e WHERE e.progress_report_id = r.id AND e.step IN ('Submitted', 'Approved')) <> 2")).Should().Be(0);
        (await ScalarAsync<long>("SELECT count(*) FROM progress_report_events e JOIN progress_reports r ON r.id = e.progress_report_id WHERE e.at < r.created_at")).Should().Be(0);

        (await ScalarAsync<long>("SELECT count(*) FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.aggregation = 'NationalOnly' AND v.unit_id IS NOT NULL")).Should().Be(0);
        (await ScalarAsync<long>("SELECT count(*) FROM indicator_values v JOIN reporting_periods p ON p.id = v.period_id WHERE p.status = 'Closed' AND v.status <> 'Approved'")).Should().Be(0);
        (await ScalarAsync<long>("SELECT count(*) FROM indicator_values")).Should().BeGreaterThan(2 * 9 * 2 * 20);
        (await ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity_type <> 'OrgUnit'")).Should().Be(0, "the seeded units are audited as usual; generated volume is nobody's work and is not");
    }

    [Fact]
    public async Task PortalModel_ReadsGeneratedReports_WithMoneyBySourceMilestonesAndEvents()
    {
        (await RunAsync(_database, Small)).Code.Should().Be(CliApplication.Success);

        await using var db = _database.CreateContext();
        var split = await db.ProgressReports.AsNoTracking().Include(r => r.Events)
            .Where(r => r.Status == ReportStatus.Approved).OrderBy(r => r.Id).Take(200).ToListAsync();
        split.Should().HaveCount(200);
        split.Should().Contain(r => r.InvestmentSources.Count > 0).And.Contain(r => r.Milestones.Count > 0);
        foreach (var report in split.Where(r => r.InvestmentSources.Count > 0))
        {
            report.InvestmentSources.Sum(s => s.AmountWan).Should().Be(report.InvestmentWan);
            report.InvestmentSources.Select(s => s.Source).Should().Contain(FundingSource.Central);
        }

        split.SelectMany(r => r.Milestones).Should().OnlyContain(m => m.Title.Length > 0 && m.ReachedOn.Year > 2000);
        split.Should().OnlyContain(r => r.Events.OrderBy(e => e.At).Select(e => e.Step).SequenceEqual(new[] { ReportStep.Created, ReportStep.Submitted, ReportStep.Approved }));
        split.Should().OnlyContain(r => r.PercentComplete >= 0 && r.PercentComplete <= 100 && r.ApprovedAt != null);
    }

    [Fact]
    public async Task SameSeed_GivesTheSameRows_AndAnotherSeedDifferentOnes()
    {
        await using var second = await MigratedDatabase.CreateAsync();
        await using var third = await MigratedDatabase.CreateAsync();
        (await RunAsync(_database, Small)).Code.Should().Be(CliApplication.Success);
        (await RunAsync(second, Small)).Code.Should().Be(CliApplication.Success);
        (await RunAsync(third, [.. Small, "--seed", "7"])).Code.Should().Be(CliApplication.Success);

        const string Fingerprint = """
            SELECT md5(string_agg(r::text, '|' ORDER BY r.id)) || md5((SELECT string_agg(e::text, '|' ORDER BY e.id) FROM progress_report_events e))
                || md5((SELECT string_agg(n::text, '|' ORDER BY n.id) FROM plan_nodes n)) || md5((SELECT string_agg(v::text, '|' ORDER BY v.id) FROM indicator_values v))
            FROM progress_reports r
            """;
        var first = await ScalarAsync<string>(_database, Fingerprint);
        (await ScalarAsync<string>(second, Fingerprint)).Should().Be(first);
        (await ScalarAsync<string>(third, Fingerprint)).Should().NotBe(first);
    }

    [Fact]
    public async Task SecondRun_IsRefusedWithExitOne_UnlessAppend()
    {
        (await RunAsync(_database, Small)).Code.Should().Be(CliApplication.Success);
        var reports = await ScalarAsync<long>("SELECT count(*) FROM progress_reports");

        var (code, _, error) = await RunAsync(_database, Small);

        code.Should().Be(CliApplication.Failure);
        error.Trim().Should().Contain("已有 2 个生成的规划").And.Contain("--append").And.NotContain("\n");
        (await ScalarAsync<long>("SELECT count(*) FROM progress_reports")).Should().Be(reports, "nothing changed");

        var appended = await RunAsync(_database, [.. Small, "--append"]);

        appended.Code.Should().Be(CliApplication.Success, appended.Error);
        (await ScalarAsync<long>("SELECT count(*) FROM plans")).Should().Be(4);
        (await ScalarAsync<long>("SELECT count(DISTINCT document_number) FROM plans")).Should().Be(4);
        (await ScalarAsync<long>("SELECT count(*) FROM progress_reports")).Should().BeGreaterThan(reports + (long)(Combinations * 0.85));
    }

    [Theory]
    [InlineData("--plans", "0")]
    [InlineData("--plans", "十")]
    [InlineData("--periods", "-1")]
    [InlineData("--today", "2026-13-01")]
    [InlineData("--bogus", "1")]
    [InlineData("--tasks")]
    public async Task BadArguments_ExitTwoWithOneLineReason_AndStoreNothing(params string[] arguments)
    {
        var (code, _, error) = await RunAsync(_database, ["generate-scale-data", .. arguments]);

        code.Should().Be(CliApplication.BadInput);
        error.Trim().Should().NotBeEmpty().And.NotContain("\n").And.NotContain("   at ");
        (await ScalarAsync<long>("SELECT count(*) FROM plans")).Should().Be(0);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(MigratedDatabase database, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.RunAsync(args, output, error, CancellationToken.None, database.ConnectionString);
        return (code, output.ToString(), error.ToString());
    }

    private Task<T> ScalarAsync<T>(string sql) => ScalarAsync<T>(_database, sql);

    private static async Task<T> ScalarAsync<T>(MigratedDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<List<string>> ListAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
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
}
