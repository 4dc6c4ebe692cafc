using PlanTracker.Infrastructure.Seed;

namespace PlanTracker.Integration.Tests.Support;

public static class ShippedPlan
{
    public static string Text => SeedResources.ReadText(SeedResources.ShippedPlanFileName);
}

public static class ProvincialPlan
{
    /// <summary>湖北省文物事业发展“十四五”规划: numbered items, 专栏1…7, a 主要指标 table without a baseline column.</summary>
    public static string Text => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "hubei-cultural-relics-14th-five-year-plan.zh.txt"));
}
