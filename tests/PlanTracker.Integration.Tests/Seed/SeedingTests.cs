using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Units;
using PlanTracker.Infrastructure.Seed;
using PlanTracker.Integration.Tests.Support;

namespace PlanTracker.Integration.Tests.Seed;

public sealed class SeedingTests(MigratedDatabaseFixture database) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task DemoSeeder_RunTwice_SeedsUnitTreeAndPublishedShippedPlanOnce()
    {
        await using (var db = database.CreateContext())
        {
            await ServiceFactory.DemoSeeder(db).SeedAsync();
        }

        await using (var db = database.CreateContext())
        {
            await ServiceFactory.DemoSeeder(db).SeedAsync();
        }

        await using var read = database.CreateContext();
        var units = await read.Units.AsNoTracking().ToListAsync();
        units.Should().HaveCount(1 + 9 + 37 + 10);
        units.Count(u => u.Kind is UnitKind.Province or UnitKind.Municipality or UnitKind.AutonomousRegion).Should().Be(31);
        units.Count(u => u.Kind == UnitKind.SeparatelyPlannedCity).Should().Be(5);
        units.Should().ContainSingle(u => u.Kind == UnitKind.Xpcc && u.Code == null && u.Name == "新疆生产建设兵团");
        units.Single(u => u.Code == "110000").Name.Should().Be("北京市");
        var liaoning = units.Single(u => u.Code == "210000");
        units.Single(u => u.Code == "210200").ParentId.Should().Be(liaoning.Id, "大连 sits under 辽宁");
        var ministry = units.Single(u => u.Kind == UnitKind.Ministry);
        units.Where(u => u.Kind == UnitKind.Department).Should().OnlyContain(u => u.ParentId == ministry.Id);
        units.Where(u => u.Kind == UnitKind.HighTechZone).Should().OnlyContain(u => u.ParentId != null);

        var plans = await read.Plans.Include(p => p.Versions).ToListAsync();
        plans.Should().ContainSingle();
        plans[0].DocumentNumber.Should().Be(SeedResources.ShippedPlanDocumentNumber);
        plans[0].Status.Should().Be(PlanStatus.Published);
    }

    [Fact]
    public void UnitsCsv_ShippedWithTheProduct_Has37UnitsWithSixDigitCodesExceptXpcc()
    {
        var rows = UnitSeeder.ReadUnitsCsv();

        rows.Should().HaveCount(37);
        rows.Where(r => r.Kind != UnitKind.Xpcc).Should().OnlyContain(r => r.Code != null && r.Code.Length == 6);
        rows.Select(r => r.Code).Where(c => c != null).Should().OnlyHaveUniqueItems();
    }
}
