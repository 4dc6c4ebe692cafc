using PlanTracker.Web.Features.Units;

namespace PlanTracker.Web.Features.Assignments;

public static class AssignmentServices
{
    /// <summary>The assignment pages and the unit pages.</summary>
    public static IServiceCollection AddAssignmentsAndUnits(this IServiceCollection services)
    {
        services.AddScoped<AssignmentPages>();
        services.AddScoped<AssignmentWriter>();
        services.AddScoped<UnitDirectory>();
        return services;
    }
}
