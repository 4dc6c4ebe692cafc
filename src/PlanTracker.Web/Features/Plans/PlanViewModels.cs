using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Plans;

namespace PlanTracker.Web.Features.Plans;

public sealed record PlanListViewModel(IReadOnlyList<PlanListItem> Plans);

/// <summary>What the cover of a plan says: the same on the list and at the head of every plan page.</summary>
public sealed record PlanFacts(
    int Id,
    string Title,
    string? DocumentNumber,
    string? Issuer,
    DateOnly? IssueDate,
    int? StartYear,
    int? EndYear,
    PlanStatus Status);

public sealed record PlanListItem(PlanFacts Facts, int? VersionNumber, int ChapterCount, int TaskCount, int IndicatorCount);

public sealed record PlanHeader(PlanFacts Facts, int VersionId, int VersionNumber, PlanVersionStatus VersionStatus, IReadOnlyList<int> VersionNumbers)
{
    public int Id => Facts.Id;

    public string Title => Facts.Title;
}

public sealed record OutlineViewModel(
    PlanHeader Plan,
    IReadOnlyList<OutlineNode> Roots,
    int TaskCount,
    int SpecialColumnCount,
    IReadOnlyList<IndicatorRow> Indicators,
    IReadOnlyList<PlanTracker.Domain.PlanImport.ImportWarning> ImportWarnings);

/// <summary>A node in the outline with the number of tasks beneath it (itself included when it is a task).</summary>
public sealed class OutlineNode(int id, NodeKind kind, string? number, string title)
{
    public int Id { get; } = id;

    public NodeKind Kind { get; } = kind;

    public string? Number { get; } = number;

    public string Title { get; } = title;

    public List<OutlineNode> Children { get; } = [];

    public int TaskCount { get; set; }

    /// <summary>Headings, columns and tasks; paragraphs are read on the node page, not listed in the outline.</summary>
    public IEnumerable<OutlineNode> OutlineChildren => Children.Where(c => c.Kind is not (NodeKind.Paragraph));
}

public sealed record IndicatorRow(
    int Id,
    string? Category,
    string Name,
    string? Unit,
    int? BaselineYear,
    string? Baseline,
    int? TargetYear,
    string Target,
    TargetComparison TargetComparison,
    IndicatorNature? Nature);

public sealed record NodeViewModel(
    PlanHeader Plan,
    NodeDetail Node,
    IReadOnlyList<Breadcrumb> Ancestors,
    IReadOnlyList<TextSegment> Text,
    IReadOnlyList<NodeChild> Children,
    IReadOnlyList<NodeChild> Tasks);

public sealed record NodeDetail(int Id, NodeKind Kind, string? Number, string Title, int? SourceStart, int? SourceLength);

public sealed record Breadcrumb(int Id, NodeKind Kind, string? Number, string Title);

public sealed record NodeChild(int Id, NodeKind Kind, string? Number, string Title);

public sealed record SearchViewModel(string Query, int? PlanId, IReadOnlyList<PlanChoice> PlanChoices, IReadOnlyList<SearchHit> Hits, int Total, int Page, int PageSize, string? Error)
{
    public int PageCount => Total == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

public sealed record PlanChoice(int Id, string Title);

/// <summary>A search result; <see cref="NodeId"/> is null when the match is in the preamble, shown on the outline.</summary>
public sealed record SearchHit(int PlanId, string PlanTitle, int? NodeId, NodeKind Kind, string Label, IReadOnlyList<TextSegment> Snippet);
