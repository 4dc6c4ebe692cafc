using PlanTracker.Domain.Plans;

namespace PlanTracker.Web.Features.Plans;

/// <summary>A node's heading as the plan writes it: 三、…, （一）…, 1. …, 第一章 …, 专栏1 ….</summary>
public static class NodeLabel
{
    public static string Of(NodeKind kind, string? number, string title)
    {
        if (string.IsNullOrEmpty(number))
        {
            return title;
        }

        var written = kind switch
        {
            NodeKind.Chapter or NodeKind.Section when number.StartsWith('第') => number + " ",
            NodeKind.Chapter => number + "、",
            NodeKind.Section => number,
            NodeKind.SpecialColumn => "专栏" + number + " ",
            _ when number.StartsWith('（') => number,
            _ => number + ". ",
        };
        return written + title;
    }
}
