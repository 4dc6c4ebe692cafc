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
    public void Validate_RedNotAboveAmber_IsRefused()
    {
        var thresholds = MonitoringThresholds.Default with { AmberGapPoints = 25m, RedGapPoints = 25m };

        thresholds.Validate().Select(r => r.Code).Should().Equal(ThresholdProblem.RedNotAboveAmber);
        thresholds.IsValid.Should().BeFalse();
    }

    [Fact]
    public void Validate_PointsOutsideZeroToHundred_AreRefused()
    {
        var thresholds = MonitoringThresholds.Default with { AmberGapPoints = -1m, RedGapPoints = 120m, OnScheduleBandPoints = 101m };

        thresholds.Validate().Select(r => r.Code).Should().Equal(ThresholdProblem.AmberOutOfRange, ThresholdProblem.RedOutOfRange, ThresholdProblem.BandOutOfRange);
    }

    [Fact]
    public void Validate_OnScheduleBandNotBelowRed_IsRefused()
    {
        var thresholds = MonitoringThresholds.Default with { OnScheduleBandPoints = 25m };

        thresholds.Validate().Select(r => r.Code).Should().Equal(ThresholdProblem.BandNotBelowRed);
    }

    [Fact]
    public void Validate_DaysOutsideOneToAYear_AreRefused()
    {
        var thresholds = MonitoringThresholds.Default with { OverdueRedDays = 0, ReturnedRedDays = 366 };

        thresholds.Validate().Select(r => r.Code).Should().Equal(ThresholdProblem.OverdueDaysOutOfRange, ThresholdProblem.ReturnedDaysOutOfRange);
    }

    [Fact]
    public void Validate_AChangedButSensiblePlanSetting_IsAccepted()
    {
        var thresholds = MonitoringThresholds.Default with { AmberGapPoints = 5m, RedGapPoints = 15m, OnScheduleBandPoints = 5m, OverdueRedDays = 30, ReturnedRedDays = 5 };

        thresholds.IsValid.Should().BeTrue();
    }
}
