using Microsoft.EntityFrameworkCore;
using PlanTracker.Cli;
using PlanTracker.Infrastructure.Evaluation;
using PlanTracker.Infrastructure.Monitoring;
using PlanTracker.Integration.Tests.Support;

namespace PlanTracker.Integration.Tests.Evaluation;

/// <summary>Issuing an evaluation report freezes it; the command line hands out the issued document, or a draft before issue.</summary>
public sealed class EvaluationIssueTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 2, 0, 0, TimeSpan.Zero);
    private MigratedDatabase _database = null!;

    public async Task InitializeAsync() =>
        _database = await GeneratedVolume.CreateAsync("--plans", "1", "--tasks", "8", "--periods", "8", "--indicators-per-plan", "3");

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private async Task<(EvaluationReports Reports, EvaluationScope Scope, Infrastructure.Persistence.AppDbContext Db)> ServiceAsync()
    {
        var db = _database.CreateContext();
        var plan = await db.Plans.SingleAsync();
        return (new EvaluationReports(db, new EvaluationReader(db, new MonitoringSql(db)), new TestClock(Now)), EvaluationScope.Annual(plan, 2025, new DateOnly(2026, 11, 26)).Scope!, db);
    }

    [Fact]
    public async Task Issue_KeepsTheDocumentsAsIssued_RefusesASecondIssue_AndShowsLaterCorrectionsAsChanges()
    {
        var (reports, scope, db) = await ServiceAsync();
        await using var _ = db;
        var first = await reports.IssueAsync(scope, "planner");
        first.Refusal.Should().BeNull();
        var issued = first.Issued!;
        issued.DocxSha256.Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(issued.Docx)));
        (await reports.ChangesSinceAsync(issued)).Should().BeEmpty("nothing changed since");

        // A correction after issue.
        var reportId = FiguresComparison.FromJson(issued.FiguresJson).Chapters.SelectMany(c => c.Tasks).SelectMany(t => t.Digest).First().ReportId;
        await _database.ExecuteAsync($"UPDATE progress_reports SET percent_complete = 100 WHERE id = {reportId}");

        var again = await reports.IssueAsync(scope, "evaluator");
        again.Refusal.Should().Be("该报告已于2026年11月26日 10:00由planner印发，不能重复印发。");
        await using var check = _database.CreateContext();
        var stored = await check.IssuedReports.SingleAsync();
        stored.Docx.Should().Equal(issued.Docx, "the issued document does not follow later corrections");
        (await reports.ChangesSinceAsync(stored)).Should().NotBeEmpty();
        EvaluationDocument.Write((await reports.FiguresAsync(scope)).Figures!).Should().NotEqual(issued.Docx, "a new draft reads the corrected data");
        (await check.AuditEntries.CountAsync(a => a.EntityType == "IssuedReport")).Should().Be(1);
    }

    [Fact]
    public async Task ExportReport_WritesTheDraft_ThenTheIssuedDocument_AndRefusesBadArguments()
    {
        await using var db = _database.CreateContext();
        var planId = await db.Plans.Select(p => p.Id).SingleAsync();
        var directory = Directory.CreateTempSubdirectory("export-report-");
        try
        {
            var docx = Path.Combine(directory.FullName, "report.docx");
            var (code, output, error) = await RunAsync("export-report", "--plan", planId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--year", "2025", "--format", "docx", "--out", docx);
            code.Should().Be(CliApplication.Success, error);
            output.Should().Contain("2025年度实施情况评估报告").And.Contain("草稿");
            var draft = await File.ReadAllBytesAsync(docx);
            using (var package = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(draft), false))
            {
                package.MainDocumentPart!.Document.Body!.InnerText.Should().Contain("一、总体进展情况");
            }

            var (reports, scope, serviceDb) = await ServiceAsync();
            await using (serviceDb)
            {
                var issued = (await reports.IssueAsync(scope, "planner")).Issued!;
                var xlsx = Path.Combine(directory.FullName, "annex.xlsx");
                (code, output, error) = await RunAsync("export-report", "--plan", planId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--year", "2025", "--format", "xlsx", "--out", xlsx);
                code.Should().Be(CliApplication.Success, error);
                output.Should().Contain("已印发版本");
                (await File.ReadAllBytesAsync(xlsx)).Should().Equal(issued.Xlsx);
            }

            (await RunAsync("export-report", "--plan", planId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--year", "2019", "--format", "docx", "--out", docx)).Error.Should().Contain("不在规划期");
            (await RunAsync("export-report", "--plan", "999999", "--year", "2025", "--format", "docx", "--out", docx)).Code.Should().Be(CliApplication.BadInput);
            (await RunAsync("export-report", "--plan", planId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--year", "2025", "--format", "pdf", "--out", docx)).Error.Should().StartWith("用法");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.RunAsync(args, output, error, CancellationToken.None, _database.ConnectionString);
        return (code, output.ToString(), error.ToString());
    }
}
