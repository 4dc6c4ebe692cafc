using Microsoft.Extensions.Logging.Abstractions;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Infrastructure.PlanImport;
using PlanTracker.Infrastructure.Seed;

namespace PlanTracker.Integration.Tests.Support;

/// <summary>Builds the plain services over a context, the way the hosts' DI would.</summary>
public static class ServiceFactory
{
    public static PlanImportService Importer(AppDbContext db) => new(db, new TestClock(), NullLogger<PlanImportService>.Instance);

    public static DemoSeeder DemoSeeder(AppDbContext db) => new(db, new UnitSeeder(db), Importer(db), NullLogger<DemoSeeder>.Instance);
}
