using PlanTracker.Domain.Reporting;

namespace PlanTracker.Web.Features.Progress;

/// <summary>Where a report belongs: the period, the task (of the current version, assigned to the unit) and the unit.</summary>
public sealed record ReportContext(int PeriodId, string PeriodLabel, PeriodStatus PeriodStatus, DateOnly DueOn, PeriodWindow Window, int TaskId, string TaskLabel, int UnitId, string UnitName);

/// <summary>
/// The report's content as the form shows it. Money by source and milestones are init-only beside the positional fields
/// so that a view of narratives alone stays a one-line constructor call.
/// </summary>
public sealed record ReportFields(TaskProgress? Progress, decimal? PercentComplete, string? ProgressText, string? Achievements, string? Problems, string? NextSteps, decimal? InvestmentWan)
{
    public static readonly ReportFields Empty = new(null, null, null, null, null, null, null);

    /// <summary>Money by source (中央财政 …), only the sources given.</summary>
    public IReadOnlyList<InvestmentBySource> Sources { get; init; } = [];

    /// <summary>Milestones as typed or stored; a row typed without its day keeps its title for the form.</summary>
    public IReadOnlyList<MilestoneRow> Milestones { get; init; } = [];

    /// <summary>The fields of a stored report's (or a submitted version's) content.</summary>
    public static ReportFields Of(ReportDraft content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new ReportFields(content.Progress, content.PercentComplete, content.ProgressText, content.Achievements, content.Problems, content.NextSteps, content.InvestmentWan)
        {
            Sources = content.InvestmentSources,
            Milestones = [.. content.Milestones.Select(m => new MilestoneRow(m.Title, m.ReachedOn))],
        };
    }

    /// <summary>The amount given for one source, if any.</summary>
    public decimal? AmountOf(FundingSource source) => Sources.FirstOrDefault(s => s.Source == source)?.AmountWan;
}

/// <summary>One milestone row of the form: a title and the day it was reached (either may still be missing).</summary>
public sealed record MilestoneRow(string? Title, DateOnly? ReachedOn);

public sealed record EventRow(ReportStep Step, string? Actor, string? Comment, DateTimeOffset At);

/// <summary>A refusal as the page shows it: the message, for an incomplete report the missing fields, and the domain's exact words where it gave them.</summary>
public sealed record ProgressMessage(string Text, IReadOnlyList<string> Missing, string? Detail = null);

/// <summary>The unit's entry form (填报) with the report's timeline; the reviewer's actions when it waits for them.</summary>
public sealed record EntryViewModel(
    ReportContext Context,
    long? ReportId,
    ReportStatus? Status,
    ReportFields Fields,
    uint? RowVersion,
    IReadOnlyList<EventRow> Events,
    bool CanEdit,
    bool CanReview,
    ProgressMessage? Message)
{
    /// <summary>
    /// After a refused stale save: what the person typed (before) against what someone else saved meanwhile (after),
    /// so nothing typed is lost and the other change is in plain view.
    /// </summary>
    public ReportVersionDiff? Conflict { get; init; }

    /// <summary>The domain's answer to "may the unit change this report now" (<see cref="ProgressReport.EditabilityIn"/>).</summary>
    public ReportOutcome Editability { get; init; } = ReportOutcome.Done;

    /// <summary>The period locks the report for its unit (not open, and the report not reopened).</summary>
    public bool PeriodLocked => Editability.Refusal?.Reason == ReportRefusalReason.PeriodNotOpen;
}

/// <summary>The ministry's view of one report, with approve and return while it waits for a decision.</summary>
public sealed record ReportViewModel(long ReportId, ReportContext Context, ReportStatus Status, ReportFields Fields, uint RowVersion, IReadOnlyList<EventRow> Events, bool CanDecide, ProgressMessage? Message);

/// <summary>The entry form's POST.</summary>
public sealed class ReportInput
{
    public TaskProgress? Progress { get; set; }

    public decimal? PercentComplete { get; set; }

    public string? ProgressText { get; set; }

    public string? Achievements { get; set; }

    public string? Problems { get; set; }

    public string? NextSteps { get; set; }

    public decimal? InvestmentWan { get; set; }

    /// <summary>Money by source, one row per <see cref="FundingSource"/>; a blank amount means the unit does not know it.</summary>
    public List<SourceInput> Sources { get; set; } = [];

    /// <summary>Milestone rows; rows left blank (no title, no day) are ignored.</summary>
    public List<MilestoneInput> Milestones { get; set; } = [];

    /// <summary>The version the form was drawn from; empty for a report not saved yet.</summary>
    public uint? RowVersion { get; set; }

    public ReportFields ToFields() => new(Progress, PercentComplete, ProgressText, Achievements, Problems, NextSteps, InvestmentWan)
    {
        Sources = GivenSources(),
        Milestones = [.. FilledMilestones().Select(m => new MilestoneRow(m.Title, m.ReachedOn))],
    };

    /// <summary>
    /// The draft the domain checks. Call only when <see cref="MilestoneWithoutDay"/> is null: a milestone needs its day.
    /// </summary>
    public ReportDraft ToDraft() => new(
        Progress,
        PercentComplete,
        ProgressText,
        Achievements,
        Problems,
        NextSteps,
        InvestmentWan,
        GivenSources(),
        [.. FilledMilestones().Select(m => new Milestone(m.Title ?? string.Empty, m.ReachedOn ?? default))]);

    /// <summary>The 1-based number (among the filled rows) of the first milestone with a title but no day; null when none.</summary>
    public int? MilestoneWithoutDay()
    {
        var filled = FilledMilestones();
        var index = filled.FindIndex(m => m.ReachedOn is null);
        return index < 0 ? null : index + 1;
    }

    private List<InvestmentBySource> GivenSources() =>
        [.. Sources.Where(s => s.Source is not null && s.AmountWan is not null).Select(s => new InvestmentBySource(s.Source!.Value, s.AmountWan!.Value))];

    private List<MilestoneInput> FilledMilestones() =>
        [.. Milestones.Where(m => !string.IsNullOrWhiteSpace(m.Title) || m.ReachedOn is not null)];
}

/// <summary>One source's amount in the form (万元).</summary>
public sealed class SourceInput
{
    public FundingSource? Source { get; set; }

    public decimal? AmountWan { get; set; }
}

/// <summary>One milestone row in the form.</summary>
public sealed class MilestoneInput
{
    public string? Title { get; set; }

    public DateOnly? ReachedOn { get; set; }
}

/// <summary>A review, approval or return: the comment (a return's reason) and the version it was decided on.</summary>
public sealed class StepInput
{
    public string? Comment { get; set; }

    public uint? RowVersion { get; set; }
}
