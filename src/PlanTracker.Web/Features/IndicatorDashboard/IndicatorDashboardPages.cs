using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Monitoring;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Shared.Figures;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.IndicatorDashboard;

/// <summary>
/// Reads for the indicator overview and the indicator page. The figures by year come from
/// <see cref="IndicatorActualsSql.ActualsAsync"/> (one query for all of a plan's indicators); the verdicts from
/// <see cref="IndicatorStatusRules"/>. The domain has no milestone counts for indicators yet, so text targets are judged
/// 无法量化评价, as the rules say.
/// </summary>
public sealed class IndicatorDashboardPages(AppDbContext db, MonitoringSql sql, IStringLocalizer<SharedResource> localizer, DomainWords words, DashboardCache cache)
{
    private static readonly IndicatorVerdict[] VerdictOrder =
    [
        IndicatorVerdict.Met, IndicatorVerdict.AlreadyMet, IndicatorVerdict.AheadOfSchedule, IndicatorVerdict.OnSchedule,
        IndicatorVerdict.Behind, IndicatorVerdict.Missed, IndicatorVerdict.NotQuantifiable, IndicatorVerdict.NoData,
    ];

    // Both pages are cached under their plan's data version (DashboardCache) per day and language; whether the
    // signed-in person may see the plan is asked first, outside the cache.
    public async Task<IndicatorOverviewViewModel?> OverviewAsync(int planId, DateOnly asOf, CancellationToken cancellationToken) =>
        await db.Plans.AnyAsync(p => p.Id == planId, cancellationToken)
            ? await cache.GetAsync(sql, "indicators", planId, DashboardCache.Variant(asOf), () => LoadOverviewAsync(planId, asOf, cancellationToken), cancellationToken)
            : null;

    public async Task<IndicatorPageViewModel?> IndicatorAsync(int indicatorId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var planId = await db.Indicators.AsNoTracking()
            .Where(i => i.Id == indicatorId)
            .Join(db.PlanVersions.Where(v => v.Status == PlanVersionStatus.Published), i => i.PlanVersionId, v => v.Id, (i, v) => (int?)v.PlanId)
            .SingleOrDefaultAsync(cancellationToken);
        return planId is null
            ? null
            : await cache.GetAsync(sql, "indicator", planId.Value, DashboardCache.Variant(asOf, indicatorId), () => LoadIndicatorAsync(indicatorId, asOf, cancellationToken), cancellationToken);
    }

    private async Task<IndicatorOverviewViewModel?> LoadOverviewAsync(int planId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var versionId = await db.PlanVersions.AsNoTracking()
            .Where(v => v.PlanId == planId && v.Status == PlanVersionStatus.Published)
            .OrderByDescending(v => v.Number)
            .Select(v => (int?)v.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var indicators = versionId is null
            ? []
            : await db.Indicators.AsNoTracking().Where(i => i.PlanVersionId == versionId).OrderBy(i => i.Ordinal).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        var originals = await OriginalTargetsAsync(planId, indicators, cancellationToken);
        var actuals = (await sql.ActualsAsync(planId, cancellationToken: cancellationToken)).ToLookup(a => a.IndicatorId);
        var lines = indicators.Select(i => Judge(i, actuals[i.Id], originals, asOf, plan.Thresholds)).ToList();
        var tally = VerdictTally.Of(lines.Select(l => l.Assessment.Verdict));

        return new IndicatorOverviewViewModel(plan.Id, plan.Title, asOf, lines, tally, TallyChart(tally), OverviewTable(plan.Id, lines), TallyTable(tally));
    }

    private async Task<IndicatorPageViewModel?> LoadIndicatorAsync(int indicatorId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var found = await db.Indicators.AsNoTracking()
            .Where(i => i.Id == indicatorId)
            .Join(db.PlanVersions.Where(v => v.Status == PlanVersionStatus.Published), i => i.PlanVersionId, v => v.Id, (i, v) => new { Indicator = i, v.PlanId })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var indicator = found.Indicator;
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == found.PlanId, cancellationToken);
        var originals = await OriginalTargetsAsync(plan.Id, [indicator], cancellationToken);
        var actuals = await sql.ActualsAsync(plan.Id, indicator.Id, cancellationToken);
        var line = Judge(indicator, actuals, originals, asOf, plan.Thresholds);
        var periodIds = actuals.Select(a => a.PeriodId).Distinct().ToList();
        var periodLabels = await db.ReportingPeriods.AsNoTracking().Where(p => periodIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Label, cancellationToken);
        var unitValues = await sql.LatestUnitValuesAsync(plan.Id, indicator.Key, asOf, cancellationToken);

        var facts = IndicatorFacts.From(indicator, actuals.Select(a => a.AsYearValue));
        var years = Years(indicator, actuals);
        var byYear = actuals.ToDictionary(a => a.Year);
        decimal? Expected(int year) => facts is not null && year >= facts.BaselineYear && year <= facts.TargetYear ? IndicatorStatusRules.ExpectedValue(facts, year) : null;
        var projection = line.Assessment.Projection;
        decimal? Projected(int year) =>
            projection is null ? null
            : year == projection.Year ? projection.Value
            : year == line.Assessment.ActualYear ? line.Assessment.ActualValue
            : null;

        var chart = ChartSpec.Of(
            "indicator-values",
            L("IndicatorPage.ChartTitle"),
            new
            {
                type = "line",
                data = new
                {
                    labels = years.Select(y => y.ToString(CultureInfo.InvariantCulture)).ToList(),
                    datasets = new object[]
                    {
                        new { label = L("IndicatorPage.ExpectedLine"), data = years.Select(Expected).ToList(), borderColor = "grey", backgroundColor = "grey", borderDash = new[] { 6, 4 }, pointRadius = 2, spanGaps = true },
                        new { label = L("IndicatorPage.Actual"), data = years.Select(y => byYear.TryGetValue(y, out var a) ? a.Value : (decimal?)null).ToList(), borderColor = "blue", backgroundColor = "blue", pointRadius = 4, spanGaps = true },
                        new { label = L("IndicatorPage.Projection"), data = years.Select(Projected).ToList(), borderColor = "purple", backgroundColor = "purple", borderDash = new[] { 2, 3 }, pointRadius = 3, spanGaps = true },
                    },
                },
            });

        var yearTable = new FigureTable(
            "years",
            L("IndicatorPage.YearTable"),
            [new(L("IndicatorPage.Year")), new(L("IndicatorPage.ExpectedLine"), true), new(L("IndicatorPage.Actual"), true), new(L("IndicatorPage.Projection"), true), new(L("IndicatorPage.Period")), new(L("IndicatorPage.Basis"))],
            [.. years.Select(y => new FigureRow(
            [
                FigureCell.Of(y.ToString(CultureInfo.InvariantCulture)),
                FigureCell.Of(Expected(y), "0.##"),
                FigureCell.Of(byYear.TryGetValue(y, out var a) ? a.Value : null, "0.####"),
                FigureCell.Of(projection is not null && y == projection.Year ? projection.Value : null, "0.##"),
                FigureCell.Of(a is not null && periodLabels.TryGetValue(a.PeriodId, out var label) ? words.Period(label) : "—"),
                FigureCell.Of(a is null ? "—" : a.IsNational ? L("IndicatorPage.National") : localizer["IndicatorPage.Combined", a.Units, L("IndicatorAggregation." + indicator.Aggregation)].Value),
            ]))])
        { EmptyText = L("IndicatorPage.NoYears") };

        var unitTable = new FigureTable(
            "units",
            L("IndicatorPage.UnitTable"),
            [new(L("IndicatorPage.Unit")), new(L("IndicatorPage.Value"), true), new(L("IndicatorPage.ValueText")), new(L("Indicator.UnitOfMeasure")), new(L("IndicatorPage.Source")), new(L("IndicatorPage.Period"))],
            [.. unitValues.Select(u => new FigureRow(
            [
                FigureCell.Of(u.UnitName), FigureCell.Of(u.Value, "0.####"), FigureCell.Of(u.ValueText ?? "—"), FigureCell.Of(u.UnitOfMeasure ?? "—"),
                FigureCell.Of(u.Source ?? "—"), FigureCell.Of(u.PeriodLabel),
            ]))])
        { EmptyText = L("IndicatorPage.NoUnitValues") };

        return new IndicatorPageViewModel(plan.Id, plan.Title, line, indicator.Aggregation, asOf, chart, yearTable, unitTable, unitValues.FirstOrDefault()?.PeriodLabel);
    }

    public static string ColourWord(StatusColour colour) => colour.ToString().ToLower(CultureInfo.InvariantCulture);

    private static List<int> Years(Indicator indicator, IReadOnlyList<IndicatorActual> actuals)
    {
        var known = actuals.Select(a => a.Year).Concat(new[] { indicator.BaselineYear, indicator.TargetYear }.OfType<int>()).ToList();
        return known.Count == 0 ? [] : [.. Enumerable.Range(known.Min(), known.Max() - known.Min() + 1)];
    }

    private string L(string key) => localizer[key].Value;

    /// <summary>The target first written for each indicator: that of the same key in the plan's earliest published (or since superseded) version.</summary>
    private async Task<Dictionary<Guid, Indicator>> OriginalTargetsAsync(int planId, IReadOnlyList<Indicator> indicators, CancellationToken cancellationToken)
    {
        var keys = indicators.Select(i => i.Key).ToList();
        var versions = await db.Indicators.AsNoTracking()
            .Where(i => keys.Contains(i.Key))
            .Join(db.PlanVersions.Where(v => v.PlanId == planId && v.Status != PlanVersionStatus.Draft), i => i.PlanVersionId, v => v.Id, (i, v) => new { Indicator = i, v.Number })
            .ToListAsync(cancellationToken);
        return versions.GroupBy(x => x.Indicator.Key).ToDictionary(g => g.Key, g => g.OrderBy(x => x.Number).First().Indicator);
    }

    private IndicatorLine Judge(Indicator indicator, IEnumerable<IndicatorActual> actuals, Dictionary<Guid, Indicator> originals, DateOnly asOf, MonitoringThresholds thresholds)
    {
        var facts = IndicatorFacts.From(indicator, actuals.Select(a => a.AsYearValue));
        IndicatorAssessment assessment;
        if (facts is null)
        {
            assessment = new IndicatorAssessment(
                IndicatorVerdict.NotQuantifiable, StatusColour.Grey, null, null, null, null, null, null, indicator.Target, null, null, null, L("IndicatorPage.NoBaselineOrTargetYear"));
        }
        else
        {
            if (originals.TryGetValue(indicator.Key, out var original) && original.Target.Text != indicator.Target.Text)
            {
                facts = facts with { OriginalTarget = original.Target };
            }

            assessment = IndicatorStatusRules.Assess(facts, asOf, thresholds);
        }

        // Monitoring shows the target first written beside the current one, so a moved goalpost (value or year) stays visible.
        var first = originals.GetValueOrDefault(indicator.Key);
        var originalTarget = first is not null && (first.Target.Text != indicator.Target.Text || first.TargetYear != indicator.TargetYear)
            ? WithYear(first.Target.Text, first.TargetYear)
            : null;
        return new IndicatorLine(indicator.Id, indicator.Ordinal, indicator.Name, indicator.Unit, indicator.Nature, indicator.BaselineYear, indicator.Baseline, indicator.TargetYear, indicator.Target, assessment, originalTarget, indicator.Key);
    }

    private ChartSpec TallyChart(VerdictTally tally) => ChartSpec.Of(
        "indicator-verdicts",
        L("IndicatorOverview.ChartTitle"),
        new
        {
            type = "bar",
            data = new
            {
                labels = VerdictOrder.Select(v => words.Of(v)).ToList(),
                datasets = new object[]
                {
                    new { label = L("IndicatorOverview.Count"), data = VerdictOrder.Select(v => tally[v]).ToList(), backgroundColor = VerdictOrder.Select(VerdictColour).ToList() },
                },
            },
            options = new { plugins = new { legend = new { display = false } }, scales = new { y = new { beginAtZero = true, ticks = new { precision = 0 } } } },
        });

    private static string VerdictColour(IndicatorVerdict verdict) => verdict switch
    {
        IndicatorVerdict.Met or IndicatorVerdict.AlreadyMet or IndicatorVerdict.AheadOfSchedule or IndicatorVerdict.OnSchedule => "green",
        IndicatorVerdict.Behind => "amber",
        IndicatorVerdict.Missed => "red",
        _ => "grey",
    };

    private FigureTable TallyTable(VerdictTally tally) => new(
        "verdicts",
        L("IndicatorOverview.TallyTable"),
        [new(L("IndicatorOverview.Verdict")), new(L("IndicatorOverview.Count"), true)],
        [.. VerdictOrder.Select(v => new FigureRow([FigureCell.Of(words.Of(v), colour: VerdictColour(v)), FigureCell.Of((long)tally[v])]))]);

    private FigureTable OverviewTable(int planId, IReadOnlyList<IndicatorLine> lines) => new(
        "indicators",
        L("IndicatorOverview.Table"),
        [
            new(L("Indicator.Ordinal"), true), new(L("Indicator.Name")), new(L("Indicator.Unit")), new(L("Indicator.Nature")),
            new(L("Indicator.Baseline")), new(L("Indicator.Target")), new(L("IndicatorOverview.Latest")),
            new(L("IndicatorOverview.Progress"), true), new(L("IndicatorOverview.Time"), true),
            new(L("IndicatorOverview.Verdict")), new(L("IndicatorOverview.Reason")), new(L("Versions.OriginalTarget")),
        ],
        [.. lines.Select(l => new FigureRow(
        [
            FigureCell.Of((long)l.Ordinal),
            FigureCell.Of(l.Name, $"/monitoring/indicators/{l.Id}"),
            FigureCell.Of(l.Unit ?? "—"),
            FigureCell.Of(l.Nature is null ? "—" : L("IndicatorNature." + l.Nature)),
            FigureCell.Of(WithYear(l.Baseline?.Text, l.BaselineYear)),
            FigureCell.Of(WithYear(l.Target.Text, l.TargetYear)),
            FigureCell.Of(l.Assessment.ActualValue is { } actual ? WithYear(actual.ToString("0.####", CultureInfo.InvariantCulture), l.Assessment.ActualYear) : "—"),
            FigureCell.Of(l.Assessment.ProgressPercent),
            FigureCell.Of(l.Assessment.TimePercent),
            FigureCell.Of(l.Assessment.VerdictText, colour: ColourWord(l.Assessment.Colour)),
            FigureCell.Of(l.Assessment.Reason),
            l.OriginalTarget is { } original ? FigureCell.Of(localizer["Versions.TargetAdjusted", original].Value, $"/plans/{planId}/history/{l.Key}", "amber") : FigureCell.Of("—"),
        ]))])
    { EmptyText = L("IndicatorOverview.Empty") };

    private string WithYear(string? text, int? year) =>
        string.IsNullOrEmpty(text) ? "—" : year is int y ? text + localizer["Indicator.YearSuffix", y].Value : text;
}
