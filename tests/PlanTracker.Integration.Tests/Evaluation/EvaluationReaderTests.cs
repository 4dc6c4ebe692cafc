using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Evaluation;
using PlanTracker.Infrastructure.Monitoring;
using PlanTracker.Integration.Tests.Support;

namespace PlanTracker.Integration.Tests.Evaluation;

/// <summary>
/// The evaluation report's figures against the database they come from, on a generated plan (eight quarters, 2025 and
/// 2026, every workflow state): each figure is recomputed here by a plainer query, and each traced id leads back to
/// approved data that says what the figure says.
/// </summary>
public sealed class EvaluationReaderTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private MigratedDatabase _database = null!;

    public async Task InitializeAsync() =>
        _database = await GeneratedVolume.CreateAsync("--plans", "1", "--tasks", "12", "--periods", "8", "--indicators-per-plan", "4");

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private async Task<EvaluationFigures> AnnualAsync(int year, int? unitId = null)
    {
        await using var db = _database.CreateContext();
        var plan = await db.Plans.SingleAsync();
        var scope = EvaluationScope.Annual(plan, year, Today, unitId);
        scope.Refusal.Should().BeNull();
        var result = await new EvaluationReader(db, new MonitoringSql(db)).ReadAsync(scope.Scope!);
        result.Refusal.Should().BeNull();
        return result.Figures!;
    }

    [Fact]
    public async Task Annual_CountsEveryTaskAndAssignment_AndTheMoneyOfTheYearsApprovedReports()
    {
        var figures = await AnnualAsync(2025);

        figures.Overview.Tasks.Should().Be((int)await _database.CountAsync("SELECT count(*) FROM plan_nodes WHERE kind = 'Task'"));
        figures.Units.Sum(u => u.Assignments).Should().Be((int)await _database.CountAsync("SELECT count(*) FROM task_assignments"));
        (figures.Overview.TasksCompleted + figures.Overview.TasksOnTrack + figures.Overview.TasksBehind + figures.Overview.TasksSeriouslyBehind
            + figures.Overview.TasksNotStartedOrNoData).Should().Be(figures.Overview.Tasks);
        var invested = await _database.CountAsync("""
            SELECT round(COALESCE(sum(r.investment_wan), 0) * 10000)::bigint FROM progress_reports r
            JOIN reporting_periods pe ON pe.id = r.period_id
            WHERE r.status = 'Approved' AND pe.ends_on BETWEEN '2025-01-01' AND '2025-12-31'
            """);
        Math.Round(figures.Overview.InvestmentWan * 10000).Should().Be(invested);
        figures.Overview.InvestmentWan.Should().BePositive();
        figures.Overview.ReportsApproved.Should().Be((int)await _database.CountAsync("""
            SELECT count(*) FROM progress_reports r JOIN reporting_periods pe ON pe.id = r.period_id
            WHERE r.status = 'Approved' AND pe.ends_on BETWEEN '2025-01-01' AND '2025-12-31'
            """));
        figures.Overview.ReportsSubmitted.Should().BeLessThanOrEqualTo(figures.Overview.ReportsDue).And.BeGreaterThanOrEqualTo(figures.Overview.ReportsApproved);
    }

    [Fact]
    public async Task UnitsWords_ComeFromTheirLatestApprovedReportOfTheYear_WithItsId()
    {
        var figures = await AnnualAsync(2025);
        var digest = figures.Chapters.SelectMany(c => c.Tasks).SelectMany(t => t.Digest.Select(d => (Task: t, Words: d))).ToList();
        digest.Should().NotBeEmpty();

        await using var db = _database.CreateContext();
        foreach (var (task, words) in digest.Take(40))
        {
            var report = await db.ProgressReports.IgnoreQueryFilters().SingleAsync(r => r.Id == words.ReportId);
            var period = await db.ReportingPeriods.SingleAsync(p => p.Id == report.PeriodId);
            report.Status.Should().Be(ReportStatus.Approved);
            report.UnitId.Should().Be(words.UnitId);
            period.EndsOn.Year.Should().Be(2025);
            (report.ProgressText, report.Problems).Should().Be((words.Progress, words.Problems));
            var later = await db.ProgressReports.IgnoreQueryFilters()
                .Where(r => r.UnitId == words.UnitId && r.Status == ReportStatus.Approved && db.PlanNodes.Any(n => n.Id == r.TaskId && n.Key == task.Key))
                .Join(db.ReportingPeriods.Where(p => p.EndsOn > period.EndsOn && p.EndsOn.Year == 2025), r => r.PeriodId, p => p.Id, (r, p) => r.Id)
                .AnyAsync();
            later.Should().BeFalse("the words are those of the unit's latest approved report of the year");
        }

        figures.Problems.SelectMany(g => g.Items).Should().OnlyContain(p => digest.Any(d => d.Words.ReportId == p.ReportId && d.Words.Problems!.Trim() == p.Text));
    }

    [Fact]
    public async Task IndicatorYears_AreTheApprovedValuesTheyList_CombinedAsTheIndicatorSays()
    {
        var figures = await AnnualAsync(2026);
        var years = figures.Indicators.SelectMany(i => i.Years.Select(y => (Indicator: i, Year: y))).ToList();
        years.Should().NotBeEmpty();
        years.Should().OnlyContain(y => y.Year.Year <= 2026);

        await using var db = _database.CreateContext();
        foreach (var (indicator, year) in years)
        {
            var values = await db.IndicatorValues.IgnoreQueryFilters().Where(v => year.ValueIds.Contains(v.Id)).ToListAsync();
            values.Should().HaveCount(year.ValueIds.Count).And.OnlyContain(v => v.Status == ReportStatus.Approved);
            var aggregation = (await db.Indicators.SingleAsync(i => i.Id == indicator.IndicatorId)).Aggregation;
            var expected = year.IsNational ? values.Single().Value!.Value
                : aggregation == IndicatorAggregation.Sum ? values.Sum(v => v.Value!.Value)
                : Math.Round(values.Average(v => v.Value!.Value), 4);
            year.Value.Should().Be(expected, $"{indicator.Name} {year.Year}");
        }

        figures.Indicators.Should().OnlyContain(i => i.VerdictText.Length > 0 && i.Reason.Length > 0);
    }

    [Fact]
    public async Task UnitReport_HoldsOnlyThatUnitsAssignments_AndAUnitWithoutTasksIsRefused()
    {
        await using var db = _database.CreateContext();
        var unitId = await db.TaskAssignments.IgnoreQueryFilters().Select(a => a.UnitId).MinAsync();
        var figures = await AnnualAsync(2025, unitId);

        figures.Units.Should().ContainSingle().Which.UnitId.Should().Be(unitId);
        figures.Units[0].Assignments.Should().Be((int)await _database.CountAsync($"SELECT count(*) FROM task_assignments WHERE unit_id = {unitId}"));
        figures.Chapters.SelectMany(c => c.Tasks).SelectMany(t => t.Digest).Should().OnlyContain(d => d.UnitId == unitId);
        figures.Plan.UnitName.Should().NotBeNullOrEmpty();

        var idle = await db.Units.Where(u => !db.TaskAssignments.IgnoreQueryFilters().Any(a => a.UnitId == u.Id)).Select(u => u.Id).FirstAsync();
        var plan = await db.Plans.SingleAsync();
        var refused = await new EvaluationReader(db, new MonitoringSql(db)).ReadAsync(EvaluationScope.Annual(plan, 2025, Today, idle).Scope!);
        refused.Refusal.Should().EndWith("没有承担任务，无法生成单位评估报告。");
    }

    [Fact]
    public async Task Scope_RefusesYearsAndDaysThePlanDoesNotHave_InChinese()
    {
        await using var db = _database.CreateContext();
        var plan = await db.Plans.SingleAsync();

        EvaluationScope.Annual(plan, 2019, Today).Refusal.Should().Be($"所选年份（2019年）不在规划期（{plan.StartYear}—{plan.EndYear}年）内。");
        EvaluationScope.Annual(plan, 2027, Today).Refusal.Should().Be("2027年尚未开始，无法评估。");
        EvaluationScope.Annual(plan, 2026, Today).Scope!.To.Should().Be(Today, "the running year is evaluated up to today");
        EvaluationScope.MidTerm(plan, new DateOnly(2027, 6, 30), Today).Refusal.Should().Contain("晚于今天");
        EvaluationScope.MidTerm(plan, new DateOnly(2026, 6, 30), Today).Scope!.From.Should().Be(new DateOnly(plan.StartYear!.Value, 1, 1));
    }

    [Fact]
    public async Task Annex_IsAValidWorkbook_WithEveryTable_AndItsFiguresAreTheReportsFigures()
    {
        var figures = await AnnualAsync(2025);
        var annex = EvaluationAnnex.Write(figures);

        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(annex), false))
        {
            new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Should().BeEmpty();
        }

        var sheets = PlanTracker.Infrastructure.Spreadsheets.XlsxReader.Read(annex).Sheets!;
        sheets.Keys.Should().Equal("说明", "总体情况", "主要指标", "重点任务", "重大工程", "分地区", "存在问题", "预警与调整");
        sheets["总体情况"].Cell("B", 2)!.Text.Should().Be(figures.Overview.Tasks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        sheets["主要指标"].LastRow.Should().Be(figures.Indicators.Count + 1);
        sheets["分地区"].LastRow.Should().Be(figures.Units.Count + 1);
        sheets["重点任务"].LastRow.Should().Be(figures.Overview.Tasks + 1);
        var firstProblem = figures.Problems.First().Items.First();
        sheets["存在问题"].Cell("D", 2)!.Text.Should().Be(firstProblem.Text);
        sheets["存在问题"].Cell("E", 2)!.Text.Should().Be(firstProblem.ReportId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        EvaluationAnnex.Write(figures).Should().Equal(annex, "the same figures give the same file");
    }

    [Fact]
    public async Task IssuedFigures_SurviveTheirJson_AndALaterCorrectionShowsAsAChangeSince()
    {
        var issued = await AnnualAsync(2025);
        var json = FiguresComparison.ToJson(issued);
        FiguresComparison.ToJson(FiguresComparison.FromJson(json)).Should().Be(json);
        FiguresComparison.Compare(FiguresComparison.FromJson(json), issued).Should().BeEmpty();

        // A correction after issue: the latest approved report behind one task's words says 100%.
        var task = issued.Chapters.SelectMany(c => c.Tasks).First(t => t.Digest.Count > 0 && t.Percent < 100);
        await _database.ExecuteAsync($"UPDATE progress_reports SET percent_complete = 100 WHERE id IN ({string.Join(",", task.Digest.Select(d => d.ReportId))})");
        var now = await AnnualAsync(2025);

        var changes = FiguresComparison.Compare(FiguresComparison.FromJson(json), now);
        changes.Should().Contain(c => c.Section == "重点任务" && c.Subject == $"{task.Label} 完成比例（%）" && c.Before == task.Percent!.Value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task SameData_GivesTheSameFigures()
    {
        var first = JsonSerializer.Serialize(await AnnualAsync(2025));
        var second = JsonSerializer.Serialize(await AnnualAsync(2025));

        second.Should().Be(first);
        first.Should().Contain("\"Indicators\"").And.Contain("\"Chapters\"");
    }
}
