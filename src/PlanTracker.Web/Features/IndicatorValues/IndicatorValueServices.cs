namespace PlanTracker.Web.Features.IndicatorValues;

/// <summary>The indicator-value pages' services. Their policies are the progress pages' (unit work) and Planning.</summary>
public static class IndicatorValueServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<IndicatorValuePages>();
        services.AddScoped<IndicatorValueWriter>();
    }
}
