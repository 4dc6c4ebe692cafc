using System.Globalization;
using Microsoft.Extensions.Localization;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Web.Features.Shared.Figures;

namespace PlanTracker.Web.Features.Dashboard;

/// <summary>
/// The dashboards' charts and the figure tables under them, built from the same figures so that a chart, its table and
/// the table's CSV/xlsx download never disagree. Labels come from the localization resource.
/// </summary>
public sealed class DashboardFigures(IStringLocalizer<SharedResource> localizer)
{
    public const string ColoursKey = "colours";
    public const string ChaptersKey = "chapters";
    public const string ColumnsKey = "columns";
    public const string ReportingKey = "reporting";
    public const string TasksKey = "tasks";
    public const string UnitsKey = "units";

    private static readonly StatusColour[] Order = [StatusColour.Green, StatusColour.Amber, StatusColour.Red, StatusColour.Grey];

    public static string Word(StatusColour colour) => colour.ToString().ToLowerInvariant();

    public string ColourName(StatusColour colour) => localizer["Dashboard.Colour." + colour].Value;

    public OverviewViewModel Overview(OverviewViewModel model, Func<int, string> chapterHref, string? reportingHref)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(chapterHref);
        if (!model.HasTasks || !model.HasAssignments)
        {
            return model;
        }

        var charts = new List<ChartSpec>();
        var tables = new List<FigureTable>();

        // a. colour counts of tasks and assignments
        var levels = new[] { (L("Dashboard.Colours.Tasks"), model.Colours.Tasks), (L("Dashboard.Colours.Assignments"), model.Colours.Assignments) };
        charts.Add(ChartSpec.Of(ColoursKey, L("Dashboard.Colours.Chart"), new
        {
            type = "bar",
            data = new
            {
                labels = levels.Select(l => l.Item1).ToArray(),
                datasets = Order.Select(c => new { label = ColourName(c), data = levels.Select(l => Count(l.Item2, c)).ToArray(), backgroundColor = Word(c) }).ToArray(),
            },
            options = new { indexAxis = "y", scales = new { x = new { stacked = true, beginAtZero = true }, y = new { stacked = true } } },
        }, 200));
        tables.Add(new FigureTable(
            ColoursKey,
            L("Dashboard.Colours.Table"),
            [new(L("Dashboard.Colours.Level")), .. Order.Select(c => new FigureColumn(ColourName(c), true)), new(L("Dashboard.Total"), true)],
            [.. levels.Select(l => new FigureRow([FigureCell.Of(l.Item1), .. Order.Select(c => FigureCell.Of((long)Count(l.Item2, c), colour: Word(c))), FigureCell.Of((long)l.Item2.Total)]))]));

        // b. completion by chapter and by special column
        AddGroups(charts, tables, ChaptersKey, "Dashboard.Chapters", "Dashboard.Column.Chapter", model.Chapters, chapterHref);
        if (model.SpecialColumns.Count > 0)
        {
            AddGroups(charts, tables, ColumnsKey, "Dashboard.Columns", "Dashboard.Column.SpecialColumn", model.SpecialColumns, null);
        }

        // c. reporting completeness of the current period
        if (model.Reporting is { Total: > 0 } reporting)
        {
            var states = new (string Key, int Count, string Colour)[]
            {
                ("None", reporting.None, "grey"),
                ("Draft", reporting.Draft, "lightBlue"),
                ("Submitted", reporting.Submitted, "blue"),
                ("Reviewed", reporting.Reviewed, "purple"),
                ("Returned", reporting.Returned, "red"),
                ("Approved", reporting.Approved, "green"),
            };
            charts.Add(ChartSpec.Of(ReportingKey, L("Dashboard.Reporting.Chart"), new
            {
                type = "bar",
                data = new
                {
                    labels = states.Select(s => L("Review.State." + s.Key)).ToArray(),
                    datasets = new[] { new { label = L("Dashboard.Column.Count"), data = states.Select(s => s.Count).ToArray(), backgroundColor = states.Select(s => s.Colour).ToArray() } },
                },
                options = new { plugins = new { legend = new { display = false } }, scales = new { y = new { beginAtZero = true, ticks = new { precision = 0 } } } },
            }, 220));
            tables.Add(new FigureTable(
                ReportingKey,
                L("Dashboard.Reporting.Table"),
                [new(L("Dashboard.Column.State"), PlanText: false), new(L("Dashboard.Column.Count"), true)],
                [.. states.Select(s => new FigureRow([FigureCell.Of(L("Review.State." + s.Key), reportingHref), FigureCell.Of((long)s.Count)])),
                 new FigureRow([FigureCell.Of(L("Dashboard.Total")), FigureCell.Of((long)reporting.Total)])]));
        }

        return model with { Charts = charts, Tables = tables };
    }

    public (ChartSpec? Chart, FigureTable Table) Chapter(string chapter, IReadOnlyList<ChapterTaskRow> tasks, Func<int, string> taskHref)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(taskHref);
        var table = new FigureTable(
            TasksKey,
            L("Dashboard.Chapter.Table", chapter),
            [
                new(L("Dashboard.Column.Task"), PlanText: true),
                new(L("Dashboard.Column.Span")),
                new(L("Dashboard.Column.Expected"), true),
                new(L("Dashboard.Column.Approved"), true),
                new(L("Dashboard.Column.Status")),
                new(L("Dashboard.Column.Reason")),
                new(L("Dashboard.Column.Units"), true),
                new(L("Dashboard.Column.UnitsRed"), true),
                new(L("Dashboard.Column.UnitsAmber"), true),
            ],
            [.. tasks.Select(t => new FigureRow(
            [
                FigureCell.Of(t.Label, taskHref(t.TaskId)),
                FigureCell.Of(Span(t.StartsOn, t.EndsOn)),
                FigureCell.Of(t.Assessment.ExpectedPercent),
                FigureCell.Of(t.Assessment.ActualPercent),
                FigureCell.Of(ColourName(t.Assessment.Colour), colour: Word(t.Assessment.Colour)),
                FigureCell.Of(t.Assessment.Reason),
                FigureCell.Of((long)t.Units),
                FigureCell.Of((long)t.UnitsRed),
                FigureCell.Of((long)t.UnitsAmber),
            ]))])
        {
            EmptyText = L("Dashboard.Chapter.NoTasks"),
        };

        var chart = tasks.Count == 0 ? null : ChartSpec.Of(TasksKey, L("Dashboard.Chapter.Chart"), new
        {
            type = "bar",
            data = new
            {
                labels = tasks.Select(t => Short(t.Label)).ToArray(),
                datasets = new object[]
                {
                    new { label = L("Dashboard.Series.Approved"), data = tasks.Select(t => t.Assessment.ActualPercent).ToArray(), backgroundColor = tasks.Select(t => Word(t.Assessment.Colour)).ToArray() },
                    new { label = L("Dashboard.Series.Expected"), data = tasks.Select(t => t.Assessment.ExpectedPercent).ToArray(), backgroundColor = "lightBlue" },
                },
            },
            options = new { scales = new { y = new { beginAtZero = true, max = 100 } } },
        }, Math.Clamp(120 + (tasks.Count * 8), 240, 420));
        return (chart, table);
    }

    public FigureTable UnitMap(IReadOnlyList<UnitTile> tiles, Func<int, string> unitHref)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        ArgumentNullException.ThrowIfNull(unitHref);
        return new FigureTable(
            UnitsKey,
            L("Dashboard.Units.Table"),
            [
                new(L("Dashboard.Column.Unit"), PlanText: true),
                new(L("Dashboard.Column.Status")),
                new(L("Dashboard.Column.Assignments"), true),
                new(L("Dashboard.Column.Completion"), true),
                new(L("Dashboard.Column.Expected"), true),
                new(ColourName(StatusColour.Green), true),
                new(ColourName(StatusColour.Amber), true),
                new(ColourName(StatusColour.Red), true),
                new(L("Dashboard.Column.Overdue"), true),
            ],
            [.. tiles.Select(t => new FigureRow(
            [
                FigureCell.Of(t.Name, unitHref(t.UnitId)),
                FigureCell.Of(ColourName(t.Colour), colour: Word(t.Colour)),
                FigureCell.Of((long)t.Assignments),
                FigureCell.Of(t.ApprovedPercent),
                FigureCell.Of(t.ExpectedPercent),
                FigureCell.Of((long)t.Colours.Green),
                FigureCell.Of((long)t.Colours.Amber),
                FigureCell.Of((long)t.Colours.Red),
                FigureCell.Of((long)t.OverdueReports),
            ]))]);
    }

    public FigureTable Unit(string unitName, IReadOnlyList<UnitTaskStatusRow> rows, Func<int, string> taskHref)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(taskHref);
        return new FigureTable(
            TasksKey,
            L("Dashboard.Unit.Table", unitName),
            [
                new(L("Dashboard.Column.Task"), PlanText: true),
                new(L("Dashboard.Column.Role")),
                new(L("Dashboard.Column.Expected"), true),
                new(L("Dashboard.Column.ApprovedUnit"), true),
                new(L("Dashboard.Column.Status")),
                new(L("Dashboard.Column.Reason")),
                new(L("Dashboard.Column.Disagreement")),
                new(L("Dashboard.Column.Report")),
            ],
            [.. rows.Select(r => new FigureRow(
            [
                FigureCell.Of(r.Label, taskHref(r.TaskId)),
                FigureCell.Of(L("Assignments.Role." + r.Role)),
                FigureCell.Of(r.Assessment.ExpectedPercent),
                FigureCell.Of(r.Assessment.ActualPercent),
                FigureCell.Of(ColourName(r.Assessment.Colour), colour: Word(r.Assessment.Colour)),
                FigureCell.Of(r.Assessment.Reason),
                FigureCell.Of(r.Assessment.Disagreement, colour: r.Assessment.IsDisagreement ? "amber" : null),
                r.ApprovedReportId is { } report
                    ? FigureCell.Of(L("Dashboard.Report.View", report.ToString(CultureInfo.InvariantCulture)), $"/progress/reports/{report}")
                    : FigureCell.Of("—"),
            ]))])
        {
            EmptyText = L("Dashboard.Unit.NoTasks"),
        };
    }

    private void AddGroups(List<ChartSpec> charts, List<FigureTable> tables, string key, string prefix, string nameColumn, IReadOnlyList<GroupFigures> groups, Func<int, string>? href)
    {
        charts.Add(ChartSpec.Of(key, L(prefix + ".Chart"), new
        {
            type = "bar",
            data = new
            {
                labels = groups.Select(g => Short(g.Label)).ToArray(),
                datasets = new object[]
                {
                    new { label = L("Dashboard.Series.Approved"), data = groups.Select(g => g.ApprovedPercent).ToArray(), backgroundColor = "blue" },
                    new { label = L("Dashboard.Series.Expected"), data = groups.Select(g => g.ExpectedPercent).ToArray(), backgroundColor = "lightBlue" },
                },
            },
            options = new { scales = new { y = new { beginAtZero = true, max = 100 } } },
        }));
        tables.Add(new FigureTable(
            key,
            L(prefix + ".Table"),
            [
                new(L(nameColumn), PlanText: true),
                new(L("Dashboard.Column.Tasks"), true),
                new(L("Dashboard.Column.Approved"), true),
                new(L("Dashboard.Column.Expected"), true),
                .. Order.Select(c => new FigureColumn(ColourName(c), true)),
            ],
            [.. groups.Select(g => new FigureRow(
            [
                FigureCell.Of(g.Label, href?.Invoke(g.NodeId)),
                FigureCell.Of((long)g.Tasks),
                FigureCell.Of(g.ApprovedPercent),
                FigureCell.Of(g.ExpectedPercent),
                .. Order.Select(c => FigureCell.Of((long)Count(g.Colours, c))),
            ]))]));
    }

    private static int Count(ColourTally tally, StatusColour colour) => colour switch
    {
        StatusColour.Green => tally.Green,
        StatusColour.Amber => tally.Amber,
        StatusColour.Red => tally.Red,
        _ => tally.Grey,
    };

    private static string Span(DateOnly start, DateOnly end) =>
        start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " — " + end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Axis labels stay short; the table under the chart has the full title.</summary>
    private static string Short(string label) => label.Length <= 14 ? label : label[..13] + "…";

    private string L(string key) => localizer[key].Value;

    private string L(string key, params object[] arguments) => localizer[key, arguments].Value;
}
