using Microsoft.Extensions.DependencyInjection.Extensions;
using PlanTracker.Infrastructure.Monitoring;

namespace PlanTracker.Web.Features.Dashboard;

public static class DashboardServices
{
    public static IServiceCollection Add(IServiceCollection services)
    {
        // Other monitoring features register the same runner; TryAdd keeps one registration whichever comes first.
        services.TryAddScoped<MonitoringSql>();
        services.AddScoped<DashboardPages>();
        services.AddScoped<DashboardFigures>();
        return services;
    }
}
