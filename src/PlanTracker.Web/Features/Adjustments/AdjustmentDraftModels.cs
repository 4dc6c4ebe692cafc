using PlanTracker.Domain.Adjustments;

namespace PlanTracker.Web.Features.Adjustments;

public sealed record ProposalListViewModel(
    int PlanId,
    string PlanTitle,
    AdjustmentStatus? Status,
    IReadOnlyList<ProposalRow> Rows,
    int Page,
    int PageCount,
    int Total,
    bool CanPropose);

public sealed record ProposalRow(
    int Id,
    string Title,
    AdjustmentStatus Status,
    string? ProposedBy,
    string? UnitName,
    int BasedOnVersion,
    int Changes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? DecidedAt)
{
    /// <summary>A draft opens in the editor; any other proposal on its own page.</summary>
    public string Href => Status == AdjustmentStatus.Draft ? $"/adjustments/{Id}/edit" : $"/adjustments/{Id}";
}

public sealed record NewProposalViewModel(int PlanId, string PlanTitle, int? CurrentVersionNumber, string? UnitName, string? Refusal, string Title, string Reason);

/// <summary>An option of a select: its value and its label.</summary>
public sealed record Choice(string Value, string Label);

public sealed record DraftChangeRow(int Ordinal, string Kind, string Sentence);

/// <summary>A warning, report or indicator value listed (or offered) as evidence, with the page that shows it.</summary>
public sealed record EvidenceRow(int? EvidenceId, AdjustmentEvidenceKind Kind, long TargetId, string Label, string Href);

public sealed record DraftEditorViewModel(
    int Id,
    int PlanId,
    string PlanTitle,
    string Title,
    string Reason,
    uint RowVersion,
    int BasedOnVersionNumber,
    int? CurrentVersionNumber,
    string? UnitName,
    IReadOnlyList<DraftChangeRow> Changes,
    IReadOnlyList<EvidenceRow> Evidence,
    IReadOnlyList<EvidenceRow> Candidates,
    IReadOnlyList<AdjustmentChangeKind> Kinds,
    IReadOnlyList<Choice> Tasks,
    IReadOnlyList<Choice> Indicators,
    IReadOnlyList<Choice> Parents,
    IReadOnlyList<Choice> Units,
    IReadOnlyList<VersionChange> ChangedMeanwhile)
{
    /// <summary>Another version became current while the draft was written.</summary>
    public bool IsStale => CurrentVersionNumber is { } current && current != BasedOnVersionNumber;

    public bool Provincial => UnitName is not null;

    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>What the person entered in the form that was refused, shown again so nothing is lost.</summary>
    public ChangeInput? Entered { get; init; }

    public string? EnteredTitle { get; init; }

    public string? EnteredReason { get; init; }
}

public sealed class ProposalInput
{
    public string? Title { get; set; }

    public string? Reason { get; set; }
}

public sealed class RedraftInput
{
    public string? Title { get; set; }

    public string? Reason { get; set; }

    public uint RowVersion { get; set; }
}

/// <summary>One change of any kind; the fields its kind needs are read, the others ignored.</summary>
public sealed class ChangeInput
{
    public AdjustmentChangeKind? Kind { get; set; }

    public uint RowVersion { get; set; }

    public Guid? IndicatorKey { get; set; }

    public string? TargetText { get; set; }

    public int? TargetYear { get; set; }

    public Guid? TaskKey { get; set; }

    public DateOnly? StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    public List<int> LeadUnitIds { get; set; } = [];

    public List<int> ParticipatingUnitIds { get; set; } = [];

    public Guid? ParentKey { get; set; }

    public string? Title { get; set; }

    public string? Text { get; set; }

    public List<Guid> TaskKeys { get; set; } = [];

    /// <summary>拆分: one new task title per line.</summary>
    public string? NewTitles { get; set; }
}

public sealed class EvidenceInput
{
    public AdjustmentEvidenceKind? Kind { get; set; }

    public long? TargetId { get; set; }

    public uint RowVersion { get; set; }
}

public sealed class RowVersionInput
{
    public uint RowVersion { get; set; }
}

/// <summary>
/// A write's answer: done, not found (404), not the person's draft (403), or refused with the problems in Chinese
/// (and, when the plan moved on, what changed meanwhile).
/// </summary>
public sealed record DraftWriteResult(bool NotFound, bool Forbidden, IReadOnlyList<string> Problems, IReadOnlyList<VersionChange> ChangedMeanwhile, int? Id = null)
{
    public static readonly DraftWriteResult Missing = new(true, false, [], []);

    public static readonly DraftWriteResult NotYours = new(false, true, [], []);

    public bool Succeeded => !NotFound && !Forbidden && Problems.Count == 0;

    public static DraftWriteResult Done(int id) => new(false, false, [], [], id);

    public static DraftWriteResult Refused(params string[] problems) => new(false, false, problems, []);

    public static DraftWriteResult Refused(IReadOnlyList<string> problems) => new(false, false, problems, []);
}
