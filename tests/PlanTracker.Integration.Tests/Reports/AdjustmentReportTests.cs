using System.Diagnostics;
using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Infrastructure.Documents;
using PlanTracker.Infrastructure.Reports;
using PlanTracker.Integration.Tests.Support;

namespace PlanTracker.Integration.Tests.Reports;

/// <summary>The 动态调整报告 read from a database with warnings, 存在问题, decided and pending proposals, and written as Word.</summary>
public sealed class AdjustmentReportTests(AdjustmentReportScenario scenario) : IClassFixture<AdjustmentReportScenario>
{
    private static readonly DateOnly From = AdjustmentReportScenario.From;
    private static readonly DateOnly To = AdjustmentReportScenario.To;

    [Fact]
    public async Task Read_CountsWarningsAndProposalsOfTheWindow_AsTheDatabaseHoldsThem()
    {
        var report = (await scenario.ReadAsync(From, To)).Report!;

        var windowSql = $"plan_id = {scenario.PlanId} AND raised_at >= '2025-12-31T16:00:00Z' AND raised_at < '2026-11-26T16:00:00Z'";
        report.Counts.WarningsRaised.Should().Be((int)await scenario.Database.CountAsync($"SELECT count(*) FROM early_warnings WHERE {windowSql}")).And.Be(3);
        report.Counts.RedWarnings.Should().Be((int)await scenario.Database.CountAsync($"SELECT count(*) FROM early_warnings WHERE {windowSql} AND colour = 'Red'")).And.Be(1);
        report.Counts.AmberWarnings.Should().Be(2);
        report.Counts.Should().BeEquivalentTo(new { Proposed = 3, Approved = 1, Rejected = 1, Pending = 1 });
        (report.VersionAtStart, report.VersionAtEnd).Should().Be((1, 2));
        report.WarningTallies.Should().BeEquivalentTo(new[]
        {
            new WarningTally(WarningKind.Task, StatusColour.Red, 1),
            new WarningTally(WarningKind.TaskUnit, StatusColour.Amber, 1),
            new WarningTally(WarningKind.Indicator, StatusColour.Amber, 1),
        });
    }

    [Fact]
    public async Task Read_NamesWhatLagged_Why_WhatWasProposedAndDecided_TheTargetBeforeAndAfter_AndWhatIsStillBehind()
    {
        var report = (await scenario.ReadAsync(From, To)).Report!;
        var indicator = scenario.Before.Indicators[0];
        var warnedTask = scenario.Before.Node(scenario.WarnedTask)!;

        report.Lagging.Should().HaveCount(2, "one task and one indicator were warned about in the window; the unit's warning is counted only");
        report.Lagging[0].Should().BeEquivalentTo(new { Kind = WarningKind.Task, Subject = warnedTask.Label, Colour = StatusColour.Red, Reason = AdjustmentReportScenario.RedReason });
        report.Lagging[1].Subject.Should().Be(indicator.Name);

        var causes = report.Causes.Should().ContainSingle(c => c.TaskKey == scenario.WarnedTask).Subject;
        causes.Quotes.Should().ContainEquivalentOf(new UnitQuote(scenario.ProblemUnit, AdjustmentReportScenario.ProblemSentence));

        report.Proposals.Select(p => p.Id).Should().Equal(scenario.Approved, scenario.Rejected, scenario.Pending);
        var approved = report.Proposals[0];
        approved.EvidenceCount.Should().Be(1);
        approved.Changes.Should().HaveCount(2);
        approved.Changes[0].Sentence.Should().Be(PlanChangeText.Describe(new ReviseTarget(indicator.Key, AdjustmentReportScenario.NewTarget, indicator.TargetYear), scenario.Before).Sentence);
        report.Proposals[2].Status.Should().Be(AdjustmentStatus.Submitted);

        report.Decisions.Should().BeEquivalentTo(new[]
        {
            new DecisionEntry(scenario.Rejected, "取消第三项任务", false, "director", new DateOnly(2026, 10, 15), AdjustmentReportScenario.RejectComment, null),
            new DecisionEntry(scenario.Approved, "调整指标目标值", true, "director", new DateOnly(2026, 11, 20), "同意调整", 2),
        }, o => o.WithStrictOrdering());

        var target = report.TargetChanges.Should().ContainSingle().Subject;
        target.Indicator.Should().Be(indicator.Name);
        target.Before.Should().Be(PlanChangeText.Describe(new ReviseTarget(indicator.Key, "x"), scenario.Before).Before);
        target.After.Should().Contain(AdjustmentReportScenario.NewTarget);
        target.Version.Should().Be(2);

        report.StillBehind.Should().Contain(t => t.TaskKey == scenario.UntouchedRedTask && t.Colour == StatusColour.Red && t.Percent == 0);
        var touched = new[] { 1, 2, 3 }.Select(i => scenario.Before.Nodes.Where(n => n.Kind == Domain.Plans.NodeKind.Task).ElementAt(i).Key);
        report.StillBehind.Select(t => t.TaskKey).Should().NotIntersectWith(touched, "a task some proposal touches is not 'without proposal'");
        report.StillBehind.Should().OnlyContain(t => t.Colour == StatusColour.Red || t.Colour == StatusColour.Amber);
    }

    [Fact]
    public async Task Read_AWindowWithNothingInIt_SaysSoInEverySection_WithoutEmptyTables()
    {
        var report = (await scenario.ReadAsync(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31))).Report!;

        report.Counts.Should().BeEquivalentTo(new AdjustmentReportCounts(0, 0, 0, 0, 0, 0, 0));
        var text = AdjustmentReportText.Blocks(report).OfType<DocParagraph>().Select(p => p.Text).ToList();
        text.Should().Contain("报告期内未发出预警。").And.Contain("报告期内未提出调整方案。").And.Contain("报告期内未审定调整方案。").And.Contain("报告期内未批准调整指标目标。");
        AdjustmentReportText.Blocks(report).OfType<DocTable>().Should().OnlyContain(t => t.Rows.Count > 0);
    }

    [Theory]
    [InlineData("2026-05-01", "2026-04-01", "开始日期不能晚于结束日期")]
    [InlineData("2023-01-01", "2026-04-01", "规划期（2024—2028年）之内")]
    [InlineData("2026-01-01", "2029-01-01", "规划期（2024—2028年）之内")]
    public async Task Read_ABadWindow_IsRefusedWithAChineseReason(string from, string to, string expected)
    {
        var result = await scenario.ReadAsync(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture));

        result.Report.Should().BeNull();
        result.NotFound.Should().BeFalse();
        result.Refusal.Should().Contain(expected);
    }

    [Fact]
    public async Task Read_AnUnknownPlan_IsNotFound()
    {
        var result = await scenario.ReadAsync(From, To, planId: 999_999);

        result.NotFound.Should().BeTrue();
        result.Refusal.Should().Be("规划不存在或尚未发布。");
    }

    [Fact]
    public async Task Word_IsValidOpenXml_AndReadsBackTheFiguresOfTheDatabase()
    {
        var report = (await scenario.ReadAsync(From, To)).Report!;

        var bytes = GovDocumentWriter.Write(AdjustmentReportText.Document(report));

        using var package = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        new OpenXmlValidator().Validate(package).Select(e => $"{e.Path?.XPath}: {e.Description}").Should().BeEmpty();
        var body = package.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        paragraphs.Should().Contain(p => p == "一、基本情况").And.Contain(p => p == "八、下一步工作建议").And.Contain(p => p == "（一）" + scenario.Before.Node(scenario.WarnedTask)!.Label);
        paragraphs.Should().Contain(p => p.Contains("共发出预警3条，其中红色预警1条、黄色预警2条；提出调整方案3项；审定批准1项、不予批准1项；截至报告期末尚有1项调整方案待审定", StringComparison.Ordinal));
        paragraphs.Should().Contain($"{scenario.ProblemUnit}：“{AdjustmentReportScenario.ProblemSentence}”");
        paragraphs.Should().Contain(p => p.Contains(AdjustmentReportScenario.RejectComment, StringComparison.Ordinal));

        var targetTable = body.Elements<Table>().Single(t => t.Elements<TableRow>().First().InnerText.Contains("调整前目标", StringComparison.Ordinal));
        var cells = targetTable.Elements<TableRow>().ElementAt(1).Elements<TableCell>().Select(c => c.InnerText).ToList();
        cells[1].Should().Be(scenario.Before.Indicators[0].Name);
        cells[2].Should().Be(report.TargetChanges[0].Before).And.Contain(scenario.Before.Indicators[0].TargetText);
        cells[3].Should().Contain(AdjustmentReportScenario.NewTarget);
        cells[5].Should().Be("第2版");
        package.MainDocumentPart.FooterParts.Single().Footer!.Descendants<SimpleField>().Single().Instruction!.Value.Should().Contain("PAGE");
    }

    [Fact]
    public async Task Word_TheSameModelTwice_GivesTheSameBytes()
    {
        var report = (await scenario.ReadAsync(From, To)).Report!;
        var again = (await scenario.ReadAsync(From, To)).Report!;

        var first = GovDocumentWriter.Write(AdjustmentReportText.Document(report));
        await Task.Delay(1100); // a zip timestamp would now differ
        var second = GovDocumentWriter.Write(AdjustmentReportText.Document(again));

        using var zip = new ZipArchive(new MemoryStream(first));
        using var zip2 = new ZipArchive(new MemoryStream(second));
        zip2.Entries.Select(e => e.FullName).Should().Equal(zip.Entries.Select(e => e.FullName));
        foreach (var entry in zip.Entries)
        {
            Read(zip2.GetEntry(entry.FullName)!).Should().Be(Read(entry), entry.FullName);
        }

        second.Should().Equal(first);
        zip.Entries.Should().OnlyContain(e => e.LastWriteTime.Year == 1980);
        zip.Entries.Select(e => e.FullName).Should().NotContain(n => n.Contains("psmdcp", StringComparison.Ordinal), "no package part is named by a random id");
    }

    private static string Read(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    [Fact]
    public async Task Word_ConvertsToPdfInLibreOffice()
    {
        var report = (await scenario.ReadAsync(From, To)).Report!;
        var directory = Directory.CreateTempSubdirectory("adjustment-report-");
        try
        {
            var docx = Path.Combine(directory.FullName, "report.docx");
            await File.WriteAllBytesAsync(docx, GovDocumentWriter.Write(AdjustmentReportText.Document(report)));

            var pdf = await LibreOffice.ToPdfAsync(docx, directory.FullName);

            new FileInfo(pdf).Length.Should().BeGreaterThan(10_000, "a converted report of several pages is not a stub");
            (await File.ReadAllBytesAsync(pdf)).Take(5).Should().Equal("%PDF-"u8.ToArray());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
