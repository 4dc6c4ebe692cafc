using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PlanTracker.Domain.Access;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Domain.Units;
using PlanTracker.Infrastructure.Adjustments;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Adjustments;

/// <summary>
/// Reads for the proposal pages: a plan's proposals, the new-proposal form and the draft editor (its changes in words
/// against the version it was based on, its evidence and the evidence it could rest on). The query filters keep a
/// provincial reviewer to its own unit's proposals, warnings, reports and values.
/// </summary>
public sealed class AdjustmentDrafts(AppDbContext db, CurrentUser user, IStringLocalizer<SharedResource> localizer, DomainWords words)
{
    public const int PageSize = 50;

    /// <summary>How many candidates of each kind the editor offers as evidence (newest first).</summary>
    public const int CandidateLimit = 50;

    private static readonly ReportStatus[] EvidenceReportStatuses = [ReportStatus.Submitted, ReportStatus.Reviewed, ReportStatus.Approved];

    public async Task<ProposalListViewModel?> ListAsync(int planId, AdjustmentStatus? status, int page, CancellationToken cancellationToken)
    {
        var planTitle = await PlanTitleAsync(planId, cancellationToken);
        if (planTitle is null)
        {
            return null;
        }

        var query = db.Adjustments.AsNoTracking().Where(a => a.PlanId == planId);
        if (status is { } wanted)
        {
            query = query.Where(a => a.Status == wanted);
        }

        var total = await query.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var rows = await (
            from a in query
            join v in db.PlanVersions on a.BasedOnVersionId equals v.Id
            join u in db.Units on a.ProposedByUnitId equals u.Id into units
            from u in units.DefaultIfEmpty()
            orderby a.CreatedAt descending, a.Id descending
            select new ProposalRow(a.Id, a.Title, a.Status, a.ProposedBy, u == null ? null : u.Name, v.Number, a.Changes.Count, a.CreatedAt, a.SubmittedAt, a.DecidedAt))
            .Skip((page - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken);
        return new ProposalListViewModel(planId, planTitle, status, rows, page, pageCount, total, ProposerSide.MayPropose(user));
    }

    public async Task<NewProposalViewModel?> NewAsync(int planId, CancellationToken cancellationToken)
    {
        var planTitle = await PlanTitleAsync(planId, cancellationToken);
        if (planTitle is null)
        {
            return null;
        }

        var current = await db.CurrentVersionAsync(planId, cancellationToken);
        var unitId = ProposerSide.UnitOf(user);
        var unitName = unitId is { } id ? await db.Units.AsNoTracking().Where(u => u.Id == id).Select(u => u.Name).SingleOrDefaultAsync(cancellationToken) : null;
        return new NewProposalViewModel(
            planId,
            planTitle,
            current?.Number,
            unitName,
            current is null ? localizer["Proposals.Refusal.NoPublishedVersion"].Value : null,
            string.Empty,
            string.Empty);
    }

    /// <summary>The draft editor; null when the person may not see the proposal (404).</summary>
    public async Task<EditorLookup> EditorAsync(int id, CancellationToken cancellationToken)
    {
        var adjustment = await db.Adjustments.AsNoTracking().Whole()
            .SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (adjustment is null)
        {
            return EditorLookup.Missing;
        }

        if (!ProposerSide.MayEdit(user, adjustment.ProposedByUnitId))
        {
            return EditorLookup.NotYours;
        }

        if (!adjustment.IsDraft)
        {
            return EditorLookup.NotADraft;
        }

        var planTitle = await db.Plans.IgnoreQueryFilters().AsNoTracking().Where(p => p.Id == adjustment.PlanId).Select(p => p.Title).SingleAsync(cancellationToken);
        var basedOn = await db.SnapshotAsync(adjustment.BasedOnVersionId, cancellationToken);
        var current = await db.CurrentVersionAsync(adjustment.PlanId, cancellationToken);
        var unitNames = await UnitNamesAsync(cancellationToken);
        var changes = adjustment.Changes.OrderBy(c => c.Ordinal).Select(c => (c.Ordinal, Change: PlanChanges.FromStored(c))).ToList();
        var changedMeanwhile = current is not null && current.Id != adjustment.BasedOnVersionId
            ? PlanVersionDiff.Compare(basedOn, await db.SnapshotAsync(current.Id, cancellationToken), unitNames)
            : [];

        var unitId = adjustment.ProposedByUnitId;
        var tasks = basedOn.Nodes
            .Where(n => n.Kind == NodeKind.Task && (unitId is not { } own || basedOn.AssignmentsOf(n.Key).Any(a => a.UnitId == own)))
            .Select(n => new Choice(n.Key.ToString(), n.Label))
            .ToList();
        var kinds = unitId is null
            ? Enum.GetValues<AdjustmentChangeKind>()
            : [.. Enum.GetValues<AdjustmentChangeKind>().Where(k => k is not (AdjustmentChangeKind.ReviseTarget or AdjustmentChangeKind.AddTask))];

        var evidence = await EvidenceRowsAsync(adjustment.Evidence, cancellationToken);
        var candidates = await CandidatesAsync(adjustment.PlanId, changes.Select(c => c.Change).ToList(), cancellationToken);
        candidates = [.. candidates.Where(c => !evidence.Any(e => e.Kind == c.Kind && e.TargetId == c.TargetId))];

        return new EditorLookup(
            new DraftEditorViewModel(
                adjustment.Id,
                adjustment.PlanId,
                planTitle,
                adjustment.Title,
                adjustment.Reason,
                adjustment.RowVersion,
                basedOn.VersionNumber,
                current?.Number,
                unitId is { } u ? unitNames.GetValueOrDefault(u) : null,
                [.. changes.Select(c => Row(c.Ordinal, PlanChangeText.Describe(c.Change, basedOn, unitNames)))],
                evidence,
                candidates,
                kinds,
                tasks,
                unitId is null ? [.. basedOn.Indicators.Select(i => new Choice(i.Key.ToString(), i.Name))] : [],
                unitId is null ? [.. basedOn.Nodes.Where(n => n.Kind is NodeKind.Section or NodeKind.Item or NodeKind.SpecialColumn).Select(n => new Choice(n.Key.ToString(), n.Label))] : [],
                await ReportingUnitsAsync(cancellationToken),
                changedMeanwhile),
            false,
            false,
            false);
    }

    private static DraftChangeRow Row(int ordinal, ChangeText text) => new(ordinal, text.Kind, text.Sentence);

    /// <summary>Every unit's name by id (a few dozen rows), for the changes in words.</summary>
    public Task<Dictionary<int, string>> UnitNamesAsync(CancellationToken cancellationToken) =>
        db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);

    private Task<List<Choice>> ReportingUnitsAsync(CancellationToken cancellationToken) =>
        db.Units.AsNoTracking()
            .Where(u => u.IsActive && u.Kind != UnitKind.Ministry && u.Kind != UnitKind.Department)
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Id)
            .Select(u => new Choice(u.Id.ToString(CultureInfo.InvariantCulture), u.Name))
            .ToListAsync(cancellationToken);

    private Task<string?> PlanTitleAsync(int planId, CancellationToken cancellationToken) =>
        db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => p.Title).SingleOrDefaultAsync(cancellationToken);

    private async Task<List<EvidenceRow>> EvidenceRowsAsync(IReadOnlyCollection<AdjustmentEvidence> evidence, CancellationToken cancellationToken)
    {
        var warningIds = evidence.Where(e => e.WarningId is not null).Select(e => e.WarningId!.Value).ToList();
        var reportIds = evidence.Where(e => e.ProgressReportId is not null).Select(e => e.ProgressReportId!.Value).ToList();
        var valueIds = evidence.Where(e => e.IndicatorValueId is not null).Select(e => e.IndicatorValueId!.Value).ToList();
        var rows = new List<EvidenceRow>();
        rows.AddRange(await WarningRowsAsync(db.EarlyWarnings.Where(w => warningIds.Contains(w.Id)), cancellationToken));
        rows.AddRange(await ReportRowsAsync(db.ProgressReports.Where(r => reportIds.Contains(r.Id)), cancellationToken));
        rows.AddRange(await ValueRowsAsync(db.IndicatorValues.Where(v => valueIds.Contains(v.Id)), cancellationToken));

        // In the order they were added; one the person may no longer see is listed by its id only.
        return [.. evidence.OrderBy(e => e.Id).Select(e =>
        {
            var target = e.WarningId ?? e.ProgressReportId ?? e.IndicatorValueId ?? 0;
            var row = rows.FirstOrDefault(r => r.Kind == e.Kind && r.TargetId == target);
            return (row ?? new EvidenceRow(null, e.Kind, target, $"#{target}", string.Empty)) with { EvidenceId = e.Id };
        })];
    }

    /// <summary>
    /// What the draft could rest on: the warnings about its tasks and indicators, the submitted or approved reports of
    /// its tasks and the approved values of its indicators, newest first, at most <see cref="CandidateLimit"/> of each.
    /// </summary>
    private async Task<List<EvidenceRow>> CandidatesAsync(int planId, IReadOnlyList<PlanChange> changes, CancellationToken cancellationToken)
    {
        var taskKeys = changes.SelectMany(TaskKeysOf).Distinct().ToList();
        var indicatorKeys = changes.OfType<ReviseTarget>().Select(c => c.IndicatorKey).Distinct().ToList();
        if (taskKeys.Count == 0 && indicatorKeys.Count == 0)
        {
            return [];
        }

        // Never IgnoreQueryFilters in these queries: it lifts the unit filters off the warnings and reports too.
        var planVersions = db.PlanVersions.Where(v => v.PlanId == planId).Select(v => v.Id);
        var indicatorIds = db.Indicators.Where(i => indicatorKeys.Contains(i.Key) && planVersions.Contains(i.PlanVersionId)).Select(i => i.Id);
        var taskIds = db.PlanNodes.Where(n => taskKeys.Contains(n.Key) && planVersions.Contains(n.PlanVersionId)).Select(n => n.Id);
        var rows = new List<EvidenceRow>();
        rows.AddRange(await WarningRowsAsync(
            db.EarlyWarnings
                .Where(w => w.PlanId == planId && ((w.TaskKey != null && taskKeys.Contains(w.TaskKey.Value)) || (w.IndicatorId != null && indicatorIds.Contains(w.IndicatorId.Value))))
                .OrderByDescending(w => w.RaisedAt).ThenByDescending(w => w.Id)
                .Take(CandidateLimit),
            cancellationToken));
        rows.AddRange(await ReportRowsAsync(
            db.ProgressReports
                .Where(r => taskIds.Contains(r.TaskId) && EvidenceReportStatuses.Contains(r.Status))
                .OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id)
                .Take(CandidateLimit),
            cancellationToken));
        rows.AddRange(await ValueRowsAsync(
            db.IndicatorValues
                .Where(v => indicatorIds.Contains(v.IndicatorId) && v.Status == ReportStatus.Approved)
                .OrderByDescending(v => v.ApprovedAt).ThenByDescending(v => v.Id)
                .Take(CandidateLimit),
            cancellationToken));
        return rows;
    }

    public static IEnumerable<Guid> TaskKeysOf(PlanChange change) => change switch
    {
        MergeTasks m => m.TaskKeys,
        ReviseTarget or AddTask => [],
        _ => change.SubjectKey is { } key ? [key] : [],
    };

    private async Task<List<EvidenceRow>> WarningRowsAsync(IQueryable<EarlyWarning> warnings, CancellationToken cancellationToken)
    {
        var found = await warnings.AsNoTracking()
            .Select(w => new { w.Id, w.AsOf, w.Colour, w.Reason, w.RaisedAt })
            .ToListAsync(cancellationToken);
        return [.. found.OrderByDescending(w => w.RaisedAt).ThenByDescending(w => w.Id).Select(w => new EvidenceRow(
            null,
            AdjustmentEvidenceKind.Warning,
            w.Id,
            $"{w.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {words.Labelled(localizer["Warnings.Colour." + w.Colour].Value)}{w.Reason}",
            $"/monitoring/warnings/{w.Id}"))];
    }

    private async Task<List<EvidenceRow>> ReportRowsAsync(IQueryable<ProgressReport> reports, CancellationToken cancellationToken)
    {
        var found = await (
            from r in reports.AsNoTracking()
            join n in db.PlanNodes on r.TaskId equals n.Id
            join u in db.Units on r.UnitId equals u.Id
            join p in db.ReportingPeriods on r.PeriodId equals p.Id
            select new { r.Id, r.Status, r.SubmittedAt, n.Number, n.Title, Unit = u.Name, Period = p.Label })
            .ToListAsync(cancellationToken);
        return [.. found.OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id).Select(r => new EvidenceRow(
            null,
            AdjustmentEvidenceKind.Report,
            r.Id,
            $"{words.Period(r.Period)} {words.Labelled(r.Unit)}{TaskLabel.Of(r.Number, r.Title)}{words.InParentheses(words.Of(r.Status))}",
            $"/progress/reports/{r.Id}"))];
    }

    private async Task<List<EvidenceRow>> ValueRowsAsync(IQueryable<IndicatorValue> values, CancellationToken cancellationToken)
    {
        var found = await (
            from v in values.AsNoTracking()
            join i in db.Indicators on v.IndicatorId equals i.Id
            join p in db.ReportingPeriods on v.PeriodId equals p.Id
            join u in db.Units on v.UnitId equals u.Id into units
            from u in units.DefaultIfEmpty()
            select new { v.Id, v.IndicatorId, v.Value, v.ValueText, v.UnitOfMeasure, v.ApprovedAt, i.Name, Unit = u == null ? null : u.Name, Period = p.Label })
            .ToListAsync(cancellationToken);
        return [.. found.OrderByDescending(v => v.ApprovedAt).ThenByDescending(v => v.Id).Select(v => new EvidenceRow(
            null,
            AdjustmentEvidenceKind.IndicatorValue,
            v.Id,
            $"{words.Period(v.Period)} {words.Labelled(v.Unit ?? localizer["Proposals.Evidence.National"].Value)}{v.Name} {v.ValueText ?? v.Value?.ToString(CultureInfo.InvariantCulture)}{v.UnitOfMeasure}",
            $"/monitoring/indicators/{v.IndicatorId}"))];
    }
}

public sealed record EditorLookup(DraftEditorViewModel? Model, bool NotFound, bool Forbidden, bool NotDraft)
{
    public static readonly EditorLookup Missing = new(null, true, false, false);

    public static readonly EditorLookup NotYours = new(null, false, true, false);

    public static readonly EditorLookup NotADraft = new(null, false, false, true);
}

/// <summary>Who drafts for whom: a planner for the ministry (no unit), a provincial reviewer for its own unit.</summary>
public static class ProposerSide
{
    public static bool MayPropose(CurrentUser user) =>
        user is not null && (user.Roles.Contains(Roles.Planner) || (user.Roles.Contains(Roles.Reviewer) && user.UnitId is not null));

    /// <summary>The unit a new proposal is made for: none for a planner (the ministry), the reviewer's own unit.</summary>
    public static int? UnitOf(CurrentUser user) => user is null || user.Roles.Contains(Roles.Planner) ? null : user.UnitId;

    /// <summary>Planners edit the ministry's drafts, a unit's reviewer its unit's drafts.</summary>
    public static bool MayEdit(CurrentUser user, int? proposedByUnitId) =>
        user is not null && (user.Roles.Contains(Roles.Planner)
            ? proposedByUnitId is null
            : user.Roles.Contains(Roles.Reviewer) && proposedByUnitId is not null && proposedByUnitId == user.UnitId);
}
