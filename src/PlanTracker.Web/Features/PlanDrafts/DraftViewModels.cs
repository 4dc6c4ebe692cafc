using PlanTracker.Domain.PlanImport;
using PlanTracker.Domain.Plans;

namespace PlanTracker.Web.Features.PlanDrafts;

public sealed record DraftListViewModel(IReadOnlyList<DraftListItem> Drafts);

public sealed record DraftListItem(int PlanId, string Title, string? DocumentNumber, DateTimeOffset ImportedAt, int ChapterCount, int SpecialColumnCount, int TaskCount, int IndicatorCount);

public sealed record DraftImportViewModel(string? Text, string? Error);

/// <summary>What the parser read, shown before anything is stored; <see cref="Text"/> goes back with the import form.</summary>
public sealed record DraftPreviewViewModel(ParsedPlan Plan, string Text)
{
    public int ChapterCount => Plan.Nodes.Count(n => n.Kind == NodeKind.Chapter && n.Number != null);

    public int SpecialColumnCount => Count(Plan.Nodes, NodeKind.SpecialColumn);

    public int TaskCount => Count(Plan.Nodes, NodeKind.Task);

    public static int Count(IEnumerable<ParsedNode> nodes, NodeKind kind) =>
        nodes.Sum(n => (n.Kind == kind ? 1 : 0) + Count(n.Children, kind));
}

/// <summary>The plan's current version as the editor needs it; <see cref="RowVersion"/> is its xmin, carried by every form.</summary>
public sealed record DraftVersion(int PlanId, string PlanTitle, string? DocumentNumber, int VersionId, int Number, PlanVersionStatus Status, uint RowVersion)
{
    public bool IsDraft => Status == PlanVersionStatus.Draft;
}

public sealed record DraftNode(int Id, NodeKind Kind, string? Number, string Title)
{
    public List<DraftNode> Children { get; } = [];

    public string Label => Plans.NodeLabel.Of(Kind, Number, Title);

    public bool CanHoldTasks => PlanNode.CanHold(Kind, NodeKind.Task);

    public int TaskCount => Children.Sum(c => (c.Kind == NodeKind.Task ? 1 : 0) + c.TaskCount);
}

public sealed record DraftEditorViewModel(DraftVersion Version, IReadOnlyList<DraftNode> Roots, int TaskCount);

public sealed record DraftParentOption(int Id, string Label);

public sealed record DraftNodeViewModel(DraftVersion Version, DraftNode Node, string Text, IReadOnlyList<DraftParentOption> Parents, IReadOnlyList<DraftNode> Tasks);
