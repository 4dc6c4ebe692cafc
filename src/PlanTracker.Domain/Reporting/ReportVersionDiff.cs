namespace PlanTracker.Domain.Reporting;

/// <summary>A value before and after; changed when the two differ.</summary>
public sealed record Change<T>(T Before, T After)
{
    public bool Changed => !EqualityComparer<T>.Default.Equals(Before, After);
}

/// <summary>A narrative field of two versions, as runs of kept, inserted and deleted text.</summary>
public sealed record NarrativeDiff(ReportField Field, string? Before, string? After, IReadOnlyList<DiffRun> Runs)
{
    public bool Changed => TextDiff.Differs(Before, After);
}

/// <summary>The money of one source in two versions.</summary>
public sealed record SourceChange(FundingSource Source, Change<decimal?> Amount);

/// <summary>Whether an item of a list (a milestone, a file) is in both versions, only the later, or only the earlier.</summary>
public sealed record ItemChange<T>(T Item, DiffKind Kind);

/// <summary>
/// What changed between two submitted versions of a report (版本比较): each field before and after, the narratives
/// diffed, the money by source, the milestones and the evidence files (a file is the same file when its name and
/// SHA-256 are the same).
/// </summary>
public sealed record ReportVersionDiff(
    Change<TaskProgress?> Progress,
    Change<decimal?> PercentComplete,
    IReadOnlyList<NarrativeDiff> Narratives,
    Change<decimal?> InvestmentWan,
    IReadOnlyList<SourceChange> Sources,
    IReadOnlyList<ItemChange<Milestone>> Milestones,
    IReadOnlyList<ItemChange<EvidenceRef>> Evidence)
{
    public bool AnyChange =>
        Progress.Changed || PercentComplete.Changed || InvestmentWan.Changed || Narratives.Any(n => n.Changed)
        || Sources.Any(s => s.Amount.Changed) || Milestones.Any(m => m.Kind != DiffKind.Same) || Evidence.Any(e => e.Kind != DiffKind.Same);

    public static ReportVersionDiff Between(ReportSnapshot before, ReportSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        NarrativeDiff Narrative(ReportField field, string? a, string? b) => new(field, a, b, TextDiff.Compare(a, b));

        var sources = Enum.GetValues<FundingSource>()
            .Select(s => new SourceChange(s, new Change<decimal?>(Amount(before, s), Amount(after, s))))
            .Where(s => s.Amount.Before is not null || s.Amount.After is not null)
            .ToList();
        return new ReportVersionDiff(
            new(before.Progress, after.Progress),
            new(before.PercentComplete, after.PercentComplete),
            [
                Narrative(ReportField.ProgressText, before.ProgressText, after.ProgressText),
                Narrative(ReportField.Achievements, before.Achievements, after.Achievements),
                Narrative(ReportField.Problems, before.Problems, after.Problems),
                Narrative(ReportField.NextSteps, before.NextSteps, after.NextSteps),
            ],
            new(before.InvestmentWan, after.InvestmentWan),
            sources,
            Items(before.Milestones, after.Milestones),
            Items(before.Evidence, after.Evidence));
    }

    private static decimal? Amount(ReportSnapshot snapshot, FundingSource source) =>
        snapshot.InvestmentSources.Where(s => s.Source == source).Select(s => (decimal?)s.AmountWan).FirstOrDefault();

    /// <summary>The later list in its order with what was removed after it; records compare by value.</summary>
    private static List<ItemChange<T>> Items<T>(IReadOnlyList<T> before, IReadOnlyList<T> after)
    {
        var changes = after.Select(item => new ItemChange<T>(item, before.Contains(item) ? DiffKind.Same : DiffKind.Inserted)).ToList();
        changes.AddRange(before.Where(item => !after.Contains(item)).Select(item => new ItemChange<T>(item, DiffKind.Deleted)));
        return changes;
    }
}
