using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.PlanImport;

namespace PlanTracker.Domain.Plans;

/// <summary>Turns what the parser read into a new plan with its first (draft) version, ready to be stored.</summary>
public static class ImportedPlanBuilder
{
    public static Plan Build(ParsedPlan parsed, string sourceText, string sourceSha256, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var plan = new Plan(parsed.Title, parsed.DocumentNumber, parsed.Issuer, parsed.IssueDate, parsed.StartYear, parsed.EndYear, now);
        var version = plan.AddVersion(new PlanVersion(1, sourceText, sourceSha256, now, note: "导入"));

        var position = 0;
        void Add(ParsedNode parsedNode, PlanNode? parent, int ordinal, int depth)
        {
            var node = new PlanNode(parsedNode.Kind, parsedNode.Number, parsedNode.Title, parsedNode.Text, position++, ordinal, depth, parsedNode.Span, Guid.NewGuid());
            version.AddNode(node);
            parent?.AddChild(node);
            var childOrdinal = 1;
            foreach (var child in parsedNode.Children)
            {
                Add(child, node, childOrdinal++, depth + 1);
            }
        }

        var rootOrdinal = 1;
        foreach (var root in parsed.Nodes)
        {
            Add(root, null, rootOrdinal++, 0);
        }

        var indicatorOrdinal = 1;
        foreach (var row in parsed.Indicators)
        {
            var indicator = new Indicator(row.Name, row.Category, row.Unit, row.BaselineYear, row.Baseline, row.TargetYear, row.Target, row.Nature, indicatorOrdinal++, Guid.NewGuid());
            indicator.SetSource(row.Span);
            version.AddIndicator(indicator);
        }

        return plan;
    }
}
