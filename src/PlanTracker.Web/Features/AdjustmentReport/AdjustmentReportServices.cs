using PlanTracker.Infrastructure.Reports;

namespace PlanTracker.Web.Features.AdjustmentReport;

public static class AdjustmentReportServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<AdjustmentReportReader>();
        services.AddScoped<AdjustmentReportPages>();
    }
}
