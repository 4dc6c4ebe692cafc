using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
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
}
