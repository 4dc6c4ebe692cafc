using PlanTracker.Domain.Monitoring;

namespace PlanTracker.Domain.Tests.Monitoring;

public sealed class MonitoringThresholdsTests
{
    [Fact]
    public void Default_IsValid_WithTheDocumentedValues()
    {
        var defaults = MonitoringThresholds.Default;

        defaults.Validate().Should().BeEmpty();
        (defaults.AmberGapPoints, defaults.RedGapPoints, defaults.OnScheduleBandPoints).Should().Be((10m, 25m, 10m));
        (defaults.OverdueRedDays, defaults.ReturnedRedDays).Should().Be((14, 10));
    }

    [Fact]
    public void Validate_RedNotAboveAmber_IsRefusedInChinese()
    {
        var thresholds = MonitoringThresholds.Default with { AmberGapPoints = 25m, RedGapPoints = 25m };

        thresholds.Validate().Should().Equal("红色预警的滞后幅度须大于黄色预警的滞后幅度。");
        thresholds.IsValid.Should().BeFalse();
    }

    [Fact]
    public void Validate_PointsOutsideZeroToHundred_AreRefused()
    {
        var thresholds = MonitoringThresholds.Default with { AmberGapPoints = -1m, RedGapPoints = 120m, OnScheduleBandPoints = 101m };

        thresholds.Validate().Should().Equal(
            "黄色预警的滞后幅度须在0到100个百分点之间。",
            "红色预警的滞后幅度须在0到100个百分点之间。",
            "“基本符合预期”的幅度须在0到100个百分点之间。");
    }

    [Fact]
    public void Validate_OnScheduleBandNotBelowRed_IsRefused()
    {
        var thresholds = MonitoringThresholds.Default with { OnScheduleBandPoints = 25m };

        thresholds.Validate().Should().Equal("“基本符合预期”的幅度须小于红色预警的滞后幅度。");
    }

    [Fact]
    public void Validate_DaysOutsideOneToAYear_AreRefused()
    {
        var thresholds = MonitoringThresholds.Default with { OverdueRedDays = 0, ReturnedRedDays = 366 };

        thresholds.Validate().Should().Equal(
            "报告逾期转为红色预警的天数须在1到365天之间。",
            "报告退回未重报转为红色预警的天数须在1到365天之间。");
    }

    [Fact]
    public void Validate_AChangedButSensiblePlanSetting_IsAccepted()
    {
        var thresholds = MonitoringThresholds.Default with { AmberGapPoints = 5m, RedGapPoints = 15m, OnScheduleBandPoints = 5m, OverdueRedDays = 30, ReturnedRedDays = 5 };

        thresholds.IsValid.Should().BeTrue();
    }
}
