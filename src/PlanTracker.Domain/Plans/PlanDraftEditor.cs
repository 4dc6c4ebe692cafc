namespace PlanTracker.Domain.Plans;

/// <summary>
/// The outline edits a planner makes on a draft version before publishing it. Each edit checks its input, changes
/// the tree, and renumbers the whole version in one pass: <see cref="PlanNode.Position"/> is document order
/// (0, 1, 2 … over the version), <see cref="PlanNode.Ordinal"/> the 1-based place among siblings,
/// <see cref="PlanNode.Depth"/> the distance from the root. Reached through <see cref="PlanVersion"/>, which refuses
/// every edit of a version that is not a draft.
/// </summary>
internal sealed class PlanDraftEditor
{
    public const int MaxTitleLength = 1000;
    public const int MaxTextLength = 20_000;

    private readonly PlanVersion _version;
    private readonly List<PlanNode> _roots;
    private readonly Dictionary<PlanNode, List<PlanNode>> _children;

    public PlanDraftEditor(PlanVersion version)
    {
        _version = version;

        // Sibling order is document order; the entities' child collections come back from the database unordered.
        _roots = version.Nodes.Where(n => n.Parent is null).OrderBy(n => n.Position).ToList();
        _children = version.Nodes.Where(n => n.Parent is not null)
            .GroupBy(n => n.Parent!)
            .ToDictionary(g => g.Key, g => g.OrderBy(n => n.Position).ToList());
    }

    public DraftEdit Rename(PlanNode node, string title, string? text)
    {
        if (Missing(node))
        {
            return DraftEdit.Refused(DraftRefusal.NodeNotFound);
        }

        if (Check(title, out var cleanTitle) is DraftRefusal titleRefusal)
        {
            return DraftEdit.Refused(titleRefusal);
        }

        if (text is not null && node.Kind != NodeKind.Task)
        {
            return DraftEdit.Refused(DraftRefusal.TextOnlyForTasks);
        }

        if (text is not null && text.Trim().Length > MaxTextLength)
        {
            return DraftEdit.Refused(DraftRefusal.TextTooLong);
        }

        node.Rename(cleanTitle);
        if (text is not null && text.Trim() != node.Text)
        {
            node.Rewrite(text.Trim());
        }

        return DraftEdit.Done(node);
    }

    public DraftEdit Merge(IReadOnlyCollection<PlanNode> tasks, string title)
    {
        var distinct = tasks.Distinct().ToList();
        if (distinct.Any(Missing))
        {
            return DraftEdit.Refused(DraftRefusal.NodeNotFound);
        }

        if (distinct.Count < 2)
        {
            return DraftEdit.Refused(DraftRefusal.MergeNeedsTwoTasks);
        }

        if (distinct.Any(t => t.Kind != NodeKind.Task))
        {
            return DraftEdit.Refused(DraftRefusal.NotATask);
        }

        if (distinct.Select(t => t.Parent).Distinct().Count() != 1 || distinct[0].Parent is null)
        {
            return DraftEdit.Refused(DraftRefusal.MergeNeedsOneParent);
        }

        if (Check(title, out var cleanTitle) is DraftRefusal refusal)
        {
            return DraftEdit.Refused(refusal);
        }

        var ordered = distinct.OrderBy(t => t.Position).ToList();
        var text = string.Join("\n", ordered.Select(t => t.Text.Trim()).Where(t => t.Length > 0));
        if (text.Length > MaxTextLength)
        {
            return DraftEdit.Refused(DraftRefusal.TextTooLong);
        }

        var kept = ordered[0];
        kept.Rename(cleanTitle);
        kept.Rewrite(text);
        var removed = ordered.Skip(1).ToList();
        foreach (var task in removed)
        {
            Remove(task);
        }

        Renumber();
        return DraftEdit.Done(kept, removed: removed);
    }

    public DraftEdit Split(PlanNode task, IReadOnlyCollection<string> titles)
    {
        if (Missing(task))
        {
            return DraftEdit.Refused(DraftRefusal.NodeNotFound);
        }

        if (task.Kind != NodeKind.Task || task.Parent is null)
        {
            return DraftEdit.Refused(DraftRefusal.NotATask);
        }

        var clean = new List<string>();
        foreach (var title in titles.Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            if (Check(title, out var cleanTitle) is DraftRefusal refusal)
            {
                return DraftEdit.Refused(refusal);
            }

            clean.Add(cleanTitle);
        }

        if (clean.Count < 2)
        {
            return DraftEdit.Refused(DraftRefusal.SplitNeedsTwoTitles);
        }

        var parent = task.Parent;
        var siblings = _children[parent];
        var at = siblings.IndexOf(task);
        var added = clean.ConvertAll(title => new PlanNode(NodeKind.Task, null, title, title, task.Position, 0, task.Depth, null, Guid.NewGuid()));
        Remove(task);
        siblings.InsertRange(at, added);
        foreach (var node in added)
        {
            _version.AddNode(node);
            parent.AddChild(node);
        }

        Renumber();
        return DraftEdit.Done(added[0], removed: [task], added: added);
    }

    public DraftEdit Move(PlanNode node, MoveDirection direction)
    {
        if (Missing(node))
        {
            return DraftEdit.Refused(DraftRefusal.NodeNotFound);
        }

        var siblings = SiblingsOf(node);
        var at = siblings.IndexOf(node);
        var step = direction == MoveDirection.Up ? -1 : 1;
        var other = at + step;
        while (other >= 0 && other < siblings.Count && siblings[other].Kind == NodeKind.Paragraph && node.Kind != NodeKind.Paragraph)
        {
            other += step;
        }

        if (other < 0 || other >= siblings.Count)
        {
            return DraftEdit.Refused(direction == MoveDirection.Up ? DraftRefusal.AlreadyFirst : DraftRefusal.AlreadyLast);
        }

        siblings.RemoveAt(at);
        siblings.Insert(other, node);
        Renumber();
        return DraftEdit.Done(node);
    }

    public DraftEdit MoveTo(PlanNode node, PlanNode newParent)
    {
        if (Missing(node) || Missing(newParent))
        {
            return DraftEdit.Refused(DraftRefusal.NodeNotFound);
        }

        if (!PlanNode.CanHold(newParent.Kind, node.Kind))
        {
            return DraftEdit.Refused(DraftRefusal.IncompatibleParent);
        }

        if (ReferenceEquals(node.Parent, newParent))
        {
            return DraftEdit.Refused(DraftRefusal.SameParent);
        }

        SiblingsOf(node).Remove(node);
        node.Detach();
        newParent.AddChild(node);
        ChildrenOf(newParent).Add(node);
        Renumber();
        return DraftEdit.Done(node);
    }

    public DraftEdit AddTask(PlanNode parent, string title, string? text)
    {
        if (Missing(parent))
        {
            return DraftEdit.Refused(DraftRefusal.NodeNotFound);
        }

        if (!PlanNode.CanHold(parent.Kind, NodeKind.Task))
        {
            return DraftEdit.Refused(DraftRefusal.IncompatibleParent);
        }

        if (Check(title, out var cleanTitle) is DraftRefusal refusal)
        {
            return DraftEdit.Refused(refusal);
        }

        var cleanText = string.IsNullOrWhiteSpace(text) ? cleanTitle : text.Trim();
        if (cleanText.Length > MaxTextLength)
        {
            return DraftEdit.Refused(DraftRefusal.TextTooLong);
        }

        var task = new PlanNode(NodeKind.Task, null, cleanTitle, cleanText, parent.Position, 0, parent.Depth + 1, null, Guid.NewGuid());
        _version.AddNode(task);
        parent.AddChild(task);
        ChildrenOf(parent).Add(task);
        Renumber();
        return DraftEdit.Done(task, added: [task]);
    }

    private static DraftRefusal? Check(string? title, out string clean)
    {
        clean = (title ?? string.Empty).Trim();
        if (clean.Length == 0)
        {
            return DraftRefusal.EmptyTitle;
        }

        if (clean.Length > MaxTitleLength)
        {
            return DraftRefusal.TitleTooLong;
        }

        return clean.Contains('\n', StringComparison.Ordinal) ? DraftRefusal.TitleHasLineBreak : null;
    }

    private bool Missing(PlanNode? node) => node is null || !_version.Nodes.Contains(node);

    private List<PlanNode> SiblingsOf(PlanNode node) => node.Parent is null ? _roots : _children[node.Parent];

    private List<PlanNode> ChildrenOf(PlanNode parent)
    {
        if (!_children.TryGetValue(parent, out var list))
        {
            list = [];
            _children[parent] = list;
        }

        return list;
    }

    private void Remove(PlanNode node)
    {
        SiblingsOf(node).Remove(node);
        node.Detach();
        _version.RemoveNode(node);
    }

    /// <summary>One pass over the tree in document order: positions 0…n-1, ordinals 1…k among siblings, depths.</summary>
    private void Renumber()
    {
        var position = 0;
        void Walk(List<PlanNode> siblings, int depth)
        {
            for (var i = 0; i < siblings.Count; i++)
            {
                siblings[i].Place(position++, i + 1, depth);
                if (_children.TryGetValue(siblings[i], out var children))
                {
                    Walk(children, depth + 1);
                }
            }
        }

        Walk(_roots, 0);
    }
}

public enum MoveDirection
{
    Up,
    Down,
}

/// <summary>Why a draft edit was refused; the portal shows each as a sentence.</summary>
public enum DraftRefusal
{
    NotDraft,
    NodeNotFound,
    EmptyTitle,
    TitleTooLong,
    TitleHasLineBreak,
    TextTooLong,
    TextOnlyForTasks,
    NotATask,
    MergeNeedsTwoTasks,
    MergeNeedsOneParent,
    SplitNeedsTwoTitles,
    AlreadyFirst,
    AlreadyLast,
    IncompatibleParent,
    SameParent,
}

/// <summary>What a draft edit did: the node it leaves the planner on, the nodes it removed and added; or why it did nothing.</summary>
public sealed record DraftEdit(DraftRefusal? Refusal, PlanNode? Node, IReadOnlyList<PlanNode> Removed, IReadOnlyList<PlanNode> Added)
{
    public bool Succeeded => Refusal is null;

    public static DraftEdit Refused(DraftRefusal refusal) => new(refusal, null, [], []);

    public static DraftEdit Done(PlanNode node, IReadOnlyList<PlanNode>? removed = null, IReadOnlyList<PlanNode>? added = null) =>
        new(null, node, removed ?? [], added ?? []);
}
