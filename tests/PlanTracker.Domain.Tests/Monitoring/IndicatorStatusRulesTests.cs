using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Monitoring;

namespace PlanTracker.Domain.Tests.Monitoring;

public sealed class IndicatorStatusRulesTests
{
    // Baseline 2010, target 2015: each year is 20% of the time.
    private static IndicatorFacts Facts(string target, decimal? baseline, IndicatorDirection direction, params (int Year, decimal Value)[] actuals) =>
        new(2010, baseline, 2015, StatedValue.Parse(target), direction, [.. actuals.Select(a => new YearValue(a.Year, a.Value))]);

    private static IndicatorFacts Rising(params (int Year, decimal Value)[] actuals) =>
        Facts("35", 10m, IndicatorDirection.HigherIsBetter, actuals);

    private static IndicatorAssessment Assess(IndicatorFacts facts, int asOfYear) =>
        IndicatorStatusRules.Assess(facts, asOfYear, MonitoringThresholds.Default);

    [Fact]
    public void Assess_ProgressClearlyAheadOfTime_IsAheadOfSchedule_WithTheOfficialSentence()
    {
        var status = Assess(Rising((2011, 14m), (2012, 25m)), 2012);

        status.Verdict.Should().Be(IndicatorVerdict.AheadOfSchedule);
        status.VerdictText.Should().Be("快于预期");
        status.Colour.Should().Be(StatusColour.Green);
        (status.ActualYear, status.ActualValue, status.ExpectedValue).Should().Be((2012, 25m, 20m));
        (status.ProgressPercent, status.TimePercent, status.GapPoints).Should().Be((60m, 40m, -20m));
        status.Reason.Should().Be("2012年实际值25，按进度应达20，完成进度60%，时序进度40%，快于预期。");
    }

    [Fact]
    public void Assess_ProgressWithinTheBandOfTime_IsOnSchedule_TheBandEdgeIncluded()
    {
        var onTime = Assess(Rising((2012, 21m)), 2012);
        var tenPointsBehind = Assess(Rising((2013, 22.5m)), 2013);

        onTime.Verdict.Should().Be(IndicatorVerdict.OnSchedule);
        onTime.VerdictText.Should().Be("基本符合预期");
        onTime.Colour.Should().Be(StatusColour.Green);
        tenPointsBehind.GapPoints.Should().Be(10m);
        tenPointsBehind.Verdict.Should().Be(IndicatorVerdict.OnSchedule);
    }

    [Fact]
    public void Assess_ProgressBelowTime_IsBehind_AmberThenRedByTheGap()
    {
        var amber = Assess(Rising((2013, 20m)), 2013);
        var red = Assess(Rising((2013, 15m)), 2013);

        amber.Verdict.Should().Be(IndicatorVerdict.Behind);
        amber.Colour.Should().Be(StatusColour.Amber);
        amber.Reason.Should().Be("2013年实际值20，按进度应达25，完成进度40%，时序进度60%，滞后。");
        red.Verdict.Should().Be(IndicatorVerdict.Behind);
        red.GapPoints.Should().Be(40m);
        red.Colour.Should().Be(StatusColour.Red);
    }

    [Fact]
    public void Assess_MovingAwayFromTheTarget_IsNegativeProgress_AndRed()
    {
        var status = Assess(Rising((2012, 5m)), 2012);

        status.ProgressPercent.Should().Be(-20m);
        status.Verdict.Should().Be(IndicatorVerdict.Behind);
        status.Colour.Should().Be(StatusColour.Red);
        status.Reason.Should().Be("2012年实际值5，按进度应达20，完成进度-20%，时序进度40%，滞后。");
    }

    [Fact]
    public void Assess_NoActualAfterTheBaselineYear_IsNoData()
    {
        var status = Assess(Rising((2010, 10m)), 2013);

        status.Verdict.Should().Be(IndicatorVerdict.NoData);
        status.VerdictText.Should().Be("暂无数据");
        status.Colour.Should().Be(StatusColour.Grey);
        status.Projection.Should().BeNull();
        status.Reason.Should().Be("尚无2010年以后的实际值，暂无数据。");
    }

    [Fact]
    public void Assess_AsOfBeforeTheBaseline_IsNoData_AndIgnoresLaterValues()
    {
        var status = Assess(Rising((2012, 25m)), 2009);

        status.Verdict.Should().Be(IndicatorVerdict.NoData);
        status.Reason.Should().Be("评价年份2009年不晚于基期2010年，暂无数据。");
    }

    [Fact]
    public void Assess_OnlyValuesUpToTheAsOfYearCount()
    {
        var status = Assess(Rising((2012, 25m), (2014, 11m)), 2013);

        status.ActualYear.Should().Be(2012);
        status.Verdict.Should().Be(IndicatorVerdict.AheadOfSchedule);
    }

    [Fact]
    public void Assess_AsOfADate_JudgesByItsYear()
    {
        var byDate = IndicatorStatusRules.Assess(Rising((2013, 20m)), new DateOnly(2013, 6, 30), MonitoringThresholds.Default);

        byDate.Should().BeEquivalentTo(Assess(Rising((2013, 20m)), 2013));
    }

    [Fact]
    public void Assess_FloorAlreadyReached_IsAlreadyMet()
    {
        var status = Assess(Facts("≥50", 30m, IndicatorDirection.HigherIsBetter, (2012, 52m)), 2012);

        status.Verdict.Should().Be(IndicatorVerdict.AlreadyMet);
        status.VerdictText.Should().Be("提前实现");
        status.Colour.Should().Be(StatusColour.Green);
        status.ProgressPercent.Should().Be(110m);
        status.Reason.Should().Be("2012年实际值52，已达到目标≥50，提前实现。");
    }

    [Fact]
    public void Assess_StrictFloorTouchedButNotPassed_IsNotMet()
    {
        var status = Assess(Facts("＞50", 30m, IndicatorDirection.HigherIsBetter, (2012, 50m)), 2012);

        status.Verdict.Should().Be(IndicatorVerdict.AheadOfSchedule);
    }

    [Fact]
    public void Assess_LowerIsBetterCeiling_ProgressRunsDownwards()
    {
        // 单位GDP能耗: from 10 down to at most 8.
        var behind = Assess(Facts("≤8", 10m, IndicatorDirection.LowerIsBetter, (2013, 9.5m)), 2013);
        var onTime = Assess(Facts("≤8", 10m, IndicatorDirection.LowerIsBetter, (2013, 8.8m)), 2013);
        var met = Assess(Facts("≤8", 10m, IndicatorDirection.LowerIsBetter, (2012, 7.9m)), 2012);

        behind.ProgressPercent.Should().Be(25m);
        behind.ExpectedValue.Should().Be(8.8m);
        behind.Verdict.Should().Be(IndicatorVerdict.Behind);
        behind.Colour.Should().Be(StatusColour.Red);
        onTime.ProgressPercent.Should().Be(60m);
        onTime.Verdict.Should().Be(IndicatorVerdict.OnSchedule);
        met.Verdict.Should().Be(IndicatorVerdict.AlreadyMet);
    }

    [Fact]
    public void Assess_LowerIsBetterExactTarget_IsMetAtOrBelowIt()
    {
        var status = Assess(Facts("8", 10m, IndicatorDirection.LowerIsBetter, (2013, 7.5m)), 2013);

        status.Verdict.Should().Be(IndicatorVerdict.AlreadyMet);
    }

    [Fact]
    public void Assess_RangeTarget_IsMetInside_AndMeasuredToTheNearerBound()
    {
        var inside = Assess(Facts("3-5", 2m, IndicatorDirection.HigherIsBetter, (2013, 4m)), 2013);
        var fromBelow = Assess(Facts("3-5", 2m, IndicatorDirection.HigherIsBetter, (2012, 2.2m)), 2012);
        var fromAbove = Assess(Facts("3-5", 7m, IndicatorDirection.LowerIsBetter, (2012, 6m)), 2012);

        inside.Verdict.Should().Be(IndicatorVerdict.AlreadyMet);
        fromBelow.ProgressPercent.Should().Be(20m);
        fromBelow.Verdict.Should().Be(IndicatorVerdict.Behind);
        fromBelow.Colour.Should().Be(StatusColour.Amber);
        fromAbove.ProgressPercent.Should().Be(50m);
        fromAbove.Verdict.Should().Be(IndicatorVerdict.OnSchedule);
    }

    [Fact]
    public void Assess_RangeOvershotInTheTargetYear_IsMissed()
    {
        var status = Assess(Facts("3-5", 2m, IndicatorDirection.HigherIsBetter, (2015, 5.5m)), 2015);

        status.Verdict.Should().Be(IndicatorVerdict.Missed);
        status.Colour.Should().Be(StatusColour.Red);
    }

    [Fact]
    public void Assess_TargetLowered_JudgesAgainstTheCurrentTarget_AndShowsBoth()
    {
        var facts = Facts("≥50", 10m, IndicatorDirection.HigherIsBetter, (2013, 34m)) with { OriginalTarget = StatedValue.Parse("≥60") };

        var status = Assess(facts, 2013);

        status.TargetAdjusted.Should().BeTrue();
        status.Target.Text.Should().Be("≥50");
        status.OriginalTarget!.Text.Should().Be("≥60");
        status.ProgressPercent.Should().Be(60m);
        status.OriginalProgressPercent.Should().Be(48m);
        status.Verdict.Should().Be(IndicatorVerdict.OnSchedule);
        status.Reason.Should().Be("2013年实际值34，按进度应达34，完成进度60%，时序进度60%，基本符合预期（目标已由≥60调整为≥50，按调整后目标评价）。");
    }

    [Fact]
    public void Assess_QualitativeTarget_IsRatedByMilestonesAgainstTime()
    {
        var facts = Facts("建立较为完善的现代服务业科技创新体系", null, IndicatorDirection.HigherIsBetter) with { Milestones = new MilestoneCount(3, 5) };

        var status = Assess(facts, 2012);

        status.Verdict.Should().Be(IndicatorVerdict.AheadOfSchedule);
        (status.ProgressPercent, status.TimePercent).Should().Be((60m, 40m));
        status.Reason.Should().Be("已完成里程碑3个（共5个），完成进度60%，时序进度40%，快于预期。");
        status.Projection.Should().BeNull();
    }

    [Fact]
    public void Assess_QualitativeTargetWithPlannedMilestones_CountsTheLatestRecordedYearUpToAsOf()
    {
        var facts = Facts("建立较为完善的现代服务业科技创新体系", null, IndicatorDirection.HigherIsBetter) with
        {
            PlannedMilestones = 5,
            Actuals = [new YearValue(2011, 1), new YearValue(2012, 3), new YearValue(2014, 5)],
        };

        var status = Assess(facts, 2013);

        status.Verdict.Should().Be(IndicatorVerdict.OnSchedule, "2012's count (3 of 5) is the latest up to 2013; 2014's is not yet");
        status.Reason.Should().Be("已完成里程碑3个（共5个），完成进度60%，时序进度60%，基本符合预期。");
        (status.ProgressPercent, status.TimePercent).Should().Be((60m, 60m));
        Assess(facts, 2014).Verdict.Should().Be(IndicatorVerdict.AlreadyMet, "all five reached in 2014, before the target year");
        Assess(facts with { Actuals = [new YearValue(2011, 1)] }, 2014).Verdict.Should().Be(IndicatorVerdict.Behind, "one of five by 2014 against 80% of the time");
    }

    [Fact]
    public void Assess_QualitativeTarget_AllMilestonesEarlyIsAlreadyMet_TooFewByTheTargetYearIsMissed()
    {
        var text = Facts("新增一批", null, IndicatorDirection.HigherIsBetter);

        Assess(text with { Milestones = new MilestoneCount(5, 5) }, 2013).Verdict.Should().Be(IndicatorVerdict.AlreadyMet);
        Assess(text with { Milestones = new MilestoneCount(2, 5) }, 2015).Verdict.Should().Be(IndicatorVerdict.Missed);
        Assess(text with { Milestones = new MilestoneCount(1, 5) }, 2014).Colour.Should().Be(StatusColour.Red);
    }

    [Fact]
    public void Assess_QualitativeTargetWithoutMilestones_CannotBeQuantified()
    {
        var status = Assess(Facts("建立…体系", null, IndicatorDirection.HigherIsBetter, (2012, 1m)), 2013);

        status.Verdict.Should().Be(IndicatorVerdict.NotQuantifiable);
        status.VerdictText.Should().Be("无法量化评价");
        status.Colour.Should().Be(StatusColour.Grey);
        status.Reason.Should().Be("目标为定性表述（建立…体系），暂无里程碑数据，无法量化评价。");
    }

    [Fact]
    public void Project_TwoOrMoreValues_UsesLeastSquaresToTheTargetYear()
    {
        var projection = IndicatorStatusRules.Project(Facts("≥30", 10m, IndicatorDirection.HigherIsBetter, (2011, 11m), (2012, 15m), (2013, 16m)), 2013);

        projection.Should().Be(new IndicatorProjection(2015, 21.5m, false, ProjectionMethod.LeastSquares));
    }

    [Fact]
    public void Project_OneValue_DrawsTheLineFromTheBaselineThroughIt()
    {
        var projection = IndicatorStatusRules.Project(Facts("≥30", 10m, IndicatorDirection.HigherIsBetter, (2012, 20m)), 2013);

        projection.Should().Be(new IndicatorProjection(2015, 35m, true, ProjectionMethod.FromBaseline));
    }

    [Fact]
    public void Project_NoValue_OrOneValueWithoutBaseline_GivesNone()
    {
        IndicatorStatusRules.Project(Facts("≥30", 10m, IndicatorDirection.HigherIsBetter), 2013).Should().BeNull();
        IndicatorStatusRules.Project(Facts("≥30", null, IndicatorDirection.HigherIsBetter, (2012, 20m)), 2013).Should().BeNull();
    }

    [Fact]
    public void Assess_CarriesTheProjection()
    {
        var status = Assess(Rising((2011, 14m), (2012, 18m)), 2012);

        status.Projection.Should().Be(new IndicatorProjection(2015, 30m, false, ProjectionMethod.LeastSquares));
    }

    [Fact]
    public void Assess_AfterTheTargetYear_TheTargetYearValueDecidesMetOrMissed()
    {
        var met = Assess(Rising((2015, 36m)), 2017);
        var missed = Assess(Rising((2015, 30m)), 2017);

        met.Verdict.Should().Be(IndicatorVerdict.Met);
        met.VerdictText.Should().Be("已实现");
        met.Reason.Should().Be("2015年实际值36，达到目标35，已实现。");
        missed.Verdict.Should().Be(IndicatorVerdict.Missed);
        missed.Colour.Should().Be(StatusColour.Red);
        missed.TimePercent.Should().Be(100m);
        missed.Reason.Should().Be("2015年实际值30，未达到目标35，未实现。");
    }

    [Fact]
    public void Assess_AfterTheTargetYearWithOnlyAnEarlierValue_JudgesThatValueAtItsOwnYear()
    {
        var status = Assess(Rising((2014, 30m)), 2017);

        status.TimePercent.Should().Be(80m);
        status.ProgressPercent.Should().Be(80m);
        status.Verdict.Should().Be(IndicatorVerdict.OnSchedule);
    }

    [Fact]
    public void Assess_TargetEqualToBaseline_MetOrBehindWithoutAGap()
    {
        var held = Assess(Facts("≥95", 95m, IndicatorDirection.HigherIsBetter, (2012, 96m)), 2012);
        var slipped = Assess(Facts("≥95", 95m, IndicatorDirection.HigherIsBetter, (2012, 94m)), 2012);

        held.Verdict.Should().Be(IndicatorVerdict.AlreadyMet);
        slipped.Verdict.Should().Be(IndicatorVerdict.Behind);
        slipped.Colour.Should().Be(StatusColour.Amber);
        slipped.ProgressPercent.Should().BeNull();
        slipped.Reason.Should().Be("2012年实际值94，目标值与基期值相同，尚未达到目标≥95，滞后。");
    }

    [Fact]
    public void Assess_WithoutABaseline_CanStillSayMet_ButNotHowFarAlong()
    {
        Assess(Facts("≥50", null, IndicatorDirection.HigherIsBetter, (2012, 55m)), 2012).Verdict.Should().Be(IndicatorVerdict.AlreadyMet);

        var unknown = Assess(Facts("≥50", null, IndicatorDirection.HigherIsBetter, (2012, 40m)), 2012);
        unknown.Verdict.Should().Be(IndicatorVerdict.NotQuantifiable);
        unknown.Reason.Should().Be("2012年实际值40，尚未达到目标≥50；缺少基期值，无法计算完成进度。");
    }

    [Fact]
    public void Assess_TwoValuesForOneYear_IsABug()
    {
        var act = () => Assess(Rising((2012, 20m), (2012, 21m)), 2013);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Assess_UsesThePlansOwnBand()
    {
        var narrow = MonitoringThresholds.Default with { OnScheduleBandPoints = 2m };

        IndicatorStatusRules.Assess(Rising((2012, 21m)), 2012, narrow).Verdict.Should().Be(IndicatorVerdict.AheadOfSchedule);
    }

    [Fact]
    public void TimePercent_IsClamped_AndAZeroYearSpanIsAllOrNothing()
    {
        IndicatorStatusRules.TimePercent(2010, 2015, 2009).Should().Be(0m);
        IndicatorStatusRules.TimePercent(2010, 2013, 2011).Should().Be(33.3m);
        IndicatorStatusRules.TimePercent(2010, 2015, 2020).Should().Be(100m);
        IndicatorStatusRules.TimePercent(2015, 2015, 2016).Should().Be(100m);
    }

    [Fact]
    public void From_AStoredIndicator_TakesItsYearsValuesAndDirection()
    {
        var indicator = new Indicator("国家现代服务业产业化基地", null, "家", 2010, StatedValue.Parse("18"), 2015, StatedValue.Parse("≥30"), IndicatorNature.Expected, 1, Guid.NewGuid());

        var facts = IndicatorFacts.From(indicator, [new YearValue(2012, 24m)])!;

        (facts.BaselineYear, facts.Baseline, facts.TargetYear, facts.Target.Lower).Should().Be((2010, 18m, 2015, 30m));
        facts.Direction.Should().Be(IndicatorDirection.HigherIsBetter);
        Assess(facts, 2012).Verdict.Should().Be(IndicatorVerdict.OnSchedule);
    }

    [Fact]
    public void From_AnIndicatorWithoutYears_GivesNothingToCompute()
    {
        var indicator = new Indicator("服务体系", null, null, null, null, null, StatedValue.Parse("建立"), null, 1, Guid.NewGuid());

        IndicatorFacts.From(indicator, []).Should().BeNull();
    }
}
