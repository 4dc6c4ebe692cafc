using PlanTracker.Domain.Reporting;

namespace PlanTracker.Domain.Tests.Reporting;

public sealed class ReportVersionDiffTests
{
    private static readonly ReportSnapshot First = new(
        TaskProgress.Behind, 30m, "建成试点园区3个。", "带动就业1200人。", "资金未到位。", "扩大试点。", 350m,
        [new(FundingSource.Central, 200m), new(FundingSource.Local, 150m)],
        [new("完成方案论证", new(2026, 3, 1))],
        [new("方案.pdf", "aa", 10), new("照片.jpg", "bb", 20)]);

    [Fact]
    public void Between_SameContent_HasNoChange()
    {
        var diff = ReportVersionDiff.Between(First, First with { });

        diff.AnyChange.Should().BeFalse();
        diff.Narratives.Should().HaveCount(4).And.OnlyContain(n => !n.Changed);
    }

    [Fact]
    public void Between_ChangedFields_ShowsEachBeforeAndAfter()
    {
        var second = First with
        {
            Progress = TaskProgress.OnTrack,
            PercentComplete = 60m,
            ProgressText = "建成试点园区5个。",
            Problems = null,
            InvestmentWan = 500m,
            InvestmentSources = [new(FundingSource.Central, 200m), new(FundingSource.Enterprise, 300m)],
            Milestones = [new("完成方案论证", new(2026, 3, 1)), new("首批园区挂牌", new(2026, 6, 1))],
            Evidence = [new("方案.pdf", "aa", 10), new("方案.pdf", "cc", 12)],
        };

        var diff = ReportVersionDiff.Between(First, second);

        diff.AnyChange.Should().BeTrue();
        diff.Progress.Should().Be(new Change<TaskProgress?>(TaskProgress.Behind, TaskProgress.OnTrack));
        diff.PercentComplete.Changed.Should().BeTrue();
        diff.InvestmentWan.Should().Be(new Change<decimal?>(350m, 500m));
        diff.Narratives.Single(n => n.Field == ReportField.ProgressText).Runs.Should().Contain(new DiffRun(DiffKind.Inserted, "5"));
        diff.Narratives.Single(n => n.Field == ReportField.Achievements).Changed.Should().BeFalse();
        diff.Narratives.Single(n => n.Field == ReportField.Problems).Runs.Should().Equal(new DiffRun(DiffKind.Deleted, "资金未到位。"));
        diff.Sources.Should().Equal(
            new SourceChange(FundingSource.Central, new(200m, 200m)),
            new SourceChange(FundingSource.Local, new(150m, null)),
            new SourceChange(FundingSource.Enterprise, new(null, 300m)));
        diff.Milestones.Should().Equal(
            new ItemChange<Milestone>(new("完成方案论证", new(2026, 3, 1)), DiffKind.Same),
            new ItemChange<Milestone>(new("首批园区挂牌", new(2026, 6, 1)), DiffKind.Inserted));
    }

    [Fact]
    public void Between_AFileWithTheSameNameButOtherBytes_IsAnotherFile()
    {
        var second = First with { Evidence = [new("方案.pdf", "cc", 12)] };

        var diff = ReportVersionDiff.Between(First, second);

        diff.Evidence.Should().Equal(
            new ItemChange<EvidenceRef>(new("方案.pdf", "cc", 12), DiffKind.Inserted),
            new ItemChange<EvidenceRef>(new("方案.pdf", "aa", 10), DiffKind.Deleted),
            new ItemChange<EvidenceRef>(new("照片.jpg", "bb", 20), DiffKind.Deleted));
    }
}
