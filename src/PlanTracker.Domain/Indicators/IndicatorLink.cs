using PlanTracker.Domain.Plans;

namespace PlanTracker.Domain.Indicators;

/// <summary>An indicator measures a node of the outline (a chapter's goal, a section's task).</summary>
public sealed class IndicatorLink
{
    private IndicatorLink()
    {
    }

    internal IndicatorLink(Indicator indicator, PlanNode node)
    {
        Indicator = indicator;
        Node = node;
    }

    public int IndicatorId { get; private set; }

    public Indicator? Indicator { get; private set; }

    public int PlanNodeId { get; private set; }

    public PlanNode? Node { get; private set; }
}
