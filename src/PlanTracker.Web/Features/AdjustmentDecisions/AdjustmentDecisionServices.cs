namespace PlanTracker.Web.Features.AdjustmentDecisions;

public static class AdjustmentDecisionServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<AdjustmentDecisionPages>();
        services.AddScoped<AdjustmentDecisionWriter>();
    }
}
