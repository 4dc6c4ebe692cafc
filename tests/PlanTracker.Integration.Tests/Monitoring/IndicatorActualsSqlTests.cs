using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Monitoring;
using PlanTracker.Integration.Tests.Support;

namespace PlanTracker.Integration.Tests.Monitoring;

/// <summary>Indicator figures by year as PostgreSQL combines them, against the same rule written over the entities.</summary>
public sealed class IndicatorActualsSqlTests : IAsyncLifetime
{
    private static readonly string[] Small = ["--plans", "1", "--tasks", "6", "--periods", "8", "--indicators-per-plan", "9"];

    private MigratedDatabase _database = null!;

    public async Task InitializeAsync() => _database = await GeneratedVolume.CreateAsync(Small);

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task YearFigures_AreTheLatestPeriodsApprovedNationalFigure_OrTheUnitsSumOrAverage()
    {
        await using var db = _database.CreateContext();
        var planId = await db.Plans.Select(p => p.Id).SingleAsync();
        var indicators = await db.Indicators.ToListAsync();
        var periods = await db.ReportingPeriods.ToDictionaryAsync(p => p.Id);
        var values = await db.IndicatorValues.Where(v => v.Status == ReportStatus.Approved && v.Value != null).ToListAsync();

        var expected = new List<(int, int, decimal)>();
        foreach (var indicator in indicators)
        {
            var byPeriod = values.Where(v => v.IndicatorId == indicator.Id).GroupBy(v => v.PeriodId).Select(g =>
            {
                var national = g.Where(v => v.UnitId == null).Select(v => v.Value).FirstOrDefault();
                decimal? figure = national ?? indicator.Aggregation switch
                {
                    IndicatorAggregation.Sum => g.Where(v => v.UnitId != null).Sum(v => v.Value),
                    IndicatorAggregation.Average when g.Any(v => v.UnitId != null) => Math.Round(g.Where(v => v.UnitId != null).Average(v => v.Value!.Value), 4),
                    _ => null,
                };
                return (Period: periods[g.Key], Figure: figure);
            }).Where(x => x.Figure is not null);
            expected.AddRange(byPeriod.GroupBy(x => x.Period.EndsOn.Year)
                .Select(y => (indicator.Id, y.Key, y.OrderByDescending(x => x.Period.EndsOn).ThenByDescending(x => x.Period.Id).First().Figure!.Value)));
        }

        var actual = await new MonitoringSql(db).ActualsAsync(planId);

        expected.Should().HaveCountGreaterThan(9, "several years of figures for several indicators");
        indicators.Select(i => i.Aggregation).Distinct().Should().HaveCountGreaterThan(1, "the comparison covers more than one way of combining");
        actual.Select(a => (a.IndicatorId, a.Year, a.Value)).Should().BeEquivalentTo(expected);
    }
}
