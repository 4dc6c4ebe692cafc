using Microsoft.EntityFrameworkCore;
using Npgsql;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Messages;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Progress;

/// <summary>
/// The write side: each POST is one transaction that loads the report under the data scope, checks the version the
/// form was drawn from, lets <see cref="ProgressReport"/> decide and stores the outcome (rows and audit entries).
/// A write that lost a race (the report changed since the form was drawn) stores nothing, leaves no audit entry and
/// is logged as a conflict, so the refused attempt is on record too (docs/reliability.md, "Concurrency").
/// </summary>
public sealed class ProgressWriter(AppDbContext db, ProgressPages pages, CurrentUser user, TimeProvider clock, IUnitNotifier notifier, ILogger<ProgressWriter> logger)
{
    /// <summary>Saves the unit's draft (no completeness check) and, when <paramref name="submit"/>, submits it: an incomplete report stays a saved draft.</summary>
    public async Task<WriteResult> SaveAsync(int periodId, int taskId, ReportInput input, bool submit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ReportLocks.PeriodAsync(db, periodId, cancellationToken);
        var context = await pages.ContextAsync(periodId, taskId, cancellationToken);
        if (context is null)
        {
            return WriteResult.Missing404;
        }

        var now = clock.GetUtcNow();
        await ReportLocks.ReportAsync(db, periodId, taskId, context.UnitId, cancellationToken);
        var report = await db.ReportOf(periodId, taskId, context.UnitId).SingleOrDefaultAsync(cancellationToken);

        // A closed period locks its reports, except one a planner reopened for the unit.
        if (context.PeriodStatus != PeriodStatus.Open && report?.IsReopened != true)
        {
            return new WriteResult(false, "Progress.Refusal.PeriodNotOpen", [], false);
        }

        if (input.MilestoneWithoutDay() is int row)
        {
            return new WriteResult(false, "Progress.Refusal.MilestoneInvalid", [], false) { Detail = $"第{row}个里程碑缺少达成日期。" };
        }
        if (report is null)
        {
            if (input.RowVersion is not null)
            {
                return Conflict("save", null, input.RowVersion, null);
            }

            report = ProgressReport.Start(periodId, taskId, context.UnitId, user.UserName, now);
            db.ProgressReports.Add(report);
        }
        else if (input.RowVersion != report.RowVersion)
        {
            return Conflict(submit ? "submit" : "save", report.Id, input.RowVersion, report.RowVersion);
        }

        var saved = report.SaveDraft(input.ToDraft(), context.Window, now);
        if (saved.Refusal is { } refusal)
        {
            return WriteResult.Refused(refusal, showLatest: refusal.Reason == ReportRefusalReason.NotEditable);
        }

        var submitted = ReportOutcome.Done;
        if (submit)
        {
            // The version keeps which files went with the submission (name and hash), not the bytes.
            var evidence = await db.EvidenceFiles.AsNoTracking()
                .Where(e => e.ProgressReportId == report.Id)
                .OrderBy(e => e.Id)
                .Select(e => new EvidenceRef(e.FileName, e.Sha256, e.SizeBytes))
                .ToListAsync(cancellationToken);
            // The next version's number follows the ones stored: a report loaded without them would number it 1 again.
            await db.Entry(report).Collection(r => r.Versions).LoadAsync(cancellationToken);
            submitted = report.Submit(user.UserName, now, evidence);
        }

        var stored = await StoreAsync(submit ? "submit" : "save", report.Id, input.RowVersion, cancellationToken);
        if (!stored.Succeeded)
        {
            return stored;
        }

        await transaction.CommitAsync(cancellationToken);

        // An incomplete submit keeps what was typed as a draft and says exactly what is missing.
        return submitted.Refusal is { } notSubmitted ? WriteResult.Refused(notSubmitted, showLatest: true) : WriteResult.Done;
    }

    /// <summary>The unit's reviewer reviews (审核) or returns (退回) a report of their unit.</summary>
    public async Task<WriteResult> UnitStepAsync(int periodId, int taskId, StepInput input, bool isReturn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (CommentTooLong(input) is { } tooLong)
        {
            return tooLong;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var context = await pages.ContextAsync(periodId, taskId, cancellationToken);
        var report = context is null
            ? null
            : await db.ReportOf(periodId, taskId, context.UnitId).SingleOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var result = await StepAsync(report, input, isReturn ? "unit-return" : "review", r => isReturn ? r.Return(user.UserName, input.Comment, now) : r.Review(user.UserName, input.Comment, now), cancellationToken);
        if (result.Succeeded)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>The ministry approves (通过) or returns (退回) a report; a return tells the unit, in the same transaction.</summary>
    public async Task<WriteResult> MinistryStepAsync(long reportId, StepInput input, bool isReturn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (CommentTooLong(input) is { } tooLong)
        {
            return tooLong;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var report = await db.ProgressReports.SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        var about = isReturn && report is not null ? await ReportNotices.AboutAsync(db, report, cancellationToken) : null;
        var now = clock.GetUtcNow();
        var result = await StepAsync(
            report,
            input,
            isReturn ? "return" : "approve",
            r =>
            {
                if (!isReturn)
                {
                    return r.Approve(user.UserName, input.Comment, now);
                }

                var outcome = r.Return(user.UserName, input.Comment, now);
                if (outcome.Succeeded)
                {
                    notifier.Notify(ReportNotices.Returned(about!, input.Comment!.Trim()));
                }

                return outcome;
            },
            cancellationToken);
        if (result.Succeeded)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// 重新开放: a planner lets the unit change an approved report, or any report of a closed period, again; the
    /// reason goes on the timeline and to the unit's inbox, in one transaction.
    /// </summary>
    public async Task<WriteResult> ReopenAsync(long reportId, StepInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Comment?.Trim().Length > ReportNotices.MaxReasonLength)
        {
            return new WriteResult(false, "Progress.Refusal.ReasonTooLong", [], false);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var report = await db.ProgressReports.SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        var closed = report is not null && await db.ReportingPeriods.AnyAsync(p => p.Id == report.PeriodId && p.Status == PeriodStatus.Closed, cancellationToken);
        var about = report is null ? null : await ReportNotices.AboutAsync(db, report, cancellationToken);
        var now = clock.GetUtcNow();
        var result = await StepAsync(
            report,
            input,
            "reopen",
            r =>
            {
                var outcome = r.Reopen(user.UserName, input.Comment, closed, now);
                if (outcome.Succeeded)
                {
                    notifier.Notify(ReportNotices.Reopened(about!, input.Comment!.Trim()));
                }

                return outcome;
            },
            cancellationToken);
        if (result.Succeeded)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return result.RefusalKey switch
        {
            "Progress.Refusal.ReasonRequired" => result with { RefusalKey = "Progress.Refusal.ReopenReasonRequired" },
            "Progress.Refusal.WrongStatus" => result with { RefusalKey = "Progress.Refusal.ReopenNotNeeded" },
            _ => result,
        };
    }

    /// <summary>
    /// A review, return or approval comment longer than a reason may be (it goes to the unit's inbox and the report's
    /// timeline, whose column holds 4,000): refused here with a message, rather than failing in PostgreSQL as a 500.
    /// </summary>
    private static WriteResult? CommentTooLong(StepInput input) =>
        input.Comment?.Trim().Length > ReportNotices.MaxReasonLength ? new WriteResult(false, "Progress.Refusal.ReasonTooLong", [], false) : null;

    private async Task<WriteResult> StepAsync(ProgressReport? report, StepInput input, string action, Func<ProgressReport, ReportOutcome> step, CancellationToken cancellationToken)
    {
        if (report is null)
        {
            return WriteResult.Missing404;
        }

        if (input.RowVersion != report.RowVersion)
        {
            return Conflict(action, report.Id, input.RowVersion, report.RowVersion);
        }

        var outcome = step(report);
        return outcome.Refusal is { } refusal
            ? WriteResult.Refused(refusal, showLatest: refusal.Reason == ReportRefusalReason.WrongStatus)
            : await StoreAsync(action, report.Id, input.RowVersion, cancellationToken);
    }

    private async Task<WriteResult> StoreAsync(string action, long reportId, uint? readVersion, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return WriteResult.Done;
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone else saved the report (or started it) since the form was drawn.
            db.ChangeTracker.Clear();
            return Conflict(action, reportId == 0 ? null : reportId, readVersion, null);
        }
    }

    /// <summary>
    /// A write that lost a race stores nothing, so the audit log (written only with a stored change) has no line for it:
    /// the log keeps who tried what on which report, with the version they read and the one stored.
    /// </summary>
    private WriteResult Conflict(string action, long? reportId, uint? readVersion, uint? storedVersion)
    {
        logger.LogWarning(
            "Conflict: {Action} of progress report {ReportId} by {User} refused, the report changed since it was read (read version {ReadVersion}, stored {StoredVersion})",
            action,
            reportId,
            user.UserName,
            readVersion,
            storedVersion);
        return WriteResult.Stale;
    }
}
