using Microsoft.Extensions.DependencyInjection;

namespace PlanTracker.Web.Features.EvaluationReports;

public static class EvaluationReportServices
{
    public static void Add(IServiceCollection services) => services.AddScoped<EvaluationReportPages>();
}
