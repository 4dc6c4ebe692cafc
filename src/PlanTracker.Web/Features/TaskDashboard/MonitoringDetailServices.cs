using Microsoft.Extensions.DependencyInjection.Extensions;
using PlanTracker.Infrastructure.Monitoring;

namespace PlanTracker.Web.Features.TaskDashboard;

/// <summary>The services of the task page, the indicator pages and the national-figure page.</summary>
public static class MonitoringDetailServices
{
    public static void Add(IServiceCollection services)
    {
        // Other monitoring pages register it too: TryAdd keeps one registration.
        services.TryAddScoped<MonitoringSql>();
        services.AddScoped<TaskDashboardPages>();
        services.AddScoped<IndicatorDashboard.IndicatorDashboardPages>();
        services.AddScoped<NationalFigures.NationalFigurePages>();
        services.AddScoped<NationalFigures.NationalFigureWriter>();
    }
}
