using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Infrastructure.PlanImport;

namespace PlanTracker.Infrastructure.Seed;

/// <summary>
/// What a new install starts with (and what `plantracker seed-demo` adds to a database): the unit tree and
/// the shipped plan, published as its first version. Safe to run again: it adds only what is missing.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, UnitSeeder units, PlanImportService importer, ILogger<DemoSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var addedUnits = await units.SeedAsync(cancellationToken);
        var hasShippedPlan = await db.Plans.AnyAsync(p => p.DocumentNumber == SeedResources.ShippedPlanDocumentNumber, cancellationToken);
        if (!hasShippedPlan)
        {
            var outcome = await importer.ImportAsync(
                SeedResources.ReadText(SeedResources.ShippedPlanFileName),
                new PlanImportOptions { Publish = true, ActorName = "seed-demo" },
                cancellationToken);
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException($"The shipped plan did not import: {outcome.Message}");
            }
        }

        logger.LogInformation("Demo data ready: {AddedUnits} units added, shipped plan {ShippedPlanState}", addedUnits, hasShippedPlan ? "already present" : "imported and published");
    }

    /// <summary>
    /// Demo only (where the demo accounts are seeded): the shipped plan has no 主要指标 table, so its published version
    /// gets three plausible indicators, drawn from its text, for the indicator-value pages to show. Adds them only to a
    /// published version that has no indicators; running it again changes nothing. Returns how many it added.
    /// </summary>
    public async Task<int> SeedDemoIndicatorsAsync(CancellationToken cancellationToken = default)
    {
        var version = await db.PlanVersions
            .Include(v => v.Indicators)
            .Where(v => v.Status == PlanVersionStatus.Published && db.Plans.Any(p => p.Id == v.PlanId && p.DocumentNumber == SeedResources.ShippedPlanDocumentNumber))
            .OrderByDescending(v => v.Number)
            .FirstOrDefaultAsync(cancellationToken);
        if (version is null || version.Indicators.Count > 0)
        {
            return 0;
        }

        // Fixed keys: the same indicator across databases and plan versions.
        var bases = new Indicator("国家现代服务业产业化基地", "产业集聚", "个", 2010, StatedValue.Parse("18"), 2015, StatedValue.Parse("≥30"), IndicatorNature.Expected, 1, new Guid("6f1d2c1e-4a0b-4c55-9e0a-1a2b3c4d5e01"), IndicatorAggregation.NationalOnly);
        bases.Revise(
            new IndicatorDraft(bases.Name, bases.Category, bases.Unit, bases.Nature, bases.Direction, bases.Aggregation, 2010, "18", "截止2010年底，全国已有国家现代服务业产业化基地18家", 2015, "≥30"),
            []);

        // The indicator measures the section that 认定一批现代服务业产业化基地 (the paragraph's own heading).
        var measured = await db.PlanNodes
            .Where(n => n.PlanVersionId == version.Id && n.Text.Contains("认定一批现代服务业产业化基地"))
            .OrderByDescending(n => n.Depth)
            .FirstOrDefaultAsync(cancellationToken);
        if (measured is { Kind: NodeKind.Paragraph, ParentId: int parentId })
        {
            measured = await db.PlanNodes.SingleAsync(n => n.Id == parentId, cancellationToken);
        }
        if (measured is not null)
        {
            bases.LinkTo(measured);
        }

        version.AddIndicator(bases);
        version.AddIndicator(new Indicator("现代服务业科技投入", "科技投入", "亿元", null, null, 2015, StatedValue.Parse("≥300"), IndicatorNature.Expected, 2, new Guid("6f1d2c1e-4a0b-4c55-9e0a-1a2b3c4d5e02")));
        version.AddIndicator(new Indicator("现代服务业示范企业", "企业培育", "家", null, null, 2015, StatedValue.Parse("≥100"), IndicatorNature.Expected, 3, new Guid("6f1d2c1e-4a0b-4c55-9e0a-1a2b3c4d5e03")));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Demo indicators added to the shipped plan's version {VersionNumber}", version.Number);
        return 3;
    }
}
