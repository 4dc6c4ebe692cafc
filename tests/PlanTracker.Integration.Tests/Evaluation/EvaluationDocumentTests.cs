using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Infrastructure.Evaluation;
using PlanTracker.Infrastructure.Monitoring;
using PlanTracker.Integration.Tests.Support;

namespace PlanTracker.Integration.Tests.Evaluation;

/// <summary>A generated plan's figures for 2025, read once and shared: the Word report is only read here, never written to the database.</summary>
public sealed class EvaluationVolume : IAsyncLifetime
{
    public MigratedDatabase Database { get; private set; } = null!;

    public EvaluationFigures Figures { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await GeneratedVolume.CreateAsync("--plans", "1", "--tasks", "12", "--periods", "8", "--indicators-per-plan", "4");
        await using var db = Database.CreateContext();
        var plan = await db.Plans.SingleAsync();
        var scope = EvaluationScope.Annual(plan, 2025, new DateOnly(2026, 11, 26)).Scope!;
        Figures = (await new EvaluationReader(db, new MonitoringSql(db)).ReadAsync(scope)).Figures!;
    }

    public Task DisposeAsync() => Database.DisposeAsync().AsTask();
}

/// <summary>The annual evaluation report as Word: valid, convertible by LibreOffice, its figures those of the database, the same bytes each time.</summary>
public sealed class EvaluationDocumentTests(EvaluationVolume volume) : IClassFixture<EvaluationVolume>
{
    [Fact]
    public void Word_PassesTheOpenXmlValidator_WithContentsChartsAndPageNumbers()
    {
        var docx = EvaluationDocument.Write(volume.Figures);

        using var package = WordprocessingDocument.Open(new MemoryStream(docx), false);
        new OpenXmlValidator().Validate(package).Select(e => $"{e.Description} at {e.Path?.XPath}").Should().BeEmpty();
        var main = package.MainDocumentPart!;
        main.ImageParts.Should().HaveCount(3, "the indicators' progress, the verdict tally and the unit map");
        main.Document.Body!.Descendants<FieldCode>().Should().Contain(f => f.Text.Contains("TOC", StringComparison.Ordinal));
        main.FooterParts.Single().Footer!.Descendants<SimpleField>().Single().Instruction!.Value.Should().Contain("PAGE");
    }

    [Fact]
    public void Word_ReadsBackTheFiguresOfTheDatabase()
    {
        var f = volume.Figures;
        using var package = WordprocessingDocument.Open(new MemoryStream(EvaluationDocument.Write(f)), false);
        var body = package.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<Paragraph>().Select(p => p.InnerText).ToList();

        paragraphs.Should().ContainInOrder("一、总体进展情况", "二、主要指标完成情况", "三、重点任务进展", "四、重大工程（专栏）项目进展", "五、分地区进展", "六、存在的主要问题", "七、下一步工作建议", "八、动态调整建议");
        paragraphs.Should().Contain(p => p.StartsWith("截至2025年12月31日，规划确定的" + f.Overview.Tasks + "项重点任务中，已完成" + f.Overview.TasksCompleted + "项", StringComparison.Ordinal));
        paragraphs.Should().Contain(p => p.Contains($"应报进展报告{f.Overview.ReportsDue}份，已报送{f.Overview.ReportsSubmitted}份", StringComparison.Ordinal));
        paragraphs.Should().Contain(p => p.Contains(f.IndicatorTally.Sentence(), StringComparison.Ordinal));
        paragraphs.Should().Contain("本规划专栏中未列出需要跟踪的项目，本部分无数据。", "the generated plan has no special columns, and the report says so rather than showing an empty table");

        var indicatorTable = body.Elements<Table>().First();
        var rows = indicatorTable.Elements<TableRow>().ToList();
        rows.Should().HaveCount(f.Indicators.Count + 1);
        var first = f.Indicators[0];
        var cells = rows[1].Elements<TableCell>().Select(c => c.InnerText).ToList();
        cells[1].Should().StartWith(first.Name);
        cells[^2].Should().Be(first.VerdictText);
        foreach (var year in first.Years)
        {
            cells.Should().Contain(year.Value.ToString("#,0.##", CultureInfo.InvariantCulture));
        }

        var unitTable = body.Elements<Table>().Single(t => t.Elements<TableRow>().First().InnerText.StartsWith("单位", StringComparison.Ordinal));
        unitTable.Elements<TableRow>().Should().HaveCount(f.Units.Count + 1);
        var problem = f.Problems[0].Items[0];
        paragraphs.Should().Contain(p => p.StartsWith($"{problem.UnitName}（{problem.TaskLabel}）：", StringComparison.Ordinal));
    }

    [Fact]
    public void Word_TheSameFiguresGiveTheSameBytes()
    {
        EvaluationDocument.Write(volume.Figures).Should().Equal(EvaluationDocument.Write(volume.Figures));
    }

    [Fact]
    public async Task Word_ConvertsToPdfInLibreOffice()
    {
        var directory = Directory.CreateTempSubdirectory("evaluation-report-");
        try
        {
            var docx = Path.Combine(directory.FullName, "report.docx");
            await File.WriteAllBytesAsync(docx, EvaluationDocument.Write(volume.Figures));

            var pdf = await LibreOffice.ToPdfAsync(docx, directory.FullName);

            new FileInfo(pdf).Length.Should().BeGreaterThan(50_000, "a report with three pictures and several tables is not a stub");
            (await File.ReadAllBytesAsync(pdf)).Take(5).Should().Equal("%PDF-"u8.ToArray());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
