using Microsoft.AspNetCore.Authorization;
using PlanTracker.Domain.Access;

namespace PlanTracker.Web.Features.Progress;

/// <summary>The progress pages' services and their named policies (who may use which page; whose rows is the data scope's business).</summary>
public static class ProgressServices
{
    /// <summary>填报 and 审核 accounts: the unit's list and its entry form.</summary>
    public const string UnitWork = "Progress.UnitWork";

    /// <summary>填报: save and submit the unit's reports.</summary>
    public const string Reporting = "Progress.Reporting";

    /// <summary>审核: review or return the unit's submitted reports.</summary>
    public const string UnitReview = "Progress.UnitReview";

    public static void Add(IServiceCollection services)
    {
        services.AddScoped<ProgressPages>();
        services.AddScoped<ProgressWriter>();
        services.AddScoped<ReportWritePipeline>();
        services.AddScoped<EvidenceStore>();
        services.AddScoped<ReportVersions>();
        services.AddScoped<ProgressInbox>();
        services.AddScoped<RefusalWords>();
        services.Configure<AuthorizationOptions>(options =>
        {
            options.AddPolicy(UnitWork, p => p.RequireRole(Roles.Reporter, Roles.Reviewer));
            options.AddPolicy(Reporting, p => p.RequireRole(Roles.Reporter));
            options.AddPolicy(UnitReview, p => p.RequireRole(Roles.Reviewer));
        });
    }
}
