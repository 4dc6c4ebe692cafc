namespace PlanTracker.Domain.Plans;

/// <summary>
/// A node of a plan version's outline: chapter, section, item, special column (专栏), task (重点任务),
/// paragraph or glossary term.
/// </summary>
public sealed class PlanNode
{
    private readonly List<PlanNode> _children = [];

    private PlanNode()
    {
        Title = string.Empty;
        Text = string.Empty;
    }

    public PlanNode(NodeKind kind, string? number, string title, string text, int position, int ordinal, int depth, SourceSpan? span, Guid key)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        Kind = kind;
        Number = number;
        Title = title;
        Text = text;
        Position = position;
        Ordinal = ordinal;
        Depth = depth;
        SourceStart = span?.Start;
        SourceLength = span?.Length;
        Key = key == Guid.Empty ? throw new ArgumentException("A node needs a key.", nameof(key)) : key;
    }

    public int Id { get; private set; }

    public int PlanVersionId { get; private set; }

    public int? ParentId { get; private set; }

    public PlanNode? Parent { get; private set; }

    public IReadOnlyCollection<PlanNode> Children => _children;

    /// <summary>Identifies "the same node" across versions, so a diff can tell moved from added.</summary>
    public Guid Key { get; private set; }

    public NodeKind Kind { get; private set; }

    /// <summary>The number as the plan writes it without its separator: 一, （一）, 1, 第一章.</summary>
    public string? Number { get; private set; }

    public string Title { get; private set; }

    public string Text { get; private set; }

    /// <summary>Document order within the version: sorting by it gives the outline top to bottom.</summary>
    public int Position { get; private set; }

    /// <summary>1-based place among its siblings.</summary>
    public int Ordinal { get; private set; }

    public int Depth { get; private set; }

    public int? SourceStart { get; private set; }

    public int? SourceLength { get; private set; }

    /// <summary>When the task is due to start and finish; defaults to the plan period until a planner sets it.</summary>
    public DateOnly? StartsOn { get; private set; }

    public DateOnly? EndsOn { get; private set; }

    public uint RowVersion { get; private set; }

    public SourceSpan? Span => SourceStart is int start && SourceLength is int length ? new SourceSpan(start, length) : null;

    public void AddChild(PlanNode child)
    {
        ArgumentNullException.ThrowIfNull(child);
        child.Parent = this;
        _children.Add(child);
    }

    /// <summary>Which kinds of node a draft edit may put under which: a task under a special column, section or item; a section under a chapter.</summary>
    public static bool CanHold(NodeKind parent, NodeKind child) => child switch
    {
        NodeKind.Task => parent is NodeKind.SpecialColumn or NodeKind.Section or NodeKind.Item,
        NodeKind.Section => parent is NodeKind.Chapter,
        _ => false,
    };

    // The draft edits below are reached through PlanVersion, which checks that the version is a draft.
    internal void Rename(string title) => Title = title;

    /// <summary>New own text: the source span no longer describes it, so pages show the text itself.</summary>
    internal void Rewrite(string text)
    {
        Text = text;
        SourceStart = null;
        SourceLength = null;
    }

    internal void Detach()
    {
        Parent?._children.Remove(this);
        Parent = null;
    }

    /// <summary>Sets a task's span (both days included); an adjustment's MoveDates, or a version built from a snapshot.</summary>
    public void Schedule(DateOnly? startsOn, DateOnly? endsOn)
    {
        if (startsOn is { } s && endsOn is { } e && e < s)
        {
            throw new ArgumentException("A task cannot end before it starts.", nameof(endsOn));
        }

        StartsOn = startsOn;
        EndsOn = endsOn;
    }

    internal void Place(int position, int ordinal, int depth)
    {
        Position = position;
        Ordinal = ordinal;
        Depth = depth;
    }
}
