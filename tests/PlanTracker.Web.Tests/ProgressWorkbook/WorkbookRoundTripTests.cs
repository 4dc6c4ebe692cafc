using DocumentFormat.OpenXml.Spreadsheet;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Reporting;
using PlanTracker.Web.Features.ProgressWorkbook;

namespace PlanTracker.Web.Tests.ProgressWorkbook;

/// <summary>The template writer and the upload parser as plain classes: no web server, no database.</summary>
public sealed class WorkbookRoundTripTests
{
    private const string Reports = WorkbookLayout.ReportsSheet;
    private const string Milestones = WorkbookLayout.MilestonesSheet;
    private const string Indicators = WorkbookLayout.IndicatorsSheet;

    private static readonly PeriodWindow Year2013 = new(new DateOnly(2013, 1, 1), new DateOnly(2013, 12, 31));

    private static readonly ReportDraft Started = new(
        TaskProgress.OnTrack, 50, "完成园区规划", "引进企业12家", null, "推进二期建设", 300,
        [new InvestmentBySource(FundingSource.Central, 200), new InvestmentBySource(FundingSource.Local, 100)],
        [new Milestone("园区规划获批", new DateOnly(2013, 3, 15))]);

    private static readonly ReportDraft Sent = ReportDraft.Of(TaskProgress.Completed, 100, "示范工程建成", "服务企业300家", null, "总结推广", 80);

    /// <summary>Task 101 (no report, row 2), 102 (a draft, row 3), 103 (submitted, read-only, row 4); indicator 201 (editable), 202 (approved).</summary>
    private static WorkbookData Data(string unitKey = "110000", int periodId = 5, uint draftVersion = 7) => new(
        unitKey,
        "北京市科学技术委员会",
        periodId,
        "2013年度",
        Year2013,
        true,
        [
            new WorkbookTask(101, "1", "建设现代服务业产业化基地", AssignmentRole.Lead, null, null, null, true),
            new WorkbookTask(102, "T102", "发展科技服务业", AssignmentRole.Participating, ReportStatus.Draft, draftVersion, Started, true),
            new WorkbookTask(103, "3", "数字内容示范工程", AssignmentRole.Lead, ReportStatus.Submitted, 9, Sent, false),
        ],
        [
            new WorkbookIndicator(201, "国家现代服务业产业化基地", "家", null, null, null, true),
            new WorkbookIndicator(202, "科技服务业收入", "亿元", new IndicatorFigure(1200, null, "亿元", "统计年鉴", null), ReportStatus.Approved, 4, false),
        ]);

    [Fact]
    public void Write_PrefillsEachTaskRow_LocksKeysAndReadOnlyRows_AndOffersTheStatusList()
    {
        using var file = WorkbookFile.Open(WorkbookTemplate.Write(Data()));

        file.SheetNames.Should().Equal(Reports, Milestones, Indicators, WorkbookLayout.GuideSheet, WorkbookLayout.MetaSheet);
        file.Text(Reports, "B1").Should().Be("编号");
        file.Text(Reports, "F1").Should().Be("完成进度(%)");
        file.Text(Reports, "A3").Should().Be("102");
        file.Text(Reports, "C3").Should().Be("发展科技服务业");
        file.Text(Reports, "D3").Should().Be("参与");
        file.Text(Reports, "E3").Should().Be("进展顺利");
        file.Text(Reports, "F3").Should().Be("50");
        file.Text(Reports, "L3").Should().Be("200");
        file.Text(Reports, "Q4").Should().Be("已报送");

        // Keys and names locked, the fields the unit fills unlocked, a submitted report's row all locked.
        foreach (var locked in new[] { "A2", "B2", "C2", "D2", "Q2", "A4", "E4", "F4", "G4", "K4" })
        {
            file.IsLocked(Reports, locked).Should().BeTrue(locked);
        }

        foreach (var open in new[] { "E2", "F2", "G2", "J2", "K2", "P2", "E3" })
        {
            file.IsLocked(Reports, open).Should().BeFalse(open);
        }

        var sheet = file.Worksheet(Reports);
        sheet.GetFirstChild<SheetProtection>()!.Sheet!.Value.Should().BeTrue();
        sheet.GetFirstChild<Columns>()!.Elements<Column>().First().Hidden!.Value.Should().BeTrue("the task id column is hidden");
        var list = sheet.Descendants<DataValidation>().Single(v => v.Type! == DataValidationValues.List);
        list.SequenceOfReferences!.InnerText.Should().Be("E2:E4");
        list.Formula1!.Text.Should().Be("\"未启动,进展顺利,进展滞后,已完成,已暂停\"");

        file.Text(Milestones, "A2").Should().Be("T102");
        file.Text(Milestones, "B2").Should().Be("园区规划获批");
        file.Text(Milestones, "C2").Should().Be(new DateTime(2013, 3, 15).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture));
        file.IsLocked(Milestones, "B2").Should().BeFalse();
        file.Text(Indicators, "B2").Should().Be("国家现代服务业产业化基地");
        file.IsLocked(Indicators, "D2").Should().BeFalse();
        file.IsLocked(Indicators, "D3").Should().BeTrue("an approved value is read-only");

        file.SheetEntry(WorkbookLayout.MetaSheet).State!.Value.Should().Be(SheetStateValues.VeryHidden);
        file.Worksheet(WorkbookLayout.MetaSheet).GetFirstChild<SheetProtection>().Should().NotBeNull();
        file.Text(WorkbookLayout.MetaSheet, "B1").Should().Be("110000");
        file.Text(WorkbookLayout.MetaSheet, "B2").Should().Be("5");
        file.Text(WorkbookLayout.MetaSheet, "B3").Should().Be(WorkbookLayout.TemplateVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        file.Text(WorkbookLayout.MetaSheet, "C4").Should().Be("-1", "task 101 had no report");
        file.Text(WorkbookLayout.MetaSheet, "C5").Should().Be("7");
    }

    [Fact]
    public void Write_ProducesAPackageTheOpenXmlSchemaValidatorAccepts()
    {
        using var file = WorkbookFile.Open(WorkbookTemplate.Write(Data()));

        file.SchemaErrors().Should().BeEmpty();
    }

    [Fact]
    public void Parse_APercentageTypedAs60Percent_IsReadAs60()
    {
        var bytes = WorkbookFile.Edit(WorkbookTemplate.Write(Data()), file => file.SetPercent(Reports, "F2", 0.6m));

        var parsed = WorkbookParser.Parse(bytes, Data(), TestWords.Chinese);

        parsed.Errors.Should().BeEmpty();
        parsed.Tasks.Single(t => t.TaskId == 101).Draft.PercentComplete.Should().Be(60);
    }

    [Fact]
    public void Parse_TheUntouchedTemplate_ReadsTheEditableRowsAsTheyAre_AndLeavesReadOnlyRowsOut()
    {
        var parsed = WorkbookParser.Parse(WorkbookTemplate.Write(Data()), Data(), TestWords.Chinese);

        parsed.Errors.Should().BeEmpty();
        parsed.Tasks.Select(t => t.TaskId).Should().Equal(101, 102);
        var draft = parsed.Tasks.Single(t => t.TaskId == 102).Draft;
        draft.Progress.Should().Be(TaskProgress.OnTrack);
        draft.PercentComplete.Should().Be(50);
        draft.InvestmentSources.Should().BeEquivalentTo(Started.InvestmentSources);
        draft.Milestones.Should().Equal(Started.Milestones);
        parsed.Indicators.Should().BeEmpty("indicator 201 is blank and 202 is approved");
    }

    [Fact]
    public void Parse_FilledCells_BecomeTheDraftsAndFigures()
    {
        var bytes = WorkbookFile.Edit(WorkbookTemplate.Write(Data()), file =>
        {
            file.SetSharedText(Reports, "E2", "已完成");
            file.SetNumber(Reports, "F2", 100);
            file.SetText(Reports, "G2", "基地建设全部完成");
            file.SetText(Reports, "H2", "认定基地18家");
            file.SetText(Reports, "J2", "开展评估");
            file.SetNumber(Reports, "L2", 120.5m);
            file.SetNumber(Reports, "N2", 79.5m);
            file.SetText(Milestones, "A3", "1");
            file.SetText(Milestones, "B3", "首批基地认定");
            file.SetDate(Milestones, "C3", new DateOnly(2013, 6, 30));
            file.SetNumber(Indicators, "D2", 18);
            file.SetText(Indicators, "G2", "科技部统计");
        });

        var parsed = WorkbookParser.Parse(bytes, Data(), TestWords.Chinese);

        parsed.Errors.Should().BeEmpty();
        var draft = parsed.Tasks.Single(t => t.TaskId == 101).Draft;
        draft.Should().BeEquivalentTo(new
        {
            Progress = (TaskProgress?)TaskProgress.Completed,
            PercentComplete = (decimal?)100,
            ProgressText = "基地建设全部完成",
            Achievements = "认定基地18家",
            NextSteps = "开展评估",
            InvestmentWan = (decimal?)null,
        });
        draft.InvestmentSources.Should().Equal(new InvestmentBySource(FundingSource.Central, 120.5m), new InvestmentBySource(FundingSource.Enterprise, 79.5m));
        draft.Milestones.Should().Equal(new Milestone("首批基地认定", new DateOnly(2013, 6, 30)));
        parsed.Indicators.Should().ContainSingle().Which.Figure.Should().Be(new IndicatorFigure(18, null, null, "科技部统计", null));
    }

    [Theory]
    [InlineData("percent", "进展填报 第2行 F列（完成进度）：120 超过100")]
    [InlineData("formula", "进展填报 第2行 F列（完成进度）：含有公式")]
    [InlineData("text-number", "进展填报 第2行 K列（投入资金合计）：“300”是以文本形式存储的数字")]
    [InlineData("shared-text-number", "进展填报 第3行 F列（完成进度）：“60”是以文本形式存储的数字")]
    [InlineData("status-word", "进展填报 第2行 E列（进展状态）：“差不多”不是可选的进展状态")]
    [InlineData("html", "进展填报 第2行 G列（进展情况）：含有HTML标记或脚本")]
    [InlineData("unassigned", "进展填报 第2行 A列（任务ID）：任务ID 999 不是本单位承担的任务")]
    [InlineData("locked", "进展填报 第3行 C列（任务名称）：锁定单元格被修改：应为“发展科技服务业”")]
    [InlineData("sum", "进展填报 第3行：任务“T102”：各资金来源合计300万元，与投入资金合计400万元不一致。")]
    [InlineData("date-outside", "里程碑 第3行 C列（达成日期）：2014-03-01 不在本填报期（2013-01-01至2013-12-31）内")]
    [InlineData("date-as-text", "里程碑 第3行 C列（达成日期）：“2013-06-30”不是日期")]
    [InlineData("milestone-unknown-task", "里程碑 第3行 A列（任务编号）：“9”不是本单位承担的任务的编号。")]
    [InlineData("milestone-read-only", "里程碑 第3行 A列（任务编号）：任务“3”的报告已报送，不能修改其里程碑。")]
    [InlineData("indicator-text-number", "指标 第2行 D列（指标值）：“18家”不是数字。")]
    public void Parse_ABadCell_IsNamedBySheetRowAndColumn_AndNothingIsTaken(string edit, string expected)
    {
        var bytes = WorkbookFile.Edit(WorkbookTemplate.Write(Data()), file =>
        {
            switch (edit)
            {
                case "percent":
                    file.SetNumber(Reports, "F2", 120);
                    break;
                case "formula":
                    file.SetFormula(Reports, "F2", "50+10", 60);
                    break;
                case "text-number":
                    file.SetText(Reports, "K2", "300");
                    break;
                case "shared-text-number":
                    file.SetSharedText(Reports, "F3", "60");
                    break;
                case "status-word":
                    file.SetText(Reports, "E2", "差不多");
                    break;
                case "html":
                    file.SetText(Reports, "G2", "进展<script>alert(1)</script>");
                    break;
                case "unassigned":
                    file.SetNumber(Reports, "A2", 999);
                    break;
                case "locked":
                    file.SetText(Reports, "C3", "改过的任务名称");
                    break;
                case "sum":
                    file.SetNumber(Reports, "K3", 400);
                    break;
                case "date-outside":
                    MilestoneRow(file, "1", new DateOnly(2014, 3, 1));
                    break;
                case "date-as-text":
                    MilestoneRow(file, "1", null);
                    file.SetText(Milestones, "C3", "2013-06-30");
                    break;
                case "milestone-unknown-task":
                    MilestoneRow(file, "9", new DateOnly(2013, 5, 1));
                    break;
                case "milestone-read-only":
                    MilestoneRow(file, "3", new DateOnly(2013, 5, 1));
                    break;
                case "indicator-text-number":
                    file.SetText(Indicators, "D2", "18家");
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(edit));
            }
        });

        var parsed = WorkbookParser.Parse(bytes, Data(), TestWords.Chinese);

        parsed.Succeeded.Should().BeFalse();
        parsed.Tasks.Should().BeEmpty();
        parsed.Indicators.Should().BeEmpty();
        parsed.Errors.Select(e => e.ToString()).Should().Contain(e => e.StartsWith(expected, StringComparison.Ordinal), string.Join(" | ", parsed.Errors));
    }

    [Theory]
    [InlineData("310000", 5, 7u, "该模板属于其他单位（单位代码110000）")]
    [InlineData("110000", 6, 7u, "该模板属于另一个填报期")]
    [InlineData("110000", 5, 8u, "任务“T102 发展科技服务业”的报告在模板下载后已在门户中修改")]
    public void Parse_ATemplateOfAnotherUnitOrPeriod_OrAStaleReport_IsRefused(string unit, int period, uint draftVersion, string expected)
    {
        var parsed = WorkbookParser.Parse(WorkbookTemplate.Write(Data()), Data(unit, period, draftVersion), TestWords.Chinese);

        parsed.Errors.Select(e => e.ToString()).Should().ContainSingle().Which.Should().Contain(expected);
    }

    [Fact]
    public void Parse_AnOlderTemplateVersion_IsRefused()
    {
        var bytes = WorkbookFile.Edit(WorkbookTemplate.Write(Data()), file => file.SetNumber(WorkbookLayout.MetaSheet, "B3", WorkbookLayout.TemplateVersion - 1));

        var parsed = WorkbookParser.Parse(bytes, Data(), TestWords.Chinese);

        parsed.Errors.Select(e => e.ToString()).Should().ContainSingle().Which.Should().Contain("模板版本").And.Contain("已过期");
    }

    private static void MilestoneRow(WorkbookFile file, string code, DateOnly? day)
    {
        file.SetText(Milestones, "A3", code);
        file.SetText(Milestones, "B3", "新的里程碑");
        if (day is { } d)
        {
            file.SetDate(Milestones, "C3", d);
        }
    }
}
