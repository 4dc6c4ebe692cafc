using System.Xml.Linq;
using PlanTracker.Domain.Reporting;
using PlanTracker.Web.Features.Progress;

namespace PlanTracker.Web.Tests.Progress;

/// <summary>
/// The domain refuses with codes and arguments; the Web words them. The Chinese sentences are exactly the ones people
/// read before the domain stopped writing them, and every code has a sentence in both languages.
/// </summary>
public sealed class RefusalWordsTests
{
    private static readonly PeriodWindow Year2026 = new(new(2026, 1, 1), new(2026, 12, 31));

    public static TheoryData<string, ReportDraft> InvalidDrafts => new()
    {
        { "投入资金不能为负数。", Draft(-1m, [], []) },
        { "投入资金数额过大，请核对单位（万元）。", Draft(ReportLimits.MaxInvestmentWan + 1, [], []) },
        { "资金来源“银行贷款”填了两次。", Draft(null, [new(FundingSource.BankLoan, 1m), new(FundingSource.BankLoan, 2m)], []) },
        { "各资金来源合计90万元，与投入资金合计100万元不一致。", Draft(100m, [new(FundingSource.Central, 60m), new(FundingSource.Other, 30m)], []) },
        { "各资金来源合计90.5万元，与投入资金合计100.25万元不一致。", Draft(100.25m, [new(FundingSource.Central, 60.5m), new(FundingSource.Other, 30m)], []) },
        { "里程碑“立项”的达成日期2025-12-31不在本填报期（2026-01-01至2026-12-31）内。", Draft(null, [], [new("立项", new(2025, 12, 31))]) },
        { "第2个里程碑缺少名称。", Draft(null, [], [new("启动", new(2026, 2, 1)), new(" ", new(2026, 3, 1))]) },
        { $"第1个里程碑名称不能超过{ReportLimits.MaxMilestoneTitleLength}字。", Draft(null, [], [new(new string('节', ReportLimits.MaxMilestoneTitleLength + 1), new(2026, 3, 1))]) },
        { "第1个里程碑名称含有HTML标记或脚本，请只填写文字。", Draft(null, [], [new("<b>验收</b>", new(2026, 3, 1))]) },
        { $"每份报告最多填写{ReportLimits.MaxMilestones}个里程碑。", Draft(null, [], [.. Enumerable.Range(1, ReportLimits.MaxMilestones + 1).Select(i => new Milestone($"节点{i}", new(2026, 1, i)))]) },
        { "完成进度须在0到100之间。", ReportDraft.Of(TaskProgress.OnTrack, 101m, null, null, null, null, null) },
        { $"主要成效不能超过{ReportLimits.MaxNarrativeLength}字。", ReportDraft.Of(null, null, null, new string('字', ReportLimits.MaxNarrativeLength + 1), null, null, null) },
        { "存在问题含有HTML标记或脚本（如“<script>”），请只填写文字。", ReportDraft.Of(null, null, null, null, "<script>alert(1)</script>", null, null) },
    };

    [Theory]
    [MemberData(nameof(InvalidDrafts))]
    public void Sentence_OfAnInvalidDraft_IsTheChineseSentence(string expected, ReportDraft draft)
    {
        var refusal = ReportSubmission.Invalid(draft, Year2026)!.Refusal!;

        TestWords.In("zh-CN", () => TestWords.Chinese.Sentence(refusal)).Should().Be(expected);
    }

    [Fact]
    public void Sentence_OfTheWorkflow_IsTheChineseSentence()
    {
        var start = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var report = ProgressReport.Start(1, 2, 3, "bj-reporter", start);
        var words = TestWords.Chinese;

        string Say(ReportOutcome outcome) => TestWords.In("zh-CN", () => words.Sentence(outcome.Refusal!));

        Say(report.Submit("bj-reporter", start)).Should().Be("报告不完整，请补充：进展状态、完成进度、进展情况、主要成效、下一步工作。");
        Say(report.Review("bj-reviewer", null, start)).Should().Be("报告草稿，不能审核：只有已报送的报告可以审核。");
        Say(report.Approve("planner", null, start)).Should().Be("报告草稿，不能通过：只有已报送或已审核的报告可以通过。");
        Say(report.Return("planner", "理由", start)).Should().Be("报告草稿，不能退回：只有已报送或已审核的报告可以退回。");
        Say(report.Reopen("planner", null, periodClosed: true, start)).Should().Be("重新开放须填写理由。");
        Say(report.Reopen("planner", "补充", periodClosed: false, start)).Should().Be("报告草稿，填报期未关闭，无需重新开放：只有已通过的报告或已关闭填报期的报告可以重新开放。");
        Say(report.EditabilityIn(PeriodStatus.Closed)).Should().Be("填报期未开放，不能填报。");

        report.SaveDraft(ReportDraft.Of(TaskProgress.Completed, 90, "进展", "成效", null, "下一步", null), Year2026, start).Succeeded.Should().BeTrue();
        Say(report.Submit("bj-reporter", start)).Should().Be("报告不完整，请补充：已完成的任务完成进度须为100%。");
        report.SaveDraft(ReportDraft.Of(TaskProgress.Completed, 100, "进展", "成效", null, "下一步", null), Year2026, start).Succeeded.Should().BeTrue();
        report.Submit("bj-reporter", start).Succeeded.Should().BeTrue();
        Say(report.SaveDraft(ReportDraft.Empty, Year2026, start)).Should().Be("报告已报送，不能修改。");
        Say(report.Submit("bj-reporter", start)).Should().Be("报告已报送，不能再次报送。");
        Say(report.Return("planner", " ", start)).Should().Be("退回须填写理由。");
    }

    [Fact]
    public void Sentence_OfAnIndicatorValue_IsTheChineseSentence()
    {
        var at = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var value = new IndicatorValue(1, 2, 3, null, null, null, null, null, at);
        string Say(ReportOutcome outcome) => TestWords.In("zh-CN", () => TestWords.Chinese.Sentence(outcome.Refusal!));

        Say(value.Save(IndicatorValueLimits.MaxMagnitude, null, null, "统计", null, "r", at)).Should().Be("指标值数额过大，请核对计量单位。");
        Say(value.Save(null, "<script>alert(1)</script>", null, null, null, "r", at)).Should().Be("文字值含有HTML标记或脚本，请只填写文字。");
        Say(value.Save(1m, null, null, new string('源', IndicatorValueLimits.MaxSourceLength + 1), null, "r", at)).Should().Be($"数据来源不能超过{IndicatorValueLimits.MaxSourceLength}字。");
        Say(value.Submit("r", at)).Should().Be("指标值不完整，请补充：指标值、数据来源。");
        Say(value.Approve("planner", at)).Should().Be("指标值草稿，不能通过：只有已报送的指标值可以通过。");
        Say(value.Return("planner", "理由", at)).Should().Be("指标值草稿，不能退回：只有已报送的指标值可以退回。");
        value.Save(5m, null, null, "统计", null, "r", at).Succeeded.Should().BeTrue();
        value.Submit("r", at).Succeeded.Should().BeTrue();
        Say(value.Save(6m, null, null, null, null, "r", at)).Should().Be("指标值已报送，不能修改。");
        Say(value.Return("planner", null, at)).Should().Be("退回须填写理由。");
    }

    [Fact]
    public void Sentence_InEnglish_WordsTheArgumentsInEnglishToo()
    {
        var refusal = ReportSubmission.Invalid(Draft(null, [new(FundingSource.BankLoan, 1m), new(FundingSource.BankLoan, 2m)], []), Year2026)!.Refusal!;

        TestWords.In("en", () => TestWords.Create().Sentence(refusal)).Should().Be("The funding source “Bank loans” is given twice.");
    }

    [Theory]
    [InlineData("SharedResource.resx")]
    [InlineData("SharedResource.en.resx")]
    public void EveryCode_HasASentence_AndEveryWordedArgumentAWord(string file)
    {
        var keys = XDocument.Load(Path.Combine(WebProject(), "Resources", file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();

        var needed = Enum.GetValues<ReportRefusalCode>().Select(c => RefusalWords.Key(c))
            .Concat(Enum.GetValues<ProgressRefusal>().Select(c => RefusalWords.Key(c)))
            .Concat(Enum.GetValues<EvidenceRefusal>().Select(c => RefusalWords.Key(c)))
            .Concat(Enum.GetNames<ReportField>().Select(f => "Report.Missing." + f))
            .Concat(Enum.GetNames<IndicatorValueField>().Select(f => "Report.ValueField." + f))
            .Concat(Enum.GetNames<ReportStatus>().Select(s => "Progress.Status." + s))
            .Concat(Enum.GetNames<FundingSource>().Select(s => "Progress.Source." + s));

        needed.Where(k => !keys.Contains(k)).Should().BeEmpty();
    }

    private static ReportDraft Draft(decimal? total, IReadOnlyList<InvestmentBySource> sources, IReadOnlyList<Milestone> milestones) =>
        new(TaskProgress.OnTrack, 50m, "进展", "成效", null, "下一步", total, sources, milestones);

    private static string WebProject()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "PlanTracker.Web");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("src/PlanTracker.Web not found above the test output.");
    }
}
