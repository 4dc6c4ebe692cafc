using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Infrastructure.PlanImport;
using PlanTracker.Infrastructure.Seed;

namespace PlanTracker.Infrastructure.Setup;

public static class InfrastructureServices
{
    /// <summary>Registers the DbContext and the plain services both hosts (web and CLI) use.</summary>
    public static IServiceCollection AddPlanTrackerInfrastructure(this IServiceCollection services, string connectionString)
    {
        services.AddDbContext<AppDbContext>(options => options.UsePlanTrackerDatabase(connectionString));
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<PlanImportService>();
        services.AddScoped<UnitSeeder>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DatabaseMigrator>();
        return services;
    }
}
