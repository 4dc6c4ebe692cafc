using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Reporting;
using PlanTracker.Domain.Units;
using PlanTracker.Infrastructure.Adjustments;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Adjustments;

/// <summary>
/// The proposer's writes on a draft, each one SaveChanges (one transaction, audit entries with it). Every write on a
/// draft also updates the proposal's own row, so its RowVersion guards its changes and evidence: two tabs editing the
/// same draft get a conflict, not a silent overwrite. A refusal stores nothing.
/// </summary>
public sealed class AdjustmentDraftWriter(AppDbContext db, AdjustmentDrafts drafts, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public const int MaxTitleLength = 300;

    public const int MaxReasonLength = 8000;

    private static readonly ReportStatus[] EvidenceReportStatuses = [ReportStatus.Submitted, ReportStatus.Reviewed, ReportStatus.Approved];

    /// <summary>Starts a draft against the plan's current version, for the ministry (a planner) or the reviewer's unit.</summary>
    public async Task<DraftWriteResult> CreateAsync(int planId, ProposalInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await db.Plans.AnyAsync(p => p.Id == planId, cancellationToken))
        {
            return DraftWriteResult.Missing;
        }

        var current = await db.CurrentVersionAsync(planId, cancellationToken);
        if (current is null)
        {
            return Refused("Proposals.Refusal.NoPublishedVersion");
        }

        if (TitleAndReasonProblem(input.Title, input.Reason) is { } problem)
        {
            return DraftWriteResult.Refused(problem);
        }

        var adjustment = new Adjustment(planId, current.Id, input.Title!.Trim(), input.Reason!.Trim(), user.UserName, ProposerSide.UnitOf(user), clock.GetUtcNow());
        db.Adjustments.Add(adjustment);
        await db.SaveChangesAsync(cancellationToken);
        return DraftWriteResult.Done(adjustment.Id);
    }

    public Task<DraftWriteResult> RedraftAsync(int id, RedraftInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return HandleAsync(id, input.RowVersion, (adjustment, _) =>
            Task.FromResult(TitleAndReasonProblem(input.Title, input.Reason) is { } problem
                ? DraftWriteResult.Refused(problem)
                : Outcome(adjustment.Redraft(input.Title, input.Reason))), cancellationToken);
    }

    /// <summary>
    /// Adds one change, checked at once: a provincial reviewer only what <see cref="ProvincialProposals"/> allows, and
    /// the draft's changes with the new one must apply to the version the draft is based on.
    /// </summary>
    public Task<DraftWriteResult> AddChangeAsync(int id, ChangeInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return HandleAsync(id, input.RowVersion, async (adjustment, _) =>
        {
            if (!adjustment.IsDraft)
            {
                return DraftWriteResult.Refused($"调整方案{Adjustment.Chinese(adjustment.Status)}，不能再修改。");
            }

            var (change, refusal) = ChangeFrom(input);
            if (change is null)
            {
                return Refused(refusal!);
            }

            if (!await UnitsExistAsync(change, cancellationToken))
            {
                return Refused("Proposals.Refusal.UnknownUnit");
            }

            var basedOn = await db.SnapshotAsync(adjustment.BasedOnVersionId, cancellationToken);
            if (adjustment.ProposedByUnitId is { } unitId && ProvincialProposals.Refusal(change, basedOn, unitId) is { } notAllowed)
            {
                return DraftWriteResult.Refused(notAllowed);
            }

            var revision = PlanRevision.Apply(basedOn, [.. ChangesOf(adjustment), change]);
            if (!revision.Succeeded)
            {
                return DraftWriteResult.Refused(revision.Problems);
            }

            adjustment.AddChange(PlanChanges.ToStored(change, adjustment.NextOrdinal));
            return DraftWriteResult.Done(adjustment.Id);
        }, cancellationToken);
    }

    public Task<DraftWriteResult> RemoveChangeAsync(int id, int ordinal, RowVersionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return HandleAsync(id, input.RowVersion, (adjustment, _) => Task.FromResult(Outcome(adjustment.RemoveChange(ordinal))), cancellationToken);
    }

    /// <summary>
    /// Lists a warning, report or value of the plan as evidence. A warning still open is linked to the proposal in the
    /// same transaction (it is answered by it).
    /// </summary>
    public Task<DraftWriteResult> AddEvidenceAsync(int id, EvidenceInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return HandleAsync(id, input.RowVersion, async (adjustment, now) =>
        {
            if (input.TargetId is not { } targetId || input.Kind is not { } kind)
            {
                return Refused("Proposals.Refusal.EvidenceRequired");
            }

            // No IgnoreQueryFilters here: it would lift the unit filter off the whole query (a version's filter only hides drafts).
            var planVersions = db.PlanVersions.Where(v => v.PlanId == adjustment.PlanId).Select(v => v.Id);
            switch (kind)
            {
                case AdjustmentEvidenceKind.Warning:
                    var warning = await db.EarlyWarnings.SingleOrDefaultAsync(w => w.Id == targetId && w.PlanId == adjustment.PlanId, cancellationToken);
                    if (warning is null)
                    {
                        return Refused("Proposals.Refusal.EvidenceNotFound");
                    }

                    var added = adjustment.AddEvidence(AdjustmentEvidence.ForWarning(targetId));
                    if (!added.Succeeded || !warning.IsOpen)
                    {
                        return Outcome(added);
                    }

                    var linked = warning.LinkToAdjustment(adjustment.Id, user.UserName, null, now);
                    return linked.Succeeded ? DraftWriteResult.Done(adjustment.Id) : DraftWriteResult.Refused(linked.Refusal!);

                case AdjustmentEvidenceKind.Report:
                    var reportStatus = await db.ProgressReports
                        .Where(r => r.Id == targetId && db.PlanNodes.Any(n => n.Id == r.TaskId && planVersions.Contains(n.PlanVersionId)))
                        .Select(r => (ReportStatus?)r.Status)
                        .SingleOrDefaultAsync(cancellationToken);
                    return reportStatus is not { } status ? Refused("Proposals.Refusal.EvidenceNotFound")
                        : !EvidenceReportStatuses.Contains(status) ? Refused("Proposals.Refusal.ReportNotSubmitted")
                        : Outcome(adjustment.AddEvidence(AdjustmentEvidence.ForReport(targetId)));

                case AdjustmentEvidenceKind.IndicatorValue:
                    var valueStatus = await db.IndicatorValues
                        .Where(v => v.Id == targetId && db.Indicators.Any(i => i.Id == v.IndicatorId && planVersions.Contains(i.PlanVersionId)))
                        .Select(v => (ReportStatus?)v.Status)
                        .SingleOrDefaultAsync(cancellationToken);
                    return valueStatus is not { } state ? Refused("Proposals.Refusal.EvidenceNotFound")
                        : state != ReportStatus.Approved ? Refused("Proposals.Refusal.ValueNotApproved")
                        : Outcome(adjustment.AddEvidence(AdjustmentEvidence.ForIndicatorValue(targetId)));

                default:
                    return Refused("Proposals.Refusal.EvidenceRequired");
            }
        }, cancellationToken);
    }

    public Task<DraftWriteResult> RemoveEvidenceAsync(int id, int evidenceId, RowVersionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return HandleAsync(id, input.RowVersion, (adjustment, _) => Task.FromResult(Outcome(adjustment.RemoveEvidence(evidenceId))), cancellationToken);
    }

    /// <summary>
    /// Sends the draft to the ministry. Refused without a change, and when another version became current since the
    /// draft was started: then the refusal carries what changed meanwhile, and the draft can be re-based.
    /// </summary>
    public Task<DraftWriteResult> SubmitAsync(int id, RowVersionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return HandleAsync(id, input.RowVersion, async (adjustment, now) =>
        {
            if (adjustment.IsDraft && adjustment.Changes.Count > 0)
            {
                var current = await db.CurrentVersionAsync(adjustment.PlanId, cancellationToken);
                if (current is null)
                {
                    return Refused("Proposals.Refusal.NoPublishedVersion");
                }

                var basedOn = await db.SnapshotAsync(adjustment.BasedOnVersionId, cancellationToken);
                if (current.Id != adjustment.BasedOnVersionId)
                {
                    var changed = PlanVersionDiff.Compare(basedOn, await db.SnapshotAsync(current.Id, cancellationToken), await drafts.UnitNamesAsync(cancellationToken));
                    return new DraftWriteResult(false, false, [localizer["Proposals.Refusal.PlanMovedOn", basedOn.VersionNumber, current.Number].Value], changed);
                }

                var revision = PlanRevision.Apply(basedOn, ChangesOf(adjustment));
                if (!revision.Succeeded)
                {
                    return DraftWriteResult.Refused(revision.Problems);
                }
            }

            return Outcome(adjustment.Submit(user.UserName, now));
        }, cancellationToken);
    }

    /// <summary>按当前版本重新起草: the draft moves onto the current version when all its changes still apply to it.</summary>
    public Task<DraftWriteResult> RebaseAsync(int id, RowVersionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return HandleAsync(id, input.RowVersion, async (adjustment, _) =>
        {
            var current = await db.CurrentVersionAsync(adjustment.PlanId, cancellationToken);
            if (current is null)
            {
                return Refused("Proposals.Refusal.NoPublishedVersion");
            }

            if (adjustment.IsDraft && current.Id != adjustment.BasedOnVersionId && adjustment.Changes.Count > 0)
            {
                var revision = PlanRevision.Apply(await db.SnapshotAsync(current.Id, cancellationToken), ChangesOf(adjustment));
                if (!revision.Succeeded)
                {
                    return DraftWriteResult.Refused([localizer["Proposals.Refusal.RebaseProblems", current.Number].Value, .. revision.Problems]);
                }
            }

            return Outcome(adjustment.Rebase(current.Id));
        }, cancellationToken);
    }

    private async Task<DraftWriteResult> HandleAsync(int id, uint rowVersion, Func<Adjustment, DateTimeOffset, Task<DraftWriteResult>> step, CancellationToken cancellationToken)
    {
        var adjustment = await db.Adjustments.Whole()
            .SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (adjustment is null)
        {
            return DraftWriteResult.Missing;
        }

        if (!ProposerSide.MayEdit(user, adjustment.ProposedByUnitId))
        {
            return DraftWriteResult.NotYours;
        }

        if (adjustment.RowVersion != rowVersion)
        {
            return Refused("Proposals.Refusal.Conflict");
        }

        var result = await step(adjustment, clock.GetUtcNow());
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            return result;
        }

        // The proposal's row is written with every change to it, checked against the RowVersion the form was read at.
        db.Entry(adjustment).Property(a => a.RowVersion).OriginalValue = rowVersion;
        db.Entry(adjustment).Property(a => a.Title).IsModified = true;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Refused("Proposals.Refusal.Conflict");
        }

        return DraftWriteResult.Done(adjustment.Id);
    }

    private static List<PlanChange> ChangesOf(Adjustment adjustment) =>
        [.. adjustment.Changes.OrderBy(c => c.Ordinal).Select(PlanChanges.FromStored)];

    /// <summary>The typed change the form asks for, or the key of the message saying what is missing.</summary>
    public static (PlanChange? Change, string? RefusalKey) ChangeFrom(ChangeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        string Trimmed(string? text) => text?.Trim() ?? string.Empty;
        string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        List<int> Distinct(List<int> ids) => [.. ids.Distinct()];
        const string NeedTask = "Proposals.Refusal.TaskRequired";
        return input.Kind switch
        {
            null => (null, "Proposals.Refusal.KindRequired"),
            AdjustmentChangeKind.ReviseTarget => input.IndicatorKey is { } indicator
                ? (new ReviseTarget(indicator, Trimmed(input.TargetText), input.TargetYear), null)
                : (null, "Proposals.Refusal.IndicatorRequired"),
            AdjustmentChangeKind.MoveDates => input.TaskKey is not { } task ? (null, NeedTask)
                : input.StartsOn is { } start && input.EndsOn is { } end ? (new MoveDates(task, start, end), null)
                : (null, "Proposals.Refusal.DatesRequired"),
            AdjustmentChangeKind.ReassignUnits => input.TaskKey is { } task
                ? (new ReassignUnits(task, Distinct(input.LeadUnitIds), Distinct(input.ParticipatingUnitIds)), null)
                : (null, NeedTask),
            AdjustmentChangeKind.AddTask => input.ParentKey is { } parent
                ? (new AddTask(Guid.NewGuid(), parent, Trimmed(input.Title), Optional(input.Text), input.StartsOn, input.EndsOn, Distinct(input.LeadUnitIds), Distinct(input.ParticipatingUnitIds)), null)
                : (null, "Proposals.Refusal.ParentRequired"),
            AdjustmentChangeKind.CancelTask => input.TaskKey is { } task ? (new CancelTask(task), null) : (null, NeedTask),
            AdjustmentChangeKind.MergeTasks => (new MergeTasks([.. input.TaskKeys.Distinct()], Trimmed(input.Title)), null),
            AdjustmentChangeKind.SplitTask => input.TaskKey is { } task
                ? (new SplitTask(task, [.. (input.NewTitles ?? string.Empty).Split('\n').Select(t => t.Trim()).Where(t => t.Length > 0).Select(t => new SplitPart(Guid.NewGuid(), t))]), null)
                : (null, NeedTask),
            AdjustmentChangeKind.RewordTask => input.TaskKey is { } task ? (new RewordTask(task, Trimmed(input.Title), Optional(input.Text)), null) : (null, NeedTask),
            _ => (null, "Proposals.Refusal.KindRequired"),
        };
    }

    private async Task<bool> UnitsExistAsync(PlanChange change, CancellationToken cancellationToken)
    {
        List<int> ids = change switch
        {
            ReassignUnits r => [.. r.LeadUnitIds, .. r.ParticipatingUnitIds],
            AddTask a => [.. a.LeadUnitIds, .. a.ParticipatingUnitIds],
            _ => [],
        };
        ids = [.. ids.Distinct()];
        return ids.Count == 0 || await db.Units.CountAsync(u => ids.Contains(u.Id) && u.Kind != UnitKind.Ministry && u.Kind != UnitKind.Department, cancellationToken) == ids.Count;
    }

    private string? TitleAndReasonProblem(string? title, string? reason) =>
        string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(reason) ? localizer["Proposals.Refusal.TitleAndReason"].Value
        : title.Trim().Length > MaxTitleLength ? localizer["Proposals.Refusal.TitleTooLong", MaxTitleLength].Value
        : reason.Trim().Length > MaxReasonLength ? localizer["Proposals.Refusal.ReasonTooLong", MaxReasonLength].Value
        : null;

    private DraftWriteResult Refused(string key) => DraftWriteResult.Refused(localizer[key].Value);

    private static DraftWriteResult Outcome(AdjustmentOutcome outcome) =>
        outcome.Succeeded ? DraftWriteResult.Done(0) : DraftWriteResult.Refused(outcome.Refusal!);
}
