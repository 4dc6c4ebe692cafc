using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Infrastructure.Evaluation;
using PlanTracker.Infrastructure.Monitoring;
using PlanTracker.Infrastructure.Spreadsheets;
using PlanTracker.TestSupport;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Consistency;

/// <summary>
/// Every page, export and report that shows a figure of the same plan, period and day shows the same number: the
/// completeness matrix, each unit's inbox and drill-down, the plan dashboard, the annual evaluation report and its
/// .xlsx annex — on generated data, and again after an adjustment of every change kind, which must leave every report
/// filed before it as it was (the reports of tasks the new version no longer has stop counting everywhere at once).
/// </summary>
[Trait(TestCategory.Name, TestCategory.Consistency)]
public abstract partial class FigureConsistencyTests<TPortal>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : GeneratedPortal
{
    [Fact]
    public async Task EveryPage_ShowsTheSameCounts_BeforeAndAfterAnAdjustmentOfEveryKind_AndKeepsFiledReports()
    {
        var periodId = await portal.CurrentPeriodAsync();
        await portal.ScanWarningsAsync();
        var before = await ReadAsync(periodId);
        before.ShouldAgree("before the adjustment");
        before.Matrix.Totals.Approved.Should().BeGreaterThan(0, "the generated data has approved reports in the current period");

        var adjusted = await portal.ApproveAdjustmentOfEveryKindAsync();
        var after = await ReadAsync(periodId);
        after.ShouldAgree("after the adjustment");

        // Filed reports keep their state: every report a demo unit had stays listed with the same state, except the
        // reports of tasks the new version no longer has and of the assignment it took away.
        var keys = string.Join(", ", adjusted.RemovedKeys.Select(k => $"'{k}'"));
        var gone = (await portal.ReportIdsAsync(
                $"period_id = {periodId} AND (task_key IN ({keys}) OR (task_key = '{adjusted.ReassignedKey}' AND unit_id NOT IN ({string.Join(", ", adjusted.KeptUnits)})))"))
            .ToHashSet();
        gone.Should().NotBeEmpty("the adjustment removes tasks that had reports");
        foreach (var code in GeneratedPortal.DemoUnitCodes)
        {
            var expected = before.DrillDowns[code].Where(r => !gone.Contains(r.Key)).ToDictionary();
            after.DrillDowns[code].Should().Equal(expected, $"{code}'s filed reports keep their state");
        }

        // Old links follow the task into the new version: the task page of the old version's reworded task redirects.
        using var planner = await portal.SignedInClientAsync("planner", allowAutoRedirect: false);
        var oldTask = adjusted.OldTaskIds[1];
        using var moved = await planner.GetAsync(new Uri($"/monitoring/tasks/{oldTask}?asOf={GeneratedPortal.AsOf:yyyy-MM-dd}", UriKind.Relative));
        moved.StatusCode.Should().Be(System.Net.HttpStatusCode.MovedPermanently);
        moved.Headers.Location!.OriginalString.Should().MatchRegex("^/monitoring/tasks/[0-9]+\\?asOf=2026-11-26$").And.NotBe($"/monitoring/tasks/{oldTask}?asOf=2026-11-26");
        using var cancelled = await planner.GetAsync(new Uri($"/monitoring/tasks/{adjusted.OldTaskIds[4]}", UriKind.Relative));
        cancelled.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
        cancelled.Headers.Location!.OriginalString.Should().Be($"/plans/{portal.PlanId}/history/{adjusted.RemovedKeys[0]}?removed=true");

        // The unfinished reports of removed tasks are closed with a note; approved ones keep their timeline.
        var withdrawn = await portal.ScalarAsync($"SELECT count(*) FROM progress_report_events e JOIN progress_reports r ON r.id = e.progress_report_id WHERE e.step = 'TaskWithdrawn' AND r.status = 'Approved'");
        withdrawn.Should().Be(0, "an approved report is never changed by an adjustment");
        var unfinished = await portal.ScalarAsync($"SELECT count(*) FROM progress_reports WHERE task_key IN ({keys}) AND status <> 'Approved'");
        var closed = await portal.ScalarAsync($"SELECT count(DISTINCT e.progress_report_id) FROM progress_report_events e JOIN progress_reports r ON r.id = e.progress_report_id WHERE e.step = 'TaskWithdrawn' AND r.task_key IN ({keys})");
        closed.Should().Be(unfinished, "every unfinished report of a removed task is closed with a note");

        // After a second adjustment, every link on the warnings written before both and on a report of the first
        // version still leads somewhere: no 404 and no error.
        await portal.ApproveRewordingAsync();
        using var reader = await portal.SignedInClientAsync("planner");
        var warningsPage = await reader.GetStringAsync(new Uri($"/monitoring/plans/{portal.PlanId}/warnings", UriKind.Relative));
        var warnings = WarningLinks().Matches(warningsPage).Select(m => m.Value).Distinct().Take(12).ToList();
        warnings.Should().NotBeEmpty("the scan before the adjustments raised warnings");
        var oldReport = (await portal.ReportIdsAsync($"task_id = {adjusted.OldTaskIds[1]} AND status = 'Approved'"))[0];
        var pages = warnings.Append($"/progress/reports/{oldReport}").ToList();
        var links = new HashSet<string>();
        foreach (var page in pages)
        {
            var html = await reader.GetStringAsync(new Uri(page, UriKind.Relative));
            links.UnionWith(MainLinks(html));
        }

        links.Should().Contain(
            l => adjusted.OldTaskIds.Any(id => l == $"/monitoring/tasks/{id}" || l.StartsWith($"/monitoring/tasks/{id}?", StringComparison.Ordinal)),
            "warnings written before the adjustments link to the first version's tasks");
        foreach (var link in links)
        {
            using var response = await reader.GetAsync(new Uri(link, UriKind.Relative));
            ((int)response.StatusCode).Should().BeLessThan(400, $"{link} (after two adjustments) still answers");
        }
    }

    private static IEnumerable<string> MainLinks(string html)
    {
        var main = new Regex("<main.*?</main>", RegexOptions.Singleline).Match(html).Value;
        return Hrefs().Matches(main).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))
            .Where(h => h.StartsWith('/') && !h.StartsWith("//", StringComparison.Ordinal) && !h.Contains("signout", StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex("href=\"(/[^\"#]*)")]
    private static partial Regex Hrefs();

    [GeneratedRegex("/monitoring/warnings/[0-9]+")]
    private static partial Regex WarningLinks();

    private async Task<Reading> ReadAsync(long periodId)
    {
        using var planner = await portal.SignedInClientAsync("planner");
        var matrix = Matrix.Parse(await planner.GetStringAsync(new Uri($"/review/periods/{periodId}", UriKind.Relative)));
        var dashboardCsv = await planner.GetStringAsync(new Uri($"/monitoring/plans/{portal.PlanId}?asOf={GeneratedPortal.AsOf:yyyy-MM-dd}&table=reporting&format=csv", UriKind.Relative));
        var dashboard = CsvCounts(dashboardCsv);

        var inboxes = new Dictionary<string, StateCounts>();
        var drillDowns = new Dictionary<string, Dictionary<long, string>>();
        await using (var db = SeededDatabase.CreateContext(portal.ConnectionString))
        {
            foreach (var code in GeneratedPortal.DemoUnitCodes)
            {
                var unitId = await db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync();
                drillDowns[code] = DrillDown(await planner.GetStringAsync(new Uri($"/review/periods/{periodId}/units/{unitId}", UriKind.Relative)));
                using var reporter = await portal.SignedInClientAsync(DemoUser(code));
                inboxes[code] = Inbox(await reporter.GetStringAsync(new Uri($"/progress?period={periodId}", UriKind.Relative)), periodId);
            }
        }

        // The annual evaluation of the current period's year, and the matrices of every period it counts.
        var year = (int)await portal.ScalarAsync($"SELECT extract(year FROM ends_on) FROM reporting_periods WHERE id = {periodId}");
        var windowPeriods = new List<long>();
        await using (var db = SeededDatabase.CreateContext(portal.ConnectionString))
        {
            windowPeriods.AddRange(await db.ReportingPeriods
                .Where(p => p.PlanId == portal.PlanId && p.Status != Domain.Reporting.PeriodStatus.Scheduled && p.EndsOn.Year == year)
                .Select(p => (long)p.Id).ToListAsync());
        }

        var window = new StateCounts(0, 0, 0, 0, 0, 0);
        foreach (var id in windowPeriods)
        {
            window += Matrix.Parse(await planner.GetStringAsync(new Uri($"/review/periods/{id}", UriKind.Relative))).Totals;
        }

        EvaluationFigures figures;
        await using (var db = SeededDatabase.CreateContext(portal.ConnectionString))
        {
            var result = await new EvaluationReader(db, new MonitoringSql(db)).ReadAsync(
                new EvaluationScope(portal.PlanId, EvaluationKind.Annual, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), null));
            figures = result.Figures ?? throw new InvalidOperationException(result.Refusal);
        }

        var sheets = XlsxReader.Read(EvaluationAnnex.Write(figures)).Sheets!;
        var warningsPage = await planner.GetStringAsync(new Uri($"/monitoring/plans/{portal.PlanId}/warnings", UriKind.Relative));
        var warnings = new WarningCounts(WarningCount(warningsPage, "open"), WarningCount(warningsPage, "open-red"));
        var reported = new WarningCounts(figures.OpenWarnings.Count, figures.OpenWarnings.Count(w => w.Colour == Domain.Monitoring.StatusColour.Red));
        var warningSheet = sheets["预警与调整"];
        var proposalsHeader = Enumerable.Range(1, warningSheet.LastRow).First(r => warningSheet.Cell("A", r)?.Text == "调整方案ID");
        var annexWarnings = Enumerable.Range(1, proposalsHeader).Count(r => warningSheet.Cell("A", r)?.Kind == XlsxCellKind.Number);
        return new Reading(matrix, dashboard, inboxes, drillDowns, window, figures.Overview, AnnexCounts(sheets["总体情况"]), warnings, reported, annexWarnings);
    }

    private static int WarningCount(string html, string which) =>
        int.Parse(new Regex($"data-count=\"{which}\">.*?<dd>([0-9]+)</dd>", RegexOptions.Singleline).Match(html).Groups[1].Value, CultureInfo.InvariantCulture);

    private static string DemoUser(string code) => code switch
    {
        "110000" => "bj-reporter",
        "310000" => "sh-reporter",
        "440000" => "gd-reporter",
        _ => "sz-reporter",
    };

    private static StateCounts CsvCounts(string csv)
    {
        var numbers = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => int.Parse(line.Trim().Split(',')[^1].Trim('"'), CultureInfo.InvariantCulture)).ToList();
        numbers.Should().HaveCount(7, "the reporting table has the six states and the total");
        return new StateCounts(numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5]);
    }

    private static StateCounts Inbox(string html, long periodId)
    {
        var section = new Regex($"<section class=\"progress-period\" id=\"period-{periodId}\".*?</section>", RegexOptions.Singleline).Match(html).Value;
        var counts = InboxCounts().Matches(section).ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        return new StateCounts(
            counts.GetValueOrDefault("none"), counts.GetValueOrDefault("Draft"), counts.GetValueOrDefault("Submitted"),
            counts.GetValueOrDefault("Reviewed"), counts.GetValueOrDefault("Returned"), counts.GetValueOrDefault("Approved"));
    }

    private static Dictionary<long, string> DrillDown(string html) =>
        DrillDownReports().Matches(html).ToDictionary(m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), m => m.Groups[1].Value);

    private static Dictionary<string, decimal> AnnexCounts(XlsxReadSheet sheet) =>
        Enumerable.Range(1, sheet.LastRow)
            .Select(row => (Label: sheet.Cell("A", row)?.Text, Value: sheet.Cell("B", row)?.Text))
            .Where(c => c.Label is not null && decimal.TryParse(c.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            .ToDictionary(c => c.Label!, c => decimal.Parse(c.Value!, NumberStyles.Number, CultureInfo.InvariantCulture));

    [GeneratedRegex("data-state=\"([A-Za-z]+)\" data-count=\"([0-9]+)\"")]
    private static partial Regex InboxCounts();

    [GeneratedRegex("<a class=\"report-status status-([a-z]+)\"[^>]*href=\"/progress/reports/([0-9]+)\"")]
    private static partial Regex DrillDownReports();

    private sealed record Reading(
        Matrix Matrix,
        StateCounts Dashboard,
        Dictionary<string, StateCounts> Inboxes,
        Dictionary<string, Dictionary<long, string>> DrillDowns,
        StateCounts WindowMatrices,
        EvaluationOverview Evaluation,
        Dictionary<string, decimal> Annex,
        WarningCounts WarningsPage,
        WarningCounts EvaluationWarnings,
        int AnnexWarnings)
    {
        public void ShouldAgree(string when)
        {
            Dashboard.Should().Be(Matrix.Totals, $"the dashboard's reporting counts are the completeness matrix's totals ({when})");
            foreach (var (code, inbox) in Inboxes)
            {
                inbox.Should().Be(Matrix.Rows[code], $"{code}'s inbox counts its tasks as the matrix does ({when})");
                DrillDowns[code].Should().HaveCount(Matrix.Rows[code].Filed, $"{code}'s drill-down lists the reports the matrix counts ({when})");
            }

            Evaluation.ReportsDue.Should().Be(WindowMatrices.Total, $"the evaluation owes the reports the year's matrices list ({when})");
            Evaluation.ReportsSubmitted.Should().Be(WindowMatrices.Sent, $"the evaluation's submitted reports are the matrices' ({when})");
            Evaluation.ReportsApproved.Should().Be(WindowMatrices.Approved, $"the evaluation's approved reports are the matrices' ({when})");
            Annex["应报进展报告（份）"].Should().Be(Evaluation.ReportsDue, when);
            Annex["已报送"].Should().Be(Evaluation.ReportsSubmitted, when);
            Annex["已批准"].Should().Be(Evaluation.ReportsApproved, when);
            Annex["重点任务（项）"].Should().Be(Evaluation.Tasks, when);
            WarningsPage.Open.Should().BeGreaterThan(0, "the scan raised warnings");
            EvaluationWarnings.Should().Be(WarningsPage, $"the evaluation counts the open warnings the warnings page counts ({when})");
            AnnexWarnings.Should().Be(WarningsPage.Open, $"the annex lists every open warning ({when})");
        }
    }

    private sealed partial record Matrix(StateCounts Totals, Dictionary<string, StateCounts> Rows)
    {
        public static Matrix Parse(string html)
        {
            var rows = UnitRows().Matches(html).ToDictionary(m => m.Groups[1].Value, m => Counts(m.Groups[2].Value));
            return new Matrix(Counts(TotalsRow().Match(html).Groups[1].Value), rows);
        }

        private static StateCounts Counts(string row)
        {
            var cells = CellValues().Matches(row).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
            return new StateCounts(cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]);
        }

        [GeneratedRegex("<tr data-unit=\"([0-9]+)\">(.*?)</tr>", RegexOptions.Singleline)]
        private static partial Regex UnitRows();

        [GeneratedRegex("<tr class=\"review-totals\">(.*?)</tr>", RegexOptions.Singleline)]
        private static partial Regex TotalsRow();

        [GeneratedRegex("<td class=\"num[^\"]*\">([0-9]+)</td>")]
        private static partial Regex CellValues();
    }
}

/// <summary>Open warnings of a plan, and how many of them are red.</summary>
internal sealed record WarningCounts(int Open, int Red);

/// <summary>Tasks of a period by their report's state: none yet, draft, submitted, reviewed, returned, approved.</summary>
internal sealed record StateCounts(int None, int Draft, int Submitted, int Reviewed, int Returned, int Approved)
{
    public int Total => None + Draft + Submitted + Reviewed + Returned + Approved;

    /// <summary>Reports that exist (any state).</summary>
    public int Filed => Total - None;

    /// <summary>Reports sent to the ministry at least once and not now a draft.</summary>
    public int Sent => Submitted + Reviewed + Returned + Approved;

    public static StateCounts operator +(StateCounts a, StateCounts b) =>
        new(a.None + b.None, a.Draft + b.Draft, a.Submitted + b.Submitted, a.Reviewed + b.Reviewed, a.Returned + b.Returned, a.Approved + b.Approved);
}

public sealed class FigureConsistencySeed3Tests(GeneratedPortalSeed3 portal) : FigureConsistencyTests<GeneratedPortalSeed3>(portal);

public sealed class FigureConsistencySeed17Tests(GeneratedPortalSeed17 portal) : FigureConsistencyTests<GeneratedPortalSeed17>(portal);

public sealed class FigureConsistencySeed42Tests(GeneratedPortalSeed42 portal) : FigureConsistencyTests<GeneratedPortalSeed42>(portal);
