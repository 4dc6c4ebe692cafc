namespace PlanTracker.Domain.Plans;

/// <summary>
/// One state of a plan's content. Version 1 is what was imported and published; every approved adjustment
/// makes the next. A published version is never edited in place, so every version stays readable.
/// </summary>
public sealed class PlanVersion
{
    private readonly List<PlanNode> _nodes = [];
    private readonly List<Indicators.Indicator> _indicators = [];

    private PlanVersion()
    {
    }

    public PlanVersion(int number, string? sourceText, string? sourceSha256, DateTimeOffset createdAt, string? note = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        Number = number;
        SourceText = sourceText;
        SourceSha256 = sourceSha256;
        CreatedAt = createdAt;
        Note = note;
        Status = PlanVersionStatus.Draft;
    }

    public int Id { get; private set; }

    public int PlanId { get; private set; }

    public Plan? Plan { get; private set; }

    /// <summary>1, 2, … within the plan.</summary>
    public int Number { get; private set; }

    public PlanVersionStatus Status { get; private set; }

    /// <summary>The imported text, kept so every node's <see cref="PlanNode.SourceStart"/> can be shown in context.</summary>
    public string? SourceText { get; private set; }

    /// <summary>SHA-256 (hex) of <see cref="SourceText"/>: importing the same text twice is recognised and changes nothing.</summary>
    public string? SourceSha256 { get; private set; }

    public string? Note { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public uint RowVersion { get; private set; }

    public IReadOnlyCollection<PlanNode> Nodes => _nodes;

    public IReadOnlyCollection<Indicators.Indicator> Indicators => _indicators;

    public void AddNode(PlanNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _nodes.Add(node);
    }

    public void AddIndicator(Indicators.Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        _indicators.Add(indicator);
    }

    internal void AttachTo(Plan plan) => Plan = plan;

    internal void RemoveNode(PlanNode node) => _nodes.Remove(node);

    /// <summary>Renames a node; a task's own text may be rewritten too (null keeps it).</summary>
    public DraftEdit RenameNode(PlanNode node, string title, string? text = null) =>
        Edit(editor => editor.Rename(node, title, text));

    /// <summary>Merges tasks of one parent into the first of them (in document order), which keeps its key.</summary>
    public DraftEdit MergeTasks(IReadOnlyCollection<PlanNode> tasks, string title) =>
        Edit(editor => editor.Merge(tasks, title));

    /// <summary>Replaces a task by new tasks (new keys), one per title, in its place.</summary>
    public DraftEdit SplitTask(PlanNode task, IReadOnlyCollection<string> titles) =>
        Edit(editor => editor.Split(task, titles));

    /// <summary>Moves a node one place up or down among its siblings (paragraphs are stepped over).</summary>
    public DraftEdit MoveNode(PlanNode node, MoveDirection direction) =>
        Edit(editor => editor.Move(node, direction));

    /// <summary>Moves a node to the end of another parent of a compatible kind.</summary>
    public DraftEdit MoveNodeTo(PlanNode node, PlanNode newParent) =>
        Edit(editor => editor.MoveTo(node, newParent));

    /// <summary>Adds a task (one the text implies) at the end of a special column, section or item.</summary>
    public DraftEdit AddTask(PlanNode parent, string title, string? text) =>
        Edit(editor => editor.AddTask(parent, title, text));

    private DraftEdit Edit(Func<PlanDraftEditor, DraftEdit> edit) =>
        Status != PlanVersionStatus.Draft ? DraftEdit.Refused(DraftRefusal.NotDraft) : edit(new PlanDraftEditor(this));

    /// <summary>An approved adjustment published the next version: this one stays readable, no longer current.</summary>
    public void Supersede()
    {
        if (Status != PlanVersionStatus.Published)
        {
            throw new InvalidOperationException($"Version {Number} is {Status}; only the published version is superseded.");
        }

        Status = PlanVersionStatus.Superseded;
    }

    public void Publish(DateTimeOffset at)
    {
        if (Status != PlanVersionStatus.Draft)
        {
            throw new InvalidOperationException($"Version {Number} is {Status}; only a draft can be published.");
        }

        Status = PlanVersionStatus.Published;
        PublishedAt = at;
        Plan?.MarkPublished();
    }
}

public enum PlanVersionStatus
{
    Draft,
    Published,

    /// <summary>A later version was published; this one stays readable as history.</summary>
    Superseded,
}
