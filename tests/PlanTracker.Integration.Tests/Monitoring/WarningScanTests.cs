using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Infrastructure.Auditing;
using PlanTracker.Infrastructure.Monitoring;
using PlanTracker.Integration.Tests.Support;

namespace PlanTracker.Integration.Tests.Monitoring;

/// <summary>
/// The early-warning scan on a small generated plan volume (every workflow state occurs): what the first scan raises,
/// that a second scan of the same day raises nothing, and which colour changes raise a warning. Each test has its own
/// database (the scan writes).
/// </summary>
public sealed class WarningScanTests : IAsyncLifetime
{
    private static readonly string[] Small = ["--plans", "1", "--tasks", "12", "--periods", "6", "--indicators-per-plan", "3"];

    private static readonly DateOnly Day = new(2026, 11, 26);

    private static readonly DateTimeOffset Now = new(2026, 11, 26, 2, 0, 0, TimeSpan.Zero);

    private MigratedDatabase _database = null!;

    private int _planId;

    public async Task InitializeAsync()
    {
        _database = await GeneratedVolume.CreateAsync(Small);
        await using var db = _database.CreateContext();
        _planId = await db.Plans.Select(p => p.Id).SingleAsync();

        // Tight thresholds, so the generated progress gives every colour.
        await ExecuteAsync("UPDATE plans SET threshold_amber_gap_points = 3, threshold_red_gap_points = 8, threshold_on_schedule_band_points = 3");
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task FirstScan_RaisesAWarningForEveryAmberOrRedSubject_WithTheRulesReasonAndEvidence()
    {
        var result = await ScanAsync();

        await using var db = _database.CreateContext();
        var thresholds = await db.Plans.Where(p => p.Id == _planId).Select(p => p.Thresholds).SingleAsync();
        var rows = await new MonitoringSql(db).TaskUnitsAsync(_planId, Day);
        var warnings = await db.EarlyWarnings.AsNoTracking().ToListAsync();
        var expectedTaskUnit = rows.Where(r => r.Colour is StatusColour.Amber or StatusColour.Red).ToList();
        expectedTaskUnit.Should().NotBeEmpty("the tight thresholds colour some assignments");
        warnings.Where(w => w.Kind == WarningKind.TaskUnit).Should().HaveCount(expectedTaskUnit.Count);
        foreach (var row in expectedTaskUnit)
        {
            var warning = warnings.Single(w => w.SubjectKey == WarningSubject.TaskUnit(row.TaskKey, row.TaskId, row.UnitId, null).Key);
            warning.Colour.Should().Be(row.Colour);
            warning.PreviousColour.Should().BeNull("a first status counts as a change from nothing");
            warning.Reason.Should().Be(TaskStatusRules.Assess(row.Facts, Day, thresholds).Reason);
            warning.EvidenceReportId.Should().Be(row.ApprovedReportId);
            warning.TaskId.Should().Be(row.TaskId);
            warning.UnitId.Should().Be(row.UnitId);
            warning.AsOf.Should().Be(Day);
            warning.State.Should().Be(WarningState.Open);
        }

        warnings.Select(w => w.Kind).Distinct().Should().Contain([WarningKind.Task, WarningKind.TaskUnit, WarningKind.Unit]);
        warnings.Should().OnlyContain(w => w.Colour == StatusColour.Amber || w.Colour == StatusColour.Red);
        result.Raised.Should().Be(warnings.Count);

        // Every subject's colour is recorded (grey and green too), plus the day of the scan.
        var statuses = await db.MonitoredStatuses.AsNoTracking().ToListAsync();
        statuses.Should().HaveCount(result.Subjects + 1);
        statuses.Single(s => s.SubjectKey == WarningScan.LastScanKey).Since.Should().Be(Day);
        var scan = new WarningScan(db, SystemAuditActor.Default, new TestClock(Now), NullLogger<WarningScan>.Instance);
        (await scan.LastScannedAsync(_planId)).Should().Be(Day);
    }

    [Fact]
    public async Task APlanWhoseDataChangedSinceItsScan_IsListedForTheNextScan_UntilScannedAgain()
    {
        await using var db = _database.CreateContext();
        var scan = new WarningScan(db, SystemAuditActor.Default, new TestClock(Now), NullLogger<WarningScan>.Instance);
        (await scan.ChangedSinceScanAsync()).Should().Contain(_planId, "never scanned");
        await ScanAsync();
        (await scan.ChangedSinceScanAsync()).Should().NotContain(_planId, "nothing changed since the scan");

        await ExecuteAsync("UPDATE progress_reports SET status = 'Returned' WHERE id = (SELECT min(id) FROM progress_reports WHERE status = 'Approved')");

        (await scan.ChangedSinceScanAsync()).Should().Contain(_planId, "a report was returned after the scan");
        await ScanAsync();
        (await scan.ChangedSinceScanAsync()).Should().NotContain(_planId);
    }

    [Fact]
    public async Task SecondScan_OfTheSameDay_RaisesNothingNew()
    {
        var first = await ScanAsync();

        var second = await ScanAsync();

        first.Raised.Should().BeGreaterThan(0);
        second.Changed.Should().Be(0);
        second.Raised.Should().Be(0);
        (await ScalarAsync("SELECT count(*) FROM early_warnings")).Should().Be(first.Raised);
        (await ScalarAsync($"SELECT count(*) FROM audit_log WHERE action = 'warning-scan' AND entity_type = 'Plan' AND entity_id = '{_planId}'")).Should().Be(2, "each scan leaves one audit entry saying what it did");
        (await ScalarAsync($"SELECT count(*) FROM audit_log WHERE action = 'warning-scan' AND after ->> 'raised' = '{first.Raised}'")).Should().Be(1);
    }

    [Fact]
    public async Task ASubjectGoingGreenThenRedAgain_RaisesANewWarning()
    {
        var (key, gap) = await BehindTaskAsync();
        await SetGapThresholdsAsync(gap - 2, gap - 1);
        await ScanAsync();
        (await WarningsOfAsync(key)).Should().Equal(StatusColour.Red);

        await SetGapThresholdsAsync(gap + 1, gap + 2);
        await ScanAsync();
        (await ColourOfAsync(key)).Should().Be(nameof(StatusColour.Green));
        (await WarningsOfAsync(key)).Should().Equal([StatusColour.Red], "going green raises nothing");

        await SetGapThresholdsAsync(gap - 2, gap - 1);
        await ScanAsync();

        (await WarningsOfAsync(key)).Should().Equal(StatusColour.Red, StatusColour.Red);
        (await ScalarAsync($"SELECT count(*) FROM early_warnings WHERE subject_key = '{key}' AND previous_colour = 'Green'")).Should().Be(1);
    }

    [Fact]
    public async Task AmberToRed_Raises_ButRedToAmber_DoesNot()
    {
        var (key, gap) = await BehindTaskAsync();
        await SetGapThresholdsAsync(gap - 1, gap + 1);
        await ScanAsync();
        (await WarningsOfAsync(key)).Should().Equal(StatusColour.Amber);

        await SetGapThresholdsAsync(gap - 2, gap - 1);
        await ScanAsync();
        (await WarningsOfAsync(key)).Should().Equal(StatusColour.Amber, StatusColour.Red);

        await SetGapThresholdsAsync(gap - 1, gap + 1);
        await ScanAsync();

        (await WarningsOfAsync(key)).Should().Equal([StatusColour.Amber, StatusColour.Red], "red to amber is better, not a warning");
        (await ColourOfAsync(key)).Should().Be(nameof(StatusColour.Amber), "the recorded colour follows the status either way");
    }

    [Fact]
    public async Task UnitStatus_IsTheMeanPercentAgainstTheMeanExpected_OfTheUnitsAssignmentsWithData()
    {
        await using var db = _database.CreateContext();
        var rows = await new MonitoringSql(db).TaskUnitsAsync(_planId, Day);
        var unit = rows.GroupBy(r => r.UnitId).First(g => g.Count(r => r.Percent is not null) >= 2).ToList();
        var withData = unit.Where(r => r.Percent is not null).ToList();
        var percent = Math.Round(withData.Average(r => Math.Min(100m, r.Percent!.Value)), 1, MidpointRounding.AwayFromZero);
        var expected = Math.Round(withData.Average(r => r.Expected), 1, MidpointRounding.AwayFromZero);
        var gap = expected - percent;

        var red = UnitStatusRule.Assess(unit, new MonitoringThresholds { AmberGapPoints = Math.Max(0, gap - 2), RedGapPoints = Math.Max(0, gap - 2) + 1, OnScheduleBandPoints = 0 });
        var green = UnitStatusRule.Assess(unit, new MonitoringThresholds { AmberGapPoints = Math.Max(gap, 0) + 1, RedGapPoints = Math.Max(gap, 0) + 2, OnScheduleBandPoints = 0 });

        red.Gap.Should().Be(gap);
        red.Percent.Should().Be(percent);
        red.Expected.Should().Be(expected);
        red.Reason.Should().Contain($"{withData.Count}项有通过审核的进展").And.Contain($"平均进度{percent.ToString("0.##", CultureInfo.InvariantCulture)}%");
        green.Colour.Should().Be(StatusColour.Green);
        if (gap > 1)
        {
            red.Colour.Should().Be(StatusColour.Red);
        }

        UnitStatusRule.Assess([.. unit.Select(r => r with { Percent = null })], MonitoringThresholds.Default).Colour.Should().Be(StatusColour.Grey, "no approved percent, no judgement");
    }

    [Fact]
    public async Task Scan_OfAPlanThatIsNotPublished_IsNull()
    {
        await using var db = _database.CreateContext();
        var scan = new WarningScan(db, SystemAuditActor.Default, new TestClock(Now), NullLogger<WarningScan>.Instance);

        (await scan.ScanAsync(_planId + 1000, Day)).Should().BeNull();
        (await scan.PublishedPlanIdsAsync()).Should().Equal(_planId);
    }

    /// <summary>A task behind its time by at least 5 points on the day, and that gap.</summary>
    private async Task<(string Key, decimal Gap)> BehindTaskAsync()
    {
        await using var db = _database.CreateContext();
        var gap = await new MonitoringSql(db).ReadAsync(
            TaskStatusSql.Ctes + " SELECT task_key, gap FROM task_status WHERE gap >= 5 AND gap <= 90 ORDER BY gap DESC, position LIMIT 1",
            TaskStatusSql.Parameters(_planId, Day),
            r => (r.GetGuid(0), r.GetDecimal(1)));
        gap.Should().ContainSingle("the generated volume has a task behind its time");
        return ($"task:{gap[0].Item1:N}", Math.Floor(gap[0].Item2));
    }

    private Task SetGapThresholdsAsync(decimal amber, decimal red) =>
        ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"UPDATE plans SET threshold_amber_gap_points = {amber}, threshold_red_gap_points = {red}, threshold_on_schedule_band_points = 0"));

    private async Task<WarningScanResult> ScanAsync()
    {
        await using var db = _database.CreateContext();
        var result = await new WarningScan(db, SystemAuditActor.Default, new TestClock(Now), NullLogger<WarningScan>.Instance).ScanAsync(_planId, Day);
        result.Should().NotBeNull();
        return result!;
    }

    private async Task<List<StatusColour>> WarningsOfAsync(string key)
    {
        await using var db = _database.CreateContext();
        return await db.EarlyWarnings.Where(w => w.SubjectKey == key).OrderBy(w => w.Id).Select(w => w.Colour).ToListAsync();
    }

    private async Task<string?> ColourOfAsync(string key)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT colour FROM monitored_statuses WHERE subject_key = '{key}'", connection);
        return (string?)await command.ExecuteScalarAsync();
    }

    private Task ExecuteAsync(string sql) => _database.ExecuteAsync(sql);

    private Task<long> ScalarAsync(string sql) => _database.CountAsync(sql);
}
