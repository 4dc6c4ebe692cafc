using PlanTracker.Domain.Plans;

namespace PlanTracker.Domain.PlanImport;

/// <summary>
/// A node while the outline is still being read: children arrive after their parent, so the parent's span is only
/// known at the end (heading through last descendant).
/// </summary>
internal sealed class OutlineEntry(NodeKind kind, string? number, string title, string text, SourceSpan ownSpan, int level = int.MaxValue)
{
    public NodeKind Kind { get; } = kind;

    public string Title { get; } = title;

    /// <summary>Headings nest by level; non-headings never hold children read later, so they sit at the bottom.</summary>
    public int Level { get; } = level;

    public List<OutlineEntry> Children { get; } = [];

    public ParsedNode ToNode()
    {
        var children = Children.ConvertAll(c => c.ToNode());
        var end = children.Count == 0 ? ownSpan.End : Math.Max(ownSpan.End, children.Max(c => c.Span.End));
        return new ParsedNode(Kind, number, Title, text, new SourceSpan(ownSpan.Start, end - ownSpan.Start), children);
    }
}
