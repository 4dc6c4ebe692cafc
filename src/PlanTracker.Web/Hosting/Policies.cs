using Microsoft.AspNetCore.Authorization;
using PlanTracker.Domain.Access;

namespace PlanTracker.Web.Hosting;

/// <summary>Named authorization policies. Every page needs a signed-in user unless it says [AllowAnonymous].</summary>
public static class Policies
{
    /// <summary>规划司: shape plans, assign tasks.</summary>
    public const string Planning = "Planning";

    /// <summary>Manage users and units.</summary>
    public const string Administration = "Administration";

    /// <summary>Read every unit's data: planners, evaluators, administrators.</summary>
    public const string MinistryRead = "MinistryRead";

    /// <summary>An entity's change history: planners and administrators.</summary>
    public const string History = "History";

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(Planning, p => p.RequireRole(Roles.Planner));
        options.AddPolicy(Administration, p => p.RequireRole(Roles.Administrator));
        options.AddPolicy(MinistryRead, p => p.RequireRole(Roles.Planner, Roles.Evaluator, Roles.Administrator));
        options.AddPolicy(History, p => p.RequireRole(Roles.Planner, Roles.Administrator));
    }
}
