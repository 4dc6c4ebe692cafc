using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PlanTracker.Domain.Access;
using PlanTracker.Infrastructure.Auditing;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Infrastructure.PlanImport;
using PlanTracker.Infrastructure.Seed;

namespace PlanTracker.Infrastructure.Setup;

public static class InfrastructureServices
{
    /// <summary>
    /// Registers the DbContext and the plain services both hosts (web and CLI) use. A host that knows its user
    /// registers its own <see cref="IDataScopeSource"/> and <see cref="IAuditActor"/> first; otherwise the system's are used.
    /// </summary>
    public static IServiceCollection AddPlanTrackerInfrastructure(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDataScopeSource>(FixedDataScope.Unrestricted);
        services.TryAddScoped<IAuditActor>(_ => SystemAuditActor.Default);
        services.AddDbContext<AppDbContext>((provider, options) => options
            .UsePlanTrackerDatabase(connectionString)
            .AddInterceptors(new AuditingInterceptor(provider.GetRequiredService<IAuditActor>(), provider.GetRequiredService<TimeProvider>())));
        services.AddScoped<PlanImportService>();
        services.AddScoped<UnitSeeder>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DatabaseMigrator>();
        services.TryAddScoped<Monitoring.MonitoringSql>();
        services.AddScoped<Adjustments.AdjustmentApproval>();
        services.AddScoped<Evaluation.EvaluationReader>();
        services.AddScoped<Evaluation.EvaluationReports>();
        return services;
    }
}
