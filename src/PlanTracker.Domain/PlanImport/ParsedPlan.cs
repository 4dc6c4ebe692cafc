using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Plans;

namespace PlanTracker.Domain.PlanImport;

/// <summary>What the parser read from a plan's text, before anything is stored.</summary>
public sealed record ParsedPlan(
    string Title,
    string? DocumentNumber,
    string? Issuer,
    DateOnly? IssueDate,
    int? StartYear,
    int? EndYear,
    IReadOnlyList<ParsedNode> Nodes,
    IReadOnlyList<ParsedIndicator> Indicators,
    IReadOnlyList<ImportWarning> Warnings);

/// <summary>
/// One node of the outline. <see cref="Span"/> covers the node's whole source (heading through its last child);
/// <see cref="Text"/> is the node's own text (a paragraph's body, a column's body, a task's description;
/// a heading's own line without its number).
/// </summary>
/// <remarks>
/// <see cref="Number"/> is the number as written, without the punctuation after it: `一、` → "一", `第一章` → "第一章",
/// `（一）` → "（一）", `第一节` → "第一节", `1.`/`1．`/`1、` → "1", `（1）` → "（1）", `专栏1` → "1", a numbered project
/// `1.名称：说明` → "1"; null for paragraphs, unnumbered columns and tasks, glossary terms and the appendix.
/// <see cref="Title"/> is a heading's text (noise cut), a column's name, a task's project name (or, for a column
/// sentence that is one project, the sentence without its 。), a glossary term; it is empty for paragraphs, whose
/// content is in <see cref="Text"/>.
/// </remarks>
public sealed record ParsedNode(
    NodeKind Kind,
    string? Number,
    string Title,
    string Text,
    SourceSpan Span,
    IReadOnlyList<ParsedNode> Children);

/// <summary>A row of a 主要指标 table; values are kept as written and parsed alongside.</summary>
public sealed record ParsedIndicator(
    string? Category,
    string Name,
    string? Unit,
    int? BaselineYear,
    StatedValue? Baseline,
    int? TargetYear,
    StatedValue Target,
    IndicatorNature? Nature,
    int Line,
    SourceSpan Span);

/// <summary>Something the importer noticed and did not take as plan text; shown to the planner before publishing.</summary>
public sealed record ImportWarning(int Line, string Message);

/// <summary>The parser's answer: a plan, or a one-line reason why the text is not one.</summary>
public sealed record PlanParseResult(ParsedPlan? Plan, string? Error)
{
    public bool Succeeded => Plan is not null;

    public static PlanParseResult Success(ParsedPlan plan) => new(plan, null);

    public static PlanParseResult Failure(string error) => new(null, error);
}
