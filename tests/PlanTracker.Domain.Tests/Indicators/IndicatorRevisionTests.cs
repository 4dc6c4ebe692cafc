using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Plans;

namespace PlanTracker.Domain.Tests.Indicators;

public sealed class IndicatorRevisionTests
{
    private static IndicatorDraft Draft(
        string? name = "国家现代服务业产业化基地",
        int? baselineYear = 2010,
        string? baseline = "18",
        int? targetYear = 2015,
        string? target = "≥30",
        IndicatorAggregation aggregation = IndicatorAggregation.Sum,
        string? note = null) =>
        new(name, "产业集聚", "个", IndicatorNature.Expected, IndicatorDirection.HigherIsBetter, aggregation, baselineYear, baseline, note, targetYear, target);

    private static Indicator Existing() =>
        new("旧名称", null, null, null, null, 2015, StatedValue.Parse("10"), null, 1, Guid.NewGuid());

    [Fact]
    public void Create_GoodDraft_ParsesValuesAsWritten_AndKeepsTheQuote()
    {
        var (indicator, problems) = Indicator.Create(Draft(note: "截止2010年底，全国已有国家现代服务业产业化基地18家"), ["现代服务业科技投入"], 4, Guid.NewGuid());

        problems.Should().BeEmpty();
        indicator!.Should().BeEquivalentTo(new { Name = "国家现代服务业产业化基地", Unit = "个", Ordinal = 4, BaselineYear = 2010, TargetYear = 2015, BaselineNote = "截止2010年底，全国已有国家现代服务业产业化基地18家" });
        indicator.Baseline.Should().Be(new StatedValue("18", TargetComparison.Exactly, 18m, 18m));
        indicator.Target.Should().Be(new StatedValue("≥30", TargetComparison.AtLeast, 30m, null));
    }

    [Fact]
    public void Revise_GoodDraft_ChangesEveryField_AndBlanksBecomeNull()
    {
        var indicator = Existing();

        var problems = indicator.Revise(
            new IndicatorDraft(" 单位GDP能耗 ", " ", "", IndicatorNature.Binding, IndicatorDirection.LowerIsBetter, IndicatorAggregation.Average, 2010, "—", " ", 2015, "3-5"),
            []);

        problems.Should().BeEmpty();
        indicator.Should().BeEquivalentTo(new
        {
            Name = "单位GDP能耗",
            Category = (string?)null,
            Unit = (string?)null,
            Nature = IndicatorNature.Binding,
            Direction = IndicatorDirection.LowerIsBetter,
            Aggregation = IndicatorAggregation.Average,
            Baseline = (StatedValue?)null,
            BaselineNote = (string?)null,
        });
        indicator.Target.Should().Be(new StatedValue("3-5", TargetComparison.Range, 3m, 5m));
    }

    [Fact]
    public void Revise_QualitativeTarget_IsAllowedEvenForSum()
    {
        var indicator = Existing();

        indicator.Revise(Draft(target: "建立完善现代服务业技术支撑体系", baseline: null, baselineYear: null), []).Should().BeEmpty();

        indicator.Target.Comparison.Should().Be(TargetComparison.Qualitative);
    }

    [Fact]
    public void Revise_PlannedMilestones_AreKeptForAQualitativeTarget_AndRefusedForANumberOrOutOfRange()
    {
        var indicator = Existing();

        indicator.Revise(Draft(target: "建立完善现代服务业技术支撑体系") with { PlannedMilestones = 4 }, []).Should().BeEmpty();
        indicator.PlannedMilestones.Should().Be(4);

        indicator.Revise(Draft(target: "≥30") with { PlannedMilestones = 4 }, []).Select(r => r.ToString()).Should().Equal("MilestonesForNumericTarget");
        indicator.Revise(Draft(target: "建立体系") with { PlannedMilestones = 0 }, []).Select(r => r.ToString()).Should().Equal("MilestonesOutOfRange(50)");
        indicator.PlannedMilestones.Should().Be(4, "a refused revision changes nothing");
    }

    [Theory]
    [InlineData("", "NameRequired")]
    [InlineData("   ", "NameRequired")]
    [InlineData("现代服务业科技投入", "NameTaken(现代服务业科技投入)")]
    [InlineData(" 现代服务业科技投入 ", "NameTaken(现代服务业科技投入)")]
    public void Revise_MissingOrDuplicateName_IsRefused_AndNothingChanges(string name, string message)
    {
        var indicator = Existing();

        var problems = indicator.Revise(Draft(name: name), ["现代服务业科技投入"]);

        problems.Select(r => r.ToString()).Should().Equal(message);
        indicator.Name.Should().Be("旧名称");
        indicator.Target.Text.Should().Be("10");
    }

    [Fact]
    public void Revise_TargetYearBeforeBaselineYear_IsRefused()
    {
        Existing().Revise(Draft(baselineYear: 2015, targetYear: 2010), []).Select(r => r.ToString()).Should().Equal("TargetBeforeBaseline");
    }

    [Theory]
    [InlineData(1800, 2015, "BaselineYearOutOfRange(1949, 2100)")]
    [InlineData(2010, 20150, "TargetYearOutOfRange(1949, 2100)")]
    public void Revise_YearOutOfRange_IsRefused(int baselineYear, int targetYear, string message)
    {
        Existing().Revise(Draft(baselineYear: baselineYear, targetYear: targetYear), []).Select(r => r.ToString()).Should().Equal(message);
    }

    [Theory]
    [InlineData(IndicatorAggregation.Sum, true)]
    [InlineData(IndicatorAggregation.Average, true)]
    [InlineData(IndicatorAggregation.NationalOnly, false)]
    public void Revise_NoTarget_IsRefusedOnlyWhenUnitValuesCombine(IndicatorAggregation aggregation, bool refused)
    {
        var problems = Existing().Revise(Draft(target: "—", aggregation: aggregation), []);

        if (refused)
        {
            problems.Select(r => r.ToString()).Should().Equal("TargetRequired");
        }
        else
        {
            problems.Should().BeEmpty();
        }
    }

    [Fact]
    public void Revise_BaselineValueWithoutItsYear_IsRefused()
    {
        Existing().Revise(Draft(baselineYear: null), []).Select(r => r.ToString()).Should().Equal("BaselineYearRequired");
    }

    [Fact]
    public void Revise_SeveralProblems_AreAllNamed()
    {
        Existing().Revise(Draft(name: "", baselineYear: 2015, targetYear: 2010, target: ""), []).Should().HaveCount(3);
    }

    [Fact]
    public void Revise_TooLongValue_IsRefused()
    {
        Existing().Revise(Draft(target: new string('多', 201)), []).Select(r => r.ToString()).Should().Equal("ValueTooLong(200)");
    }

    [Fact]
    public void LinkExactly_AddsTheNewNodes_AndDropsTheOnesNotNamed()
    {
        var indicator = Existing();
        var a = new PlanNode(NodeKind.Task, "1", "认定一批现代服务业产业化基地", "…", 0, 1, 1, null, Guid.NewGuid());
        var b = new PlanNode(NodeKind.Task, "2", "支持基地服务平台建设", "…", 1, 2, 1, null, Guid.NewGuid());
        var c = new PlanNode(NodeKind.Task, "3", "建立技术支撑体系", "…", 2, 3, 1, null, Guid.NewGuid());
        indicator.LinkExactly([a, b]);

        indicator.LinkExactly([b, c, c]);

        indicator.Links.Select(l => l.Node).Should().BeEquivalentTo([b, c], o => o.WithStrictOrdering().IgnoringCyclicReferences());
    }

    [Fact]
    public void Plan_ChangeThresholds_GoodOnesAreKept_BadOnesRefused_AndTheOldOnesStay()
    {
        var plan = new Plan("规划", null, null, null, 2011, 2015, DateTimeOffset.UnixEpoch);
        plan.Thresholds.Should().Be(MonitoringThresholds.Default);

        plan.ChangeThresholds(MonitoringThresholds.Default with { AmberGapPoints = 5m, RedGapPoints = 20m }).Should().BeEmpty();
        plan.Thresholds.RedGapPoints.Should().Be(20m);

        plan.ChangeThresholds(MonitoringThresholds.Default with { RedGapPoints = 5m }).Select(r => r.Code).Should().Contain(ThresholdProblem.RedNotAboveAmber);
        plan.Thresholds.Should().Be(MonitoringThresholds.Default with { AmberGapPoints = 5m, RedGapPoints = 20m });
    }
}
