using PlanTracker.Infrastructure.Monitoring;

namespace PlanTracker.Web.Features.Warnings;

public static class WarningServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<WarningScan>();
        services.AddScoped<WarningPages>();
        services.AddScoped<WarningWriter>();
        services.AddSingleton<DailyWarningScan>();
        services.AddHostedService(provider => provider.GetRequiredService<DailyWarningScan>());
    }
}
