using PlanTracker.Domain.Reporting;

namespace PlanTracker.Web.Features.Progress;

/// <summary>One submission in the list: 第N次报送, when and by whom.</summary>
public sealed record VersionRow(int Number, DateTimeOffset SubmittedAt, string? SubmittedBy);

/// <summary>
/// The versions and reopening of a report, as the entry and report pages show them below the content; links go to
/// the unit's or the ministry's URLs after <see cref="ForUnit"/>.
/// </summary>
public sealed record ReportHistory(long? ReportId, ReportContext Context, IReadOnlyList<VersionRow> Versions, bool IsReopened, bool CanReopen, uint? RowVersion, bool ForUnit);

/// <summary>One submitted version, read-only.</summary>
public sealed record VersionViewModel(long ReportId, ReportContext Context, VersionRow Version, ReportSnapshot Content, IReadOnlyList<VersionRow> All, bool ForUnit);

/// <summary>Two versions side by side; <see cref="Diff"/> is null when the report has no version yet.</summary>
public sealed record CompareViewModel(long ReportId, ReportContext Context, VersionRow? From, VersionRow? To, ReportVersionDiff? Diff, IReadOnlyList<VersionRow> All, bool ForUnit);

/// <summary>A comparison as the diff partial shows it: the two columns' headings and what changed between them.</summary>
public sealed record DiffView(ReportVersionDiff Diff, string BeforeLabel, string AfterLabel);
