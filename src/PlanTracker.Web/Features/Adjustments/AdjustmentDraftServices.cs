using Microsoft.AspNetCore.Authorization;
using PlanTracker.Domain.Access;

namespace PlanTracker.Web.Features.Adjustments;

/// <summary>The proposal pages' services and their named policies.</summary>
public static class AdjustmentDraftServices
{
    /// <summary>A plan's proposals: the ministry's roles, and provincial reviewers (who see their own unit's only).</summary>
    public const string ReadProposals = "Proposals.ReadProposals";

    /// <summary>调整方案起草: planners (for the ministry) and provincial reviewers (for their unit).</summary>
    public const string Propose = "Proposals.Propose";

    public static void Add(IServiceCollection services)
    {
        services.AddScoped<AdjustmentDrafts>();
        services.AddScoped<AdjustmentDraftWriter>();
        services.Configure<AuthorizationOptions>(options =>
        {
            options.AddPolicy(ReadProposals, p => p.RequireRole(Roles.Planner, Roles.Evaluator, Roles.Administrator, Roles.Reviewer));
            options.AddPolicy(Propose, p => p.RequireRole(Roles.Planner, Roles.Reviewer));
        });
    }
}
