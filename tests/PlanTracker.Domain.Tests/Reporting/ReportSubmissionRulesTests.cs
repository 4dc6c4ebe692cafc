using System.Globalization;
using PlanTracker.Domain.Reporting;

namespace PlanTracker.Domain.Tests.Reporting;

/// <summary>What no draft may hold, whatever its completeness: <see cref="ReportSubmission.Invalid"/>, rule by rule.</summary>
public sealed class ReportSubmissionRulesTests
{
    private static readonly PeriodWindow Year2026 = new(new(2026, 1, 1), new(2026, 12, 31));

    [Fact]
    public void Invalid_PlainCompleteDraft_IsNull()
    {
        var draft = Draft(100m, [new(FundingSource.Central, 60m), new(FundingSource.Enterprise, 40m)], [new("完成验收", new(2026, 6, 30))]);

        ReportSubmission.Invalid(draft, Year2026).Should().BeNull();
    }

    [Fact]
    public void Invalid_NegativeTotal_IsRefused()
    {
        Refusal(Draft(-1m, [], [])).Should().Be((ReportRefusalReason.InvestmentInvalid, ReportRefusalCode.InvestmentNegative, ""));
    }

    [Fact]
    public void Invalid_NegativeSource_IsRefused()
    {
        Refusal(Draft(null, [new(FundingSource.Local, -5m)], [])).Should().Be((ReportRefusalReason.InvestmentInvalid, ReportRefusalCode.InvestmentNegative, ""));
    }

    [Fact]
    public void Invalid_TotalAboveTheLimit_IsRefused()
    {
        Refusal(Draft(ReportLimits.MaxInvestmentWan + 1, [], [])).Should().Be((ReportRefusalReason.InvestmentInvalid, ReportRefusalCode.InvestmentTooLarge, ""));
    }

    [Fact]
    public void Invalid_SourceAboveTheLimit_IsRefused()
    {
        Refusal(Draft(null, [new(FundingSource.BankLoan, ReportLimits.MaxInvestmentWan + 1)], [])).Reason.Should().Be(ReportRefusalReason.InvestmentInvalid);
    }

    [Fact]
    public void Invalid_SourceNamedTwice_IsRefused_NamingIt()
    {
        Refusal(Draft(null, [new(FundingSource.BankLoan, 1m), new(FundingSource.BankLoan, 2m)], []))
            .Should().Be((ReportRefusalReason.InvestmentInvalid, ReportRefusalCode.SourceTwice, "BankLoan"));
    }

    [Fact]
    public void Invalid_SourcesNotAddingUpToTheTotal_IsRefused_WithBothFigures()
    {
        Refusal(Draft(100m, [new(FundingSource.Central, 60m), new(FundingSource.Other, 30m)], []))
            .Should().Be((ReportRefusalReason.InvestmentInvalid, ReportRefusalCode.SourcesDoNotAddUp, "90|100"));
    }

    [Fact]
    public void Invalid_SourcesWithinHalfAYuanOfTheTotal_IsAccepted()
    {
        ReportSubmission.Invalid(Draft(100m, [new(FundingSource.Central, 99.99996m)], []), Year2026).Should().BeNull();
    }

    [Fact]
    public void Invalid_SourcesWithoutTotal_IsAccepted()
    {
        ReportSubmission.Invalid(Draft(null, [new(FundingSource.Central, 10m)], []), Year2026).Should().BeNull();
    }

    [Fact]
    public void Invalid_MilestoneBeforeThePeriod_IsRefused_WithTheDays()
    {
        Refusal(Draft(null, [], [new("立项", new(2025, 12, 31))]))
            .Should().Be((ReportRefusalReason.MilestoneInvalid, ReportRefusalCode.MilestoneOutsidePeriod, "立项|2025-12-31|2026-01-01|2026-12-31"));
    }

    [Fact]
    public void Invalid_MilestoneAfterThePeriod_IsRefused()
    {
        Refusal(Draft(null, [], [new("验收", new(2027, 1, 1))])).Reason.Should().Be(ReportRefusalReason.MilestoneInvalid);
    }

    [Fact]
    public void Invalid_MilestoneOnThePeriodsFirstAndLastDay_IsAccepted()
    {
        ReportSubmission.Invalid(Draft(null, [], [new("启动", new(2026, 1, 1)), new("验收", new(2026, 12, 31))]), Year2026).Should().BeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Invalid_MilestoneWithoutTitle_IsRefused(string title)
    {
        Refusal(Draft(null, [], [new("启动", new(2026, 2, 1)), new(title, new(2026, 3, 1))]))
            .Should().Be((ReportRefusalReason.MilestoneInvalid, ReportRefusalCode.MilestoneUntitled, "2"));
    }

    [Fact]
    public void Invalid_MilestoneTitleTooLong_IsRefused()
    {
        Refusal(Draft(null, [], [new(new string('节', ReportLimits.MaxMilestoneTitleLength + 1), new(2026, 3, 1))]))
            .Should().Be((ReportRefusalReason.MilestoneInvalid, ReportRefusalCode.MilestoneTitleTooLong, $"1|{ReportLimits.MaxMilestoneTitleLength}"));
    }

    [Fact]
    public void Invalid_MilestoneTitleWithMarkup_IsRefused()
    {
        Refusal(Draft(null, [], [new("<b>验收</b>", new(2026, 3, 1))])).Reason.Should().Be(ReportRefusalReason.MilestoneInvalid);
    }

    [Fact]
    public void Invalid_TooManyMilestones_IsRefused_AndTheLimitItselfIsAccepted()
    {
        var atLimit = Enumerable.Range(1, ReportLimits.MaxMilestones).Select(i => new Milestone($"节点{i}", new(2026, 1, i))).ToList();
        ReportSubmission.Invalid(Draft(null, [], atLimit), Year2026).Should().BeNull();

        Refusal(Draft(null, [], [.. atLimit, new("再一个", new(2026, 2, 1))]))
            .Should().Be((ReportRefusalReason.MilestoneInvalid, ReportRefusalCode.TooManyMilestones, $"{ReportLimits.MaxMilestones}"));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(100.01)]
    public void Invalid_PercentOutOfRange_IsRefused(double percent)
    {
        var draft = ReportDraft.Of(TaskProgress.OnTrack, (decimal)percent, null, null, null, null, null);

        Refusal(draft).Reason.Should().Be(ReportRefusalReason.PercentOutOfRange);
    }

    [Fact]
    public void Invalid_NarrativeTooLong_IsRefused_NamingTheField()
    {
        var draft = ReportDraft.Of(null, null, null, new string('字', ReportLimits.MaxNarrativeLength + 1), null, null, null);

        Refusal(draft).Should().Be((ReportRefusalReason.NarrativeInvalid, ReportRefusalCode.NarrativeTooLong, $"Achievements|{ReportLimits.MaxNarrativeLength}"));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("进展<script src=//x.example/a.js")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<img src=x")]
    [InlineData("详见<a href=\"javascript:alert(1)\">链接</a>")]
    [InlineData("javascript:alert(1)")]
    [InlineData("<p>已完成</p>")]
    [InlineData("</div>")]
    [InlineData("<!-- 注释 -->")]
    [InlineData("<svg/onload=alert(1)>")]
    [InlineData("<IFRAME SRC=x>")]
    public void Invalid_NarrativeWithMarkup_IsRefused_NamingTheField(string text)
    {
        var draft = ReportDraft.Of(null, null, null, null, text, null, null);

        Refusal(draft).Should().Be((ReportRefusalReason.NarrativeInvalid, ReportRefusalCode.NarrativeMarkup, "Problems"));
    }

    [Theory]
    [InlineData("增长<5%")]
    [InlineData("a<b")]
    [InlineData("投入<100万元，产出>200万元")]
    [InlineData("1 < 2 且 3 > 2")]
    [InlineData("完成率<=80%")]
    [InlineData("《规划》要求的“<一批>”项目")]
    [InlineData("x<y, z>w")]
    public void Invalid_PlainTextWithAngleBrackets_IsNotMarkup(string text)
    {
        Markup.Contains(text).Should().BeFalse();
        ReportSubmission.Invalid(ReportDraft.Of(null, null, text, null, null, null, null), Year2026).Should().BeNull();
    }

    private static ReportDraft Draft(decimal? total, IReadOnlyList<InvestmentBySource> sources, IReadOnlyList<Milestone> milestones) =>
        new(TaskProgress.OnTrack, 50m, "进展", "成效", null, "下一步", total, sources, milestones);

    /// <summary>The refusal's kind, its code and its arguments (invariant, joined by |); the Web tests check the words.</summary>
    private static (ReportRefusalReason Reason, ReportRefusalCode Code, string Arguments) Refusal(ReportDraft draft)
    {
        var refusal = ReportSubmission.Invalid(draft, Year2026)?.Refusal;
        refusal.Should().NotBeNull();
        return (refusal!.Reason, refusal.Code, string.Join("|", refusal.Arguments.Select(a => a is DateOnly day ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Convert.ToString(a, CultureInfo.InvariantCulture))));
    }
}
