namespace PlanTracker.Domain.Reporting;

/// <summary>
/// One submission of a report as it was sent (第N次报送), never changed afterwards: the unit may rewrite a returned
/// report, but what it submitted before stays readable, and a planner compares any two versions.
/// </summary>
public sealed class ProgressReportVersion
{
    private ProgressReportVersion()
    {
        Content = ReportSnapshot.Of(ReportDraft.Empty, null);
    }

    public ProgressReportVersion(int number, ReportSnapshot content, string? submittedBy, DateTimeOffset submittedAt)
    {
        Number = number;
        Content = content;
        SubmittedBy = submittedBy;
        SubmittedAt = submittedAt;
    }

    public long Id { get; private set; }

    public long ProgressReportId { get; private set; }

    /// <summary>1 for the first submission, counting up.</summary>
    public int Number { get; private set; }

    public ReportSnapshot Content { get; private set; }

    public string? SubmittedBy { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }
}

/// <summary>A file as a version remembers it: enough to say which file it was, not the bytes.</summary>
public sealed record EvidenceRef(string FileName, string Sha256, long SizeBytes);

/// <summary>The content of a report at one submission, stored whole as JSON.</summary>
public sealed record ReportSnapshot(
    TaskProgress? Progress,
    decimal? PercentComplete,
    string? ProgressText,
    string? Achievements,
    string? Problems,
    string? NextSteps,
    decimal? InvestmentWan,
    IReadOnlyList<InvestmentBySource> InvestmentSources,
    IReadOnlyList<Milestone> Milestones,
    IReadOnlyList<EvidenceRef> Evidence)
{
    public static ReportSnapshot Of(ReportDraft content, IReadOnlyList<EvidenceRef>? evidence)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new(
            content.Progress,
            content.PercentComplete,
            content.ProgressText,
            content.Achievements,
            content.Problems,
            content.NextSteps,
            content.InvestmentWan,
            [.. content.InvestmentSources],
            [.. content.Milestones],
            [.. evidence ?? []]);
    }
}
