using PlanTracker.Infrastructure.Seed;

namespace PlanTracker.Integration.Tests.Support;

public static class ShippedPlan
{
    public static string Text => SeedResources.ReadText(SeedResources.ShippedPlanFileName);
}
