namespace PlanTracker.Web.Features.Indicators;

/// <summary>The indicator and threshold pages' services: ministry roles read, planners edit (Policies.MinistryRead, Policies.Planning).</summary>
public static class IndicatorServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<IndicatorPages>();
        services.AddScoped<IndicatorWriter>();
    }
}
