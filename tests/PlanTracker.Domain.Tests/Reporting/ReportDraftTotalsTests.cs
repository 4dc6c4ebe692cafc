using PlanTracker.Domain.Reporting;
using PlanTracker.TestSupport.Builders;

namespace PlanTracker.Domain.Tests.Reporting;

/// <summary>How a saved draft keeps its money and milestones: the total from the split, zero sources dropped, milestones in order.</summary>
public sealed class ReportDraftTotalsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly PeriodWindow Year2026 = new(new(2026, 1, 1), new(2026, 12, 31));

    [Fact]
    public void SaveDraft_SplitWithoutTotal_TotalIsTheSumOfTheSources()
    {
        var report = Save(null, [new(FundingSource.Central, 120.5m), new(FundingSource.Local, 79.5m)]);

        report.InvestmentWan.Should().Be(200m);
    }

    [Fact]
    public void SaveDraft_TotalWithoutSplit_StaysAsTyped()
    {
        var report = Save(350.5m, []);

        report.InvestmentWan.Should().Be(350.5m);
        report.InvestmentSources.Should().BeEmpty();
    }

    [Fact]
    public void SaveDraft_NeitherTotalNorSplit_LeavesTheTotalEmpty()
    {
        Save(null, []).InvestmentWan.Should().BeNull();
    }

    [Fact]
    public void SaveDraft_ZeroSources_AreDropped_AndTheRestIsOrderedBySource()
    {
        var report = Save(50m, [new(FundingSource.Other, 20m), new(FundingSource.BankLoan, 0m), new(FundingSource.Central, 30m)]);

        report.InvestmentSources.Should().Equal(new InvestmentBySource(FundingSource.Central, 30m), new InvestmentBySource(FundingSource.Other, 20m));
    }

    [Fact]
    public void SaveDraft_Milestones_AreTrimmed_AndOrderedByDay()
    {
        var report = new ReportBuilder().Build();

        report.SaveDraft(new ReportDraft(null, null, null, null, null, null, null, [], [new(" 验收 ", new(2026, 9, 1)), new("立项", new(2026, 2, 1))]), Year2026, Now)
            .Succeeded.Should().BeTrue();

        report.Milestones.Should().Equal(new Milestone("立项", new(2026, 2, 1)), new Milestone("验收", new(2026, 9, 1)));
    }

    [Fact]
    public void SaveDraft_RefusedMoney_KeepsTheEarlierContentWhole()
    {
        var report = Save(100m, [new(FundingSource.Central, 100m)]);

        var outcome = report.SaveDraft(new ReportDraft(TaskProgress.Behind, 10m, "新的进展", null, null, null, 100m, [new(FundingSource.Central, 90m)], []), Year2026, Now);

        outcome.Refusal!.Reason.Should().Be(ReportRefusalReason.InvestmentInvalid);
        report.ProgressText.Should().Be("进展");
        report.InvestmentSources.Should().Equal(new InvestmentBySource(FundingSource.Central, 100m));
    }

    [Fact]
    public void Content_GivesBackWhatWasSaved()
    {
        var report = Save(null, [new(FundingSource.Enterprise, 8m)]);

        report.Content().Should().BeEquivalentTo(new ReportDraft(TaskProgress.OnTrack, 50m, "进展", null, null, null, 8m, [new(FundingSource.Enterprise, 8m)], []));
    }

    private static ProgressReport Save(decimal? total, IReadOnlyList<InvestmentBySource> sources) =>
        new ReportBuilder().At(Now).WithContent(new ReportDraft(TaskProgress.OnTrack, 50m, "进展", null, null, null, total, sources, [])).Build();
}
