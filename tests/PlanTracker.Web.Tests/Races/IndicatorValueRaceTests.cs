using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.PlanImport;
using PlanTracker.Infrastructure.Seed;
using PlanTracker.TestSupport;
using PlanTracker.Web.Tests.Support;
using Xunit.Abstractions;

namespace PlanTracker.Web.Tests.Races;

/// <summary>
/// 指标值填报 racing the close of its period, over HTTP, 20 rounds: the values page is saved as the planner closes the
/// period. Either the save is stored before the close, or it is refused (422, 填报期未开放) and leaves nothing — never a
/// value stored after the close that should have locked it.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Race)]
public sealed partial class IndicatorValueRaceTests(RacePortal portal, ITestOutputHelper output) : IClassFixture<RacePortal>
{
    private const int Rounds = 20;

    [Fact]
    public async Task IndicatorValuesSave_RacingThePeriodsClose_NoValueIsStoredAfterTheClose()
    {
        await using (var db = SeededDatabase.CreateContext(portal.ConnectionString))
        {
            await new DemoSeeder(db, new UnitSeeder(db), new PlanImportService(db, TimeProvider.System, NullLogger<PlanImportService>.Instance), NullLogger<DemoSeeder>.Instance)
                .SeedDemoIndicatorsAsync();
        }

        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        using var planner = await portal.SignedInClientAsync("planner");
        var (before, refused) = (0, 0);
        for (var round = 1; round <= Rounds; round++)
        {
            var period = await portal.OpenPeriodAsync();
            var page = $"/progress/{period}/indicators";
            var form = await reporter.GetStringAsync(new Uri(page, UriKind.Relative));
            var indicator = FirstIndicator().Match(form);
            indicator.Success.Should().BeTrue("the unit's values page offers an indicator to fill in");
            var periods = await planner.GetStringAsync(new Uri($"/periods?plan={portal.PlanId}", UriKind.Relative));
            var periodVersion = await portal.PeriodVersionAsync(period);

            var value = (round + 0.5m).ToString(CultureInfo.InvariantCulture);
            var responses = await Race.AtOnceAsync(
                Race.Post(reporter, page + "/save", form, ("Rows[0].IndicatorId", indicator.Groups[1].Value), ("Rows[0].Value", value), ("Rows[0].Source", "统计"), ("Rows[0].RowVersion", string.Empty)),
                Race.Post(planner, $"/periods/{period}/close", periods, ("RowVersion", periodVersion.ToString(CultureInfo.InvariantCulture))));

            responses[1].StatusCode.Should().Be(HttpStatusCode.OK, "closing a period is never refused by a save");
            var closed = (await portal.AuditAsync("ReportingPeriod", period)).Single(a => a.Action == "update" && a.UserName == "planner");
            List<IndicatorValue> stored;
            await using (var db = SeededDatabase.CreateContext(portal.ConnectionString))
            {
                stored = await db.IndicatorValues.AsNoTracking().Where(v => v.PeriodId == period).ToListAsync();
            }

            if (responses[0].StatusCode == HttpStatusCode.OK)
            {
                before++;
                stored.Should().ContainSingle().Which.Value.Should().Be(round + 0.5m);
                var inserted = (await portal.AuditAsync(nameof(IndicatorValue), stored[0].Id)).Should().ContainSingle(a => a.Action == "create").Subject;
                inserted.Id.Should().BeLessThan(closed.Id, "a value that was stored was stored before the close");
            }
            else
            {
                refused++;
                responses[0].StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
                (await responses[0].Content.ReadAsStringAsync()).Should().Contain("填报期未开放");
                stored.Should().BeEmpty("a save refused by the close left nothing");
            }
        }

        output.WriteLine($"indicator values save vs period close: {Rounds} rounds, stored before the close {before}, refused after it {refused} (422), 0 stored after the close");
    }

    [GeneratedRegex("name=\"Rows\\[0\\]\\.IndicatorId\" value=\"(\\d+)\"")]
    private static partial Regex FirstIndicator();
}
