namespace PlanTracker.Web.Features.PlanDrafts;

public static class DraftServices
{
    public static IServiceCollection AddPlanDrafts(this IServiceCollection services)
    {
        services.AddScoped<DraftReader>();
        services.AddScoped<DraftImport>();
        services.AddScoped<DraftEditing>();
        return services;
    }
}
