using PlanTracker.Domain.PlanImport;

namespace PlanTracker.Domain.Tests.PlanImport;

/// <summary>The real plan texts under TestData, and helpers to walk a parsed outline.</summary>
internal static class TestPlans
{
    public const string ShippedPlanFile = "modern-services-st-12th-five-year-plan.zh.txt";
    public const string HubeiPlanFile = "hubei-cultural-relics-14th-five-year-plan.zh.txt";

    public static string Read(string fileName) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", fileName));

    public static ParsedPlan Parse(string text)
    {
        var result = PlanTextParser.Parse(text);
        result.Error.Should().BeNull();
        return result.Plan!;
    }

    public static IEnumerable<ParsedNode> Descendants(IEnumerable<ParsedNode> nodes) =>
        nodes.SelectMany(n => new[] { n }.Concat(Descendants(n.Children)));

    public static IEnumerable<(ParsedNode Parent, ParsedNode Child)> ParentChildPairs(IEnumerable<ParsedNode> nodes) =>
        Descendants(nodes).SelectMany(p => p.Children.Select(c => (p, c)));
}
