using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PlanTracker.Domain;
using PlanTracker.Domain.Access;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Infrastructure.Adjustments;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Periods;
using PlanTracker.Web.Features.Shared.Figures;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.AdjustmentDecisions;

/// <summary>
/// Reads a proposal page and the ministry's queue. A proposal is read through the query filter on adjustments, so a
/// unit reaches only what it proposed (another unit's id finds nothing: 404); evidence is read through the filters of
/// warnings, reports and values too, so a unit never sees another unit's rows through a proposal.
/// </summary>
public sealed class AdjustmentDecisionPages(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer, DomainWords words)
{
    public const string ChangesTable = "changes";
    public const string PreviewTable = "preview";
    public const string PendingTable = "pending";
    public const string DecidedTable = "decided";

    /// <summary>The queue lists this many awaiting proposals at most (oldest first) and this many recent decisions.</summary>
    public const int MaxPending = 200;

    public const int RecentDecisions = 20;

    private const int MaxAuditEntries = 100;

    public async Task<ProposalViewModel?> ProposalAsync(int id, CancellationToken cancellationToken)
    {
        var adjustment = await db.Adjustments.AsNoTracking().Whole()
            .SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (adjustment is null)
        {
            return null;
        }

        var planTitle = await db.Plans.IgnoreQueryFilters().AsNoTracking().Where(p => p.Id == adjustment.PlanId).Select(p => p.Title).SingleAsync(cancellationToken);
        var versionNumbers = await db.PlanVersions.IgnoreQueryFilters().AsNoTracking()
            .Where(v => v.Id == adjustment.BasedOnVersionId || v.Id == adjustment.ResultingVersionId)
            .ToDictionaryAsync(v => v.Id, v => v.Number, cancellationToken);

        var basedOn = await db.SnapshotAsync(adjustment.BasedOnVersionId, cancellationToken);
        var changes = adjustment.Changes.OrderBy(c => c.Ordinal).Select(PlanChanges.FromStored).ToList();
        var (current, currentSnapshot) = adjustment.Status == AdjustmentStatus.Submitted
            ? await CurrentAsync(adjustment.PlanId, adjustment.BasedOnVersionId, basedOn, cancellationToken)
            : (null, null);
        var revision = current is not null && current.Id == adjustment.BasedOnVersionId ? PlanRevision.Apply(basedOn, changes) : null;

        var unitIds = basedOn.Assignments.Select(a => a.UnitId)
            .Concat(currentSnapshot?.Assignments.Select(a => a.UnitId) ?? [])
            .Concat(revision?.Next?.Assignments.Select(a => a.UnitId) ?? [])
            .Concat(changes.SelectMany(UnitsNamedIn))
            .Append(adjustment.ProposedByUnitId ?? 0)
            .Where(u => u > 0)
            .Distinct()
            .ToList();
        var unitNames = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);

        var preview = current is null || currentSnapshot is null
            ? null
            : Preview(adjustment, current, basedOn, currentSnapshot, revision, unitNames);
        var roles = user.Roles;
        var planner = roles.Contains(Roles.Planner);
        return new ProposalViewModel(
            adjustment.Id,
            adjustment.PlanId,
            planTitle,
            adjustment.Title,
            adjustment.Reason,
            adjustment.Status,
            await ProposerAsync(adjustment.ProposedBy, adjustment.ProposedByUnitId, unitNames, cancellationToken),
            versionNumbers[adjustment.BasedOnVersionId],
            ChangeTable(changes, basedOn, unitNames),
            await EvidenceAsync(adjustment.PlanId, adjustment.Evidence, cancellationToken),
            Timeline(adjustment, adjustment.ResultingVersionId is { } r ? versionNumbers[r] : null),
            adjustment.ResultingVersionId is { } resulting ? versionNumbers[resulting] : null,
            await AuditAsync(adjustment.Id, cancellationToken),
            preview,
            planner && adjustment.Status == AdjustmentStatus.Submitted,
            adjustment.IsDraft && (adjustment.ProposedByUnitId is null ? planner : roles.Contains(Roles.Reviewer) && user.UnitId == adjustment.ProposedByUnitId),
            planner || roles.Contains(Roles.Administrator),
            adjustment.RowVersion);
    }

    /// <summary>The ministry's queue: every submitted proposal, oldest first, and the latest decisions.</summary>
    public async Task<DecisionQueueViewModel> QueueAsync(CancellationToken cancellationToken)
    {
        var submitted = db.Adjustments.AsNoTracking().Where(a => a.Status == AdjustmentStatus.Submitted);
        var total = await submitted.CountAsync(cancellationToken);
        var pending = await submitted
            .OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id)
            .Take(MaxPending)
            .Select(a => new
            {
                a.Id,
                a.Title,
                a.PlanId,
                Plan = db.Plans.IgnoreQueryFilters().Where(p => p.Id == a.PlanId).Select(p => p.Title).FirstOrDefault(),
                a.ProposedBy,
                Unit = db.Units.Where(u => u.Id == a.ProposedByUnitId).Select(u => u.Name).FirstOrDefault(),
                Changes = a.Changes.Count,
                a.SubmittedAt,
            })
            .ToListAsync(cancellationToken);
        var decided = await db.Adjustments.AsNoTracking()
            .Where(a => a.Status == AdjustmentStatus.Approved || a.Status == AdjustmentStatus.Rejected)
            .OrderByDescending(a => a.DecidedAt).ThenByDescending(a => a.Id)
            .Take(RecentDecisions)
            .Select(a => new
            {
                a.Id,
                a.Title,
                a.PlanId,
                Plan = db.Plans.IgnoreQueryFilters().Where(p => p.Id == a.PlanId).Select(p => p.Title).FirstOrDefault(),
                a.Status,
                a.DecidedBy,
                a.DecidedAt,
                a.DecisionComment,
                Version = db.PlanVersions.IgnoreQueryFilters().Where(v => v.Id == a.ResultingVersionId).Select(v => (int?)v.Number).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        var today = MinistryCalendar.Today(clock);
        var pendingTable = new FigureTable(
            PendingTable,
            localizer["Decisions.Queue.Pending"].Value,
            [
                new FigureColumn(localizer["Decisions.Column.Proposal"].Value),
                new FigureColumn(localizer["Decisions.Column.Plan"].Value, PlanText: true),
                new FigureColumn(localizer["Decisions.Column.Proposer"].Value, PlanText: true),
                new FigureColumn(localizer["Decisions.Column.Changes"].Value, IsNumber: true),
                new FigureColumn(localizer["Decisions.Column.SubmittedOn"].Value),
                new FigureColumn(localizer["Decisions.Column.DaysWaiting"].Value, IsNumber: true),
            ],
            [.. pending.Select(a => new FigureRow([
                FigureCell.Of(a.Title, Href(a.Id)),
                FigureCell.Of(a.Plan, $"/plans/{a.PlanId}"),
                FigureCell.Of(ProposerText(a.ProposedBy, a.Unit)),
                FigureCell.Of(a.Changes),
                FigureCell.Of(a.SubmittedAt is { } s ? Day(s) : string.Empty),
                FigureCell.Of(a.SubmittedAt is { } at ? today.DayNumber - BeijingDay(at).DayNumber : 0),
            ]))])
        {
            EmptyText = localizer["Decisions.Queue.NonePending"].Value,
        };
        var decidedTable = new FigureTable(
            DecidedTable,
            localizer["Decisions.Queue.Decided"].Value,
            [
                new FigureColumn(localizer["Decisions.Column.Proposal"].Value),
                new FigureColumn(localizer["Decisions.Column.Plan"].Value, PlanText: true),
                new FigureColumn(localizer["Decisions.Column.Decision"].Value),
                new FigureColumn(localizer["Decisions.Column.DecidedBy"].Value, PlanText: true),
                new FigureColumn(localizer["Decisions.Column.DecidedOn"].Value),
                new FigureColumn(localizer["Decisions.Column.Version"].Value, PlanText: false),
                new FigureColumn(localizer["Decisions.Column.Comment"].Value, PlanText: true),
            ],
            [.. decided.Select(a => new FigureRow([
                FigureCell.Of(a.Title, Href(a.Id)),
                FigureCell.Of(a.Plan, $"/plans/{a.PlanId}"),
                FigureCell.Of(words.Of(a.Status)),
                FigureCell.Of(a.DecidedBy),
                FigureCell.Of(a.DecidedAt is { } d ? Day(d) : string.Empty),
                a.Version is { } n ? FigureCell.Of(localizer["Decisions.VersionNumber", n].Value, ProposalViewModel.VersionHref(a.PlanId, n)) : FigureCell.Of(string.Empty),
                FigureCell.Of(a.DecisionComment),
            ]))])
        {
            EmptyText = localizer["Decisions.Queue.NoneDecided"].Value,
        };
        return new DecisionQueueViewModel(pendingTable, decidedTable, total);
    }

    public static string Href(int id) => $"/adjustments/{id}";

    public static DateOnly BeijingDay(DateTimeOffset at) => BeijingTime.Day(at);

    public static string Day(DateTimeOffset at) => BeijingDay(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<(Domain.Plans.PlanVersion? Version, PlanSnapshot? Snapshot)> CurrentAsync(int planId, int basedOnId, PlanSnapshot basedOn, CancellationToken cancellationToken)
    {
        var current = await db.CurrentVersionAsync(planId, cancellationToken);
        if (current is null)
        {
            return (null, null);
        }

        return (current, current.Id == basedOnId ? basedOn : await db.SnapshotAsync(current.Id, cancellationToken));
    }

    private DecisionPreview Preview(
        Adjustment adjustment, Domain.Plans.PlanVersion currentVersion, PlanSnapshot basedOn, PlanSnapshot current, RevisionResult? revision, IReadOnlyDictionary<int, string> unitNames)
    {
        var currentNumber = currentVersion.Number;
        var check = adjustment.CanApprove(currentVersion.Id);
        if (check.IsStale || revision is null)
        {
            return new DecisionPreview(
                PreviewKind.Stale, currentNumber, null, check.Refusal, [], DiffTable(localizer["Decisions.Preview.ChangedSince"].Value, PlanVersionDiff.Compare(basedOn, current, unitNames)));
        }

        return revision.Succeeded
            ? new DecisionPreview(PreviewKind.WouldApply, currentNumber, currentNumber + 1, null, [], DiffTable(localizer["Decisions.Preview.Diff", currentNumber, currentNumber + 1].Value, PlanVersionDiff.Compare(current, revision.Next!, unitNames)))
            : new DecisionPreview(PreviewKind.Problems, currentNumber, null, null, revision.Problems, DiffTable(localizer["Decisions.Preview.Diff", currentNumber, currentNumber + 1].Value, []));
    }

    private FigureTable DiffTable(string title, IReadOnlyList<VersionChange> changes) => new(
        PreviewTable,
        title,
        [
            new FigureColumn(localizer["Decisions.Column.DiffKind"].Value),
            new FigureColumn(localizer["Decisions.Column.Subject"].Value, PlanText: true),
            new FigureColumn(localizer["Decisions.Column.Before"].Value, PlanText: true),
            new FigureColumn(localizer["Decisions.Column.After"].Value, PlanText: true),
        ],
        [.. changes.Select(c => new FigureRow([FigureCell.Of(words.Of(c.Kind)), FigureCell.Of(c.Label), FigureCell.Of(c.Before), FigureCell.Of(c.After)]))])
    {
        EmptyText = localizer["Decisions.Preview.NoDifference"].Value,
    };

    private FigureTable ChangeTable(IReadOnlyList<PlanChange> changes, PlanSnapshot basedOn, IReadOnlyDictionary<int, string> unitNames) => new(
        ChangesTable,
        localizer["Decisions.Changes"].Value,
        [
            new FigureColumn(localizer["Decisions.Column.Number"].Value, IsNumber: true),
            new FigureColumn(localizer["Decisions.Column.ChangeKind"].Value),
            new FigureColumn(localizer["Decisions.Column.Subject"].Value, PlanText: true),
            new FigureColumn(localizer["Decisions.Column.Before"].Value, PlanText: true),
            new FigureColumn(localizer["Decisions.Column.After"].Value, PlanText: true),
        ],
        [.. changes.Select((change, i) =>
        {
            var text = PlanChangeText.Describe(change, basedOn, unitNames);
            return new FigureRow([FigureCell.Of(i + 1), FigureCell.Of(text.Kind), FigureCell.Of(text.Subject), FigureCell.Of(text.Before), FigureCell.Of(text.After)]);
        })])
    {
        EmptyText = localizer["Decisions.NoChanges"].Value,
    };

    private async Task<Proposer> ProposerAsync(string? userName, int? unitId, IReadOnlyDictionary<int, string> unitNames, CancellationToken cancellationToken)
    {
        var displayName = userName is null
            ? null
            : await db.Users.AsNoTracking().Where(u => u.UserName == userName).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        return new Proposer(userName, string.IsNullOrWhiteSpace(displayName) ? null : displayName, unitId, unitId is { } u && unitNames.TryGetValue(u, out var name) ? name : null);
    }

    private string ProposerText(string? userName, string? unitName) =>
        $"{unitName ?? localizer["Decisions.Ministry"].Value}{(userName is null ? string.Empty : $"（{userName}）")}";

    private async Task<IReadOnlyList<EvidenceItem>> EvidenceAsync(int planId, IReadOnlyCollection<AdjustmentEvidence> evidence, CancellationToken cancellationToken)
    {
        var warningIds = evidence.Where(e => e.WarningId is not null).Select(e => e.WarningId!.Value).ToList();
        var reportIds = evidence.Where(e => e.ProgressReportId is not null).Select(e => e.ProgressReportId!.Value).ToList();
        var valueIds = evidence.Where(e => e.IndicatorValueId is not null).Select(e => e.IndicatorValueId!.Value).ToList();

        var warnings = warningIds.Count == 0 ? [] : await db.EarlyWarnings.AsNoTracking()
            .Where(w => warningIds.Contains(w.Id))
            .Select(w => new
            {
                w.Id,
                w.Colour,
                w.Reason,
                w.AsOf,
                Task = db.PlanNodes.Where(n => n.Id == w.TaskId).Select(n => n.Title).FirstOrDefault(),
                Unit = db.Units.Where(u => u.Id == w.UnitId).Select(u => u.Name).FirstOrDefault(),
                Indicator = db.Indicators.Where(i => i.Id == w.IndicatorId).Select(i => i.Name).FirstOrDefault(),
            })
            .ToDictionaryAsync(w => w.Id, cancellationToken);
        var reports = reportIds.Count == 0 ? [] : await db.ProgressReports.AsNoTracking()
            .Where(r => reportIds.Contains(r.Id))
            .Select(r => new
            {
                r.Id,
                r.Status,
                r.PercentComplete,
                Unit = db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).FirstOrDefault(),
                Period = db.ReportingPeriods.Where(p => p.Id == r.PeriodId).Select(p => p.Label).FirstOrDefault(),
                Task = db.PlanNodes.Where(n => n.Id == r.TaskId).Select(n => n.Title).FirstOrDefault(),
            })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var values = valueIds.Count == 0 ? [] : await db.IndicatorValues.AsNoTracking()
            .Where(v => valueIds.Contains(v.Id))
            .Select(v => new
            {
                v.Id,
                v.IndicatorId,
                v.Value,
                v.ValueText,
                v.UnitOfMeasure,
                v.Status,
                Indicator = db.Indicators.Where(i => i.Id == v.IndicatorId).Select(i => i.Name).FirstOrDefault(),
                Unit = db.Units.Where(u => u.Id == v.UnitId).Select(u => u.Name).FirstOrDefault(),
                Period = db.ReportingPeriods.Where(p => p.Id == v.PeriodId).Select(p => p.Label).FirstOrDefault(),
            })
            .ToDictionaryAsync(v => v.Id, cancellationToken);

        string Unseen() => localizer["Decisions.Evidence.Unseen"].Value;
        return [.. evidence.OrderBy(e => e.Id).Select(e => e.Kind switch
        {
            AdjustmentEvidenceKind.Warning when warnings.TryGetValue(e.WarningId!.Value, out var w) => new EvidenceItem(
                e.Kind,
                $"{words.Of(w.Colour)}：{string.Join(" · ", new[] { w.Task, w.Unit, w.Indicator }.Where(s => !string.IsNullOrEmpty(s)))}",
                $"{w.Reason}（{w.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}）",
                $"/monitoring/warnings/{w.Id}",
                w.Colour),
            AdjustmentEvidenceKind.Report when reports.TryGetValue(e.ProgressReportId!.Value, out var r) => new EvidenceItem(
                e.Kind,
                $"{r.Unit} · {words.Period(r.Period)} · {r.Task}",
                $"{words.Of(r.Status)}{(r.PercentComplete is { } p ? $" · {p.ToString("0.#", CultureInfo.InvariantCulture)}%" : string.Empty)}",
                $"/progress/reports/{r.Id}",
                null),
            AdjustmentEvidenceKind.IndicatorValue when values.TryGetValue(e.IndicatorValueId!.Value, out var v) => new EvidenceItem(
                e.Kind,
                $"{v.Indicator} · {v.Unit ?? localizer["Decisions.Evidence.National"].Value} · {words.Period(v.Period)}",
                $"{v.ValueText ?? v.Value?.ToString("0.####", CultureInfo.InvariantCulture)}{v.UnitOfMeasure} · {words.Of(v.Status)}",
                $"/monitoring/indicators/{v.IndicatorId}",
                null),
            _ => new EvidenceItem(e.Kind, Unseen(), null, null, null),
        })];
    }

    private static List<TimelineEntry> Timeline(Adjustment adjustment, int? resultingVersion)
    {
        var steps = new List<TimelineEntry> { new(TimelineStep.Created, adjustment.CreatedAt, adjustment.ProposedBy, null, null) };
        if (adjustment.SubmittedAt is { } submitted)
        {
            steps.Add(new(TimelineStep.Submitted, submitted, adjustment.ProposedBy, null, null));
        }

        if (adjustment.DecidedAt is { } decided)
        {
            var step = adjustment.Status == AdjustmentStatus.Approved ? TimelineStep.Approved : TimelineStep.Rejected;
            steps.Add(new(step, decided, adjustment.DecidedBy, adjustment.DecisionComment, resultingVersion));
        }

        return steps;
    }

    private async Task<IReadOnlyList<ProposalAuditEntry>> AuditAsync(int id, CancellationToken cancellationToken)
    {
        var key = id.ToString(CultureInfo.InvariantCulture);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Adjustment) && a.EntityId == key)
            .OrderBy(a => a.OccurredAt).ThenBy(a => a.Id)
            .Take(MaxAuditEntries)
            .Select(a => new { a.OccurredAt, a.UserName, a.Action, a.AfterJson })
            .ToListAsync(cancellationToken);
        return [.. entries.Select(e => new ProposalAuditEntry(e.OccurredAt, e.UserName, e.Action, StatusIn(e.AfterJson)))];
    }

    /// <summary>The status an audit entry's "after" holds (the interceptor writes enums as numbers).</summary>
    public static AdjustmentStatus? StatusIn(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty(nameof(Adjustment.Status), out var status))
        {
            return null;
        }

        return status.ValueKind switch
        {
            JsonValueKind.Number when status.TryGetInt32(out var n) && Enum.IsDefined(typeof(AdjustmentStatus), n) => (AdjustmentStatus)n,
            JsonValueKind.String when Enum.TryParse<AdjustmentStatus>(status.GetString(), out var s) => s,
            _ => null,
        };
    }

    private static IEnumerable<int> UnitsNamedIn(PlanChange change) => change switch
    {
        ReassignUnits c => c.LeadUnitIds.Concat(c.ParticipatingUnitIds),
        AddTask c => c.LeadUnitIds.Concat(c.ParticipatingUnitIds),
        _ => [],
    };
}
