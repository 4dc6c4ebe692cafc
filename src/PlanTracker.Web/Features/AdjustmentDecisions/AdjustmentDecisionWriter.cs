using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Messages;
using PlanTracker.Infrastructure.Adjustments;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Messages;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.AdjustmentDecisions;

/// <summary>
/// The ministry's decisions on a submitted proposal. Approval goes through <see cref="AdjustmentApproval"/> (one
/// transaction, the plan row locked, the next version written); rejection is <see cref="Adjustment.Reject"/> and one
/// save, checked against the row version the planner read. When a unit proposed, the unit is told through
/// <see cref="IUnitNotifier"/>: the message is queued before the decision's save, so it is stored by that save, in its
/// transaction, or not at all. A proposal someone decided first is a conflict and nothing changes; the refused attempt
/// leaves no audit entry (nothing was stored) and is logged as a conflict instead.
/// </summary>
public sealed class AdjustmentDecisionWriter(
    AppDbContext db, AdjustmentApproval approval, IUnitNotifier notifier, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer, DomainWords words, ILogger<AdjustmentDecisionWriter> logger)
{
    public async Task<DecisionResult> ApproveAsync(int id, DecisionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var read = await ReadAsync(id, input.RowVersion, cancellationToken);
        if (read.Result is not null)
        {
            return read.Result;
        }

        var adjustment = read.Adjustment!;
        var basedOnNumber = await db.PlanVersions.IgnoreQueryFilters().AsNoTracking()
            .Where(v => v.Id == adjustment.BasedOnVersionId).Select(v => v.Number).SingleAsync(cancellationToken);

        // Approval succeeds only against the version it was written on, so the new version's number is known now.
        var comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
        if (comment is { Length: > AdjustmentLimits.MaxCommentLength })
        {
            return new(DecisionOutcome.Refused, localizer["Decisions.Refusal.CommentTooLong", AdjustmentLimits.MaxCommentLength].Value);
        }

        NotifyUnit(adjustment, localizer["Decisions.Message.ApprovedSubject", adjustment.Title].Value, localizer["Decisions.Message.ApprovedBody", adjustment.Title, basedOnNumber + 1, comment ?? localizer["Decisions.Message.NoComment"].Value].Value);
        ApprovalResult result;
        try
        {
            result = await approval.ApproveAsync(id, user.UserName, comment, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Rejected by another planner between the read and the save: that transaction rolled back whole.
            db.ChangeTracker.Clear();
            return await ConflictAsync(id, cancellationToken);
        }

        db.ChangeTracker.Clear();
        return result.Outcome switch
        {
            ApprovalOutcome.Approved => DecisionResult.Done(result.VersionNumber),
            ApprovalOutcome.NotFound => DecisionResult.NotFound,
            // Two approvals at once: the second finds the version superseded, by this very proposal or by another.
            ApprovalOutcome.Stale => await IsStillSubmittedAsync(id, cancellationToken)
                ? Stale(id, result)
                : await ConflictAsync(id, cancellationToken),

            // Decided meanwhile (the approval re-reads the status under the plan's lock) or a rule of the plan broken.
            _ => await IsStillSubmittedAsync(id, cancellationToken)
                ? new(DecisionOutcome.Refused, string.Join(" ", result.Problems))
                : await ConflictAsync(id, cancellationToken),
        };
    }

    public async Task<DecisionResult> RejectAsync(int id, DecisionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var read = await ReadAsync(id, input.RowVersion, cancellationToken);
        if (read.Result is not null)
        {
            return read.Result;
        }

        var adjustment = read.Adjustment!;
        if (input.Comment?.Trim() is { Length: > AdjustmentLimits.MaxCommentLength })
        {
            return new(DecisionOutcome.Refused, localizer["Decisions.Refusal.CommentTooLong", AdjustmentLimits.MaxCommentLength].Value);
        }

        var outcome = adjustment.Reject(user.UserName, input.Comment, clock.GetUtcNow());
        if (!outcome.Succeeded)
        {
            db.ChangeTracker.Clear();
            return new(DecisionOutcome.Refused, outcome.Refusal);
        }

        NotifyUnit(adjustment, localizer["Decisions.Message.RejectedSubject", adjustment.Title].Value, localizer["Decisions.Message.RejectedBody", adjustment.Title, adjustment.DecisionComment!].Value);

        // Checked again by PostgreSQL at the save: another planner may have decided since it was read.
        db.Entry(adjustment).Property(a => a.RowVersion).OriginalValue = input.RowVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(id, cancellationToken);
        }

        return DecisionResult.Done();
    }

    private async Task<(Adjustment? Adjustment, DecisionResult? Result)> ReadAsync(int id, uint rowVersion, CancellationToken cancellationToken)
    {
        var adjustment = await db.Adjustments.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (adjustment is null)
        {
            return (null, DecisionResult.NotFound);
        }

        if (adjustment.Status != AdjustmentStatus.Submitted || adjustment.RowVersion != rowVersion)
        {
            db.ChangeTracker.Clear();
            return (null, await ConflictAsync(id, cancellationToken));
        }

        return (adjustment, null);
    }

    private DecisionResult Stale(int id, ApprovalResult result)
    {
        logger.LogWarning(
            "Conflict: approval of adjustment {AdjustmentId} by {User} refused, the plan moved on since the proposal was written ({ChangeCount} changes since its version)",
            id,
            user.UserName,
            result.Changes.Count);
        return new(DecisionOutcome.Stale, result.Problems.FirstOrDefault());
    }

    private Task<bool> IsStillSubmittedAsync(int id, CancellationToken cancellationToken) =>
        db.Adjustments.AsNoTracking().AnyAsync(a => a.Id == id && a.Status == AdjustmentStatus.Submitted, cancellationToken);

    /// <summary>Says who decided first, or that the proposal changed since the page was read.</summary>
    private async Task<DecisionResult> ConflictAsync(int id, CancellationToken cancellationToken)
    {
        var now = await db.Adjustments.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Status, a.DecidedBy, a.DecidedAt }).SingleAsync(cancellationToken);
        logger.LogWarning(
            "Conflict: decision on adjustment {AdjustmentId} by {User} refused, it is {Status} (decided by {DecidedBy})",
            id,
            user.UserName,
            now.Status,
            now.DecidedBy);
        var message = now.Status is AdjustmentStatus.Approved or AdjustmentStatus.Rejected
            ? localizer["Decisions.Refusal.AlreadyDecided", words.Of(now.Status), now.DecidedBy ?? string.Empty, now.DecidedAt is { } at ? AdjustmentDecisionPages.Day(at) : string.Empty].Value
            : now.Status == AdjustmentStatus.Draft
                ? localizer["Decisions.Refusal.NotSubmitted"].Value
                : localizer["Decisions.Refusal.Changed"].Value;
        return new(DecisionOutcome.Conflict, message);
    }

    private void NotifyUnit(Adjustment adjustment, string subject, string body)
    {
        if (adjustment.ProposedByUnitId is { } unitId)
        {
            notifier.Notify(new UnitNotice(unitId, MessageKind.Notice, null, subject, body));
        }
    }
}

public static class AdjustmentLimits
{
    /// <summary>The column's length (adjustments.decision_comment).</summary>
    public const int MaxCommentLength = 4000;
}
