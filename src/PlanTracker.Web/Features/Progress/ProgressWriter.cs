using Microsoft.EntityFrameworkCore;
using Npgsql;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Progress;

/// <summary>
/// The write side: each POST is one transaction that loads the report under the data scope, checks the version the
/// form was drawn from, lets <see cref="ProgressReport"/> decide and stores the outcome (rows and audit entries).
/// </summary>
public sealed class ProgressWriter(AppDbContext db, ProgressPages pages, CurrentUser user, TimeProvider clock)
{
    /// <summary>Saves the unit's draft (no completeness check) and, when <paramref name="submit"/>, submits it: an incomplete report stays a saved draft.</summary>
    public async Task<WriteResult> SaveAsync(int periodId, int taskId, ReportInput input, bool submit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var context = await pages.ContextAsync(periodId, taskId, cancellationToken);
        if (context is null)
        {
            return WriteResult.Missing404;
        }

        if (context.PeriodStatus != PeriodStatus.Open)
        {
            return new WriteResult(false, "Progress.Refusal.PeriodNotOpen", [], false);
        }

        if (input.MilestoneWithoutDay() is int row)
        {
            return new WriteResult(false, "Progress.Refusal.MilestoneInvalid", [], false) { Detail = $"第{row}个里程碑缺少达成日期。" };
        }

        var now = clock.GetUtcNow();
        // The versions come along: a resubmit numbers its version after the ones already kept.
        var report = await db.ProgressReports.Include(r => r.Versions).SingleOrDefaultAsync(r => r.PeriodId == periodId && r.TaskId == taskId && r.UnitId == context.UnitId, cancellationToken);
        if (report is null)
        {
            if (input.RowVersion is not null)
            {
                return WriteResult.Stale;
            }

            report = ProgressReport.Start(periodId, taskId, context.UnitId, user.UserName, now);
            db.ProgressReports.Add(report);
        }
        else if (input.RowVersion != report.RowVersion)
        {
            return WriteResult.Stale;
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
            submitted = report.Submit(user.UserName, now, evidence);
        }

        var stored = await StoreAsync(cancellationToken);
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
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var context = await pages.ContextAsync(periodId, taskId, cancellationToken);
        var report = context is null
            ? null
            : await db.ProgressReports.SingleOrDefaultAsync(r => r.PeriodId == periodId && r.TaskId == taskId && r.UnitId == context.UnitId, cancellationToken);
        var now = clock.GetUtcNow();
        var result = await StepAsync(report, input, r => isReturn ? r.Return(user.UserName, input.Comment, now) : r.Review(user.UserName, input.Comment, now), cancellationToken);
        if (result.Succeeded)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>The ministry approves (通过) or returns (退回) a report.</summary>
    public async Task<WriteResult> MinistryStepAsync(long reportId, StepInput input, bool isReturn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var report = await db.ProgressReports.SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        var now = clock.GetUtcNow();
        var result = await StepAsync(report, input, r => isReturn ? r.Return(user.UserName, input.Comment, now) : r.Approve(user.UserName, input.Comment, now), cancellationToken);
        if (result.Succeeded)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return result;
    }

    private async Task<WriteResult> StepAsync(ProgressReport? report, StepInput input, Func<ProgressReport, ReportOutcome> step, CancellationToken cancellationToken)
    {
        if (report is null)
        {
            return WriteResult.Missing404;
        }

        if (input.RowVersion != report.RowVersion)
        {
            return WriteResult.Stale;
        }

        var outcome = step(report);
        return outcome.Refusal is { } refusal
            ? WriteResult.Refused(refusal, showLatest: refusal.Reason == ReportRefusalReason.WrongStatus)
            : await StoreAsync(cancellationToken);
    }

    private async Task<WriteResult> StoreAsync(CancellationToken cancellationToken)
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
            return WriteResult.Stale;
        }
    }
}
