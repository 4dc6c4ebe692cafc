using PlanTracker.Infrastructure.Evaluation;
using PlanTracker.Web.Features.Shared.Reports;

namespace PlanTracker.Web.Features.EvaluationReports;

/// <summary>What the form asks for: 年度 (a year) or 中期 (up to a day), and for the ministry optionally one unit.</summary>
public sealed class EvaluationForm
{
    /// <summary>"annual" or "midterm"; none: the form alone.</summary>
    public string? Kind { get; set; }

    public int? Year { get; set; }

    /// <summary>The mid-term report's last day, yyyy-MM-dd.</summary>
    public string? To { get; set; }

    public int? Unit { get; set; }
}

public sealed record UnitChoice(int Id, string Name);

/// <summary>The evaluation page: the form, and the report (its blocks as the Word document has them) or why there is none.</summary>
public sealed record EvaluationPageViewModel(
    int PlanId,
    string PlanTitle,
    int? StartYear,
    int? EndYear,
    IReadOnlyList<int> Years,
    EvaluationForm Form,
    bool IsMinistry,
    bool CanIssue,
    IReadOnlyList<UnitChoice> Units,
    string? Refusal,
    EvaluationScope? Scope,
    string? Title,
    string? Subtitle,
    IReadOnlyList<ReportItem> Items,
    IssuedSummary? Issued,
    IReadOnlyList<FigureChange> ChangesSinceIssue,
    IReadOnlyList<IssuedSummary> IssuedReports)
{
    public bool HasReport => Refusal is null && Title is not null;

    /// <summary>The query that names this report (for the download links and the issue form).</summary>
    public string Query =>
        $"kind={Form.Kind}" + (Form.Year is { } y ? $"&year={y}" : string.Empty) + (Form.To is { } t ? $"&to={t}" : string.Empty) + (Form.Unit is { } u ? $"&unit={u}" : string.Empty);
}

/// <summary>An issued report as listed: what, when, by whom, and the hash of its Word document.</summary>
public sealed record IssuedSummary(int Id, string Title, string? UnitName, DateOnly From, DateOnly To, string IssuedBy, DateTimeOffset IssuedAt, string DocxSha256);

/// <summary>How much a request needs: the scope alone (issuing reads the figures itself), the figures (a download), or the page.</summary>
public enum EvaluationRead
{
    ScopeOnly,
    Figures,
    Page,
}

public sealed record EvaluationPageOutcome(EvaluationPageViewModel? Model, EvaluationFigures? Figures, bool Forbidden = false)
{
    public static readonly EvaluationPageOutcome NotFound = new(null, null);

    public static readonly EvaluationPageOutcome Denied = new(null, null, Forbidden: true);
}
