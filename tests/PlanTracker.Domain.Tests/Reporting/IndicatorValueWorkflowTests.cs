using PlanTracker.Domain.Reporting;

namespace PlanTracker.Domain.Tests.Reporting;

/// <summary>An indicator value's workflow: saved as a draft, submitted complete, approved or returned with a reason.</summary>
public sealed class IndicatorValueWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Save_Draft_StoresTheTrimmedFigures()
    {
        var value = New();

        value.Save(18m, "  ", " 个 ", " 统计年鉴 ", "", "bj-reporter", Now.AddHours(1)).Succeeded.Should().BeTrue();

        value.Should().BeEquivalentTo(new { Value = 18m, ValueText = (string?)null, UnitOfMeasure = "个", Source = "统计年鉴", Note = (string?)null, UpdatedBy = "bj-reporter", Status = ReportStatus.Draft });
    }

    [Fact]
    public void Save_ValueTooLarge_IsRefused_AndChangesNothing()
    {
        var value = New();

        var outcome = value.Save(IndicatorValueLimits.MaxMagnitude, null, null, "统计", null, "bj-reporter", Now);

        outcome.Refusal!.Code.Should().Be(ReportRefusalCode.ValueTooLarge);
        value.Value.Should().BeNull();
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", null, IndicatorValueField.ValueText)]
    [InlineData(null, "<img src=x onerror=alert(1)>", IndicatorValueField.Source)]
    public void Save_Markup_IsRefused(string? valueText, string? source, IndicatorValueField field)
    {
        New().Save(null, valueText, null, source, null, "bj-reporter", Now).Refusal!
            .Should().BeEquivalentTo(new { Code = ReportRefusalCode.ValueTextMarkup, Arguments = new object[] { field } });
    }

    [Fact]
    public void Save_SourceTooLong_IsRefused()
    {
        New().Save(1m, null, null, new string('源', IndicatorValueLimits.MaxSourceLength + 1), null, "bj-reporter", Now)
            .Refusal!.Should().BeEquivalentTo(new { Code = ReportRefusalCode.ValueTextTooLong, Arguments = new object[] { IndicatorValueField.Source, IndicatorValueLimits.MaxSourceLength } });
    }

    [Fact]
    public void Submit_WithFigureAndSource_IsSubmitted()
    {
        var value = Saved(18m, null, "统计年鉴");

        value.Submit("bj-reporter", Now.AddHours(2)).Succeeded.Should().BeTrue();

        value.Status.Should().Be(ReportStatus.Submitted);
        value.SubmittedAt.Should().Be(Now.AddHours(2));
        value.IsEditable.Should().BeFalse();
    }

    [Fact]
    public void Submit_WithWordsInsteadOfAFigure_IsSubmitted()
    {
        Saved(null, "已建立", "部门统计").Submit("bj-reporter", Now).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Submit_WithoutFigureOrSource_ListsBoth_AndStaysDraft()
    {
        var value = Saved(null, null, null);

        var outcome = value.Submit("bj-reporter", Now);

        outcome.Refusal!.Reason.Should().Be(ReportRefusalReason.Incomplete);
        outcome.Refusal.Code.Should().Be(ReportRefusalCode.ValueIncomplete);
        outcome.Refusal.Arguments.Should().ContainSingle().Which.Should().BeEquivalentTo(new[] { IndicatorValueField.Value, IndicatorValueField.Source });
        value.Status.Should().Be(ReportStatus.Draft);
    }

    [Fact]
    public void Submit_WithoutSource_AsksForTheSource()
    {
        Saved(5m, null, null).Submit("bj-reporter", Now).Refusal!.Arguments.Should().ContainSingle().Which.Should().BeEquivalentTo(new[] { IndicatorValueField.Source });
    }

    [Fact]
    public void Approve_Submitted_IsApproved_AndReadOnly()
    {
        var value = Submitted();

        value.Approve("planner", Now.AddDays(1)).Succeeded.Should().BeTrue();

        value.Status.Should().Be(ReportStatus.Approved);
        value.ApprovedAt.Should().Be(Now.AddDays(1));
        value.Save(19m, null, null, "统计", null, "bj-reporter", Now).Refusal!.Reason.Should().Be(ReportRefusalReason.NotEditable);
        value.Submit("bj-reporter", Now).Refusal!.Reason.Should().Be(ReportRefusalReason.NotEditable);
        value.Value.Should().Be(18m);
    }

    [Fact]
    public void Approve_Draft_IsRefused()
    {
        Saved(18m, null, "统计").Approve("planner", Now).Refusal!.Reason.Should().Be(ReportRefusalReason.WrongStatus);
    }

    [Fact]
    public void Return_WithReason_IsReturned_KeepsTheReason_AndMayBeCorrectedAndResubmitted()
    {
        var value = Submitted();

        value.Return("planner", "  请注明统计口径 ", Now).Succeeded.Should().BeTrue();

        value.Status.Should().Be(ReportStatus.Returned);
        value.ReturnReason.Should().Be("请注明统计口径");
        value.Save(18m, null, "个", "统计年鉴（2012）", "按国家认定口径", "bj-reporter", Now).Succeeded.Should().BeTrue();
        value.Submit("bj-reporter", Now).Succeeded.Should().BeTrue();
        value.ReturnReason.Should().Be("请注明统计口径");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Return_WithoutReason_IsRefused_AndStaysSubmitted(string? reason)
    {
        var value = Submitted();

        value.Return("planner", reason, Now).Refusal!.Should().BeEquivalentTo(new { Reason = ReportRefusalReason.ReasonRequired, Code = ReportRefusalCode.ReturnReasonRequired });
        value.Status.Should().Be(ReportStatus.Submitted);
    }

    [Fact]
    public void Return_Approved_IsRefused()
    {
        var value = Submitted();
        value.Approve("planner", Now);

        value.Return("planner", "理由", Now).Refusal!.Reason.Should().Be(ReportRefusalReason.WrongStatus);
        value.Status.Should().Be(ReportStatus.Approved);
    }

    private static IndicatorValue New() => new(1, 2, 3, null, null, null, null, null, Now);

    private static IndicatorValue Saved(decimal? figure, string? words, string? source)
    {
        var value = New();
        value.Save(figure, words, null, source, null, "bj-reporter", Now).Succeeded.Should().BeTrue();
        return value;
    }

    private static IndicatorValue Submitted()
    {
        var value = Saved(18m, null, "统计年鉴");
        value.Submit("bj-reporter", Now).Succeeded.Should().BeTrue();
        return value;
    }
}
