using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Messages;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Progress;

/// <summary>
/// The write side of the progress pages: each POST goes through <see cref="ReportWritePipeline"/> (one transaction,
/// the locks, the version the form was drawn from) and lets <see cref="ProgressReport"/> decide. A write that lost a race
/// stores nothing and is logged as a conflict (docs/reliability.md, "Concurrency").
/// </summary>
public sealed class ProgressWriter(AppDbContext db, ReportWritePipeline pipeline, IUnitNotifier notifier)
{
    /// <summary>Saves the unit's draft (no completeness check) and, when <paramref name="submit"/>, submits it: an incomplete report stays a saved draft.</summary>
    public async Task<WriteResult> SaveAsync(int periodId, int taskId, ReportInput input, bool submit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.MilestoneWithoutDay() is int row)
        {
            return WriteResult.Refused(ProgressRefusal.MilestoneWithoutDay, row);
        }

        var write = new ReportWrite(submit ? "submit" : "save", async (decision, token) =>
        {
            var report = decision.Report;
            if (report.SaveDraft(input.ToDraft(), decision.Context.Window, decision.Now).Refusal is { } refusal)
            {
                return WriteResult.Refused(refusal);
            }

            if (!submit)
            {
                return WriteResult.Done;
            }

            // The version keeps which files went with the submission (name and hash), not the bytes.
            var evidence = await db.EvidenceFiles.AsNoTracking()
                .Where(e => e.ProgressReportId == report.Id)
                .OrderBy(e => e.Id)
                .Select(e => new EvidenceRef(e.FileName, e.Sha256, e.SizeBytes))
                .ToListAsync(token);

            // The next version's number follows the ones stored: a report loaded without them would number it 1 again.
            await db.Entry(report).Collection(r => r.Versions).LoadAsync(token);

            // An incomplete submit keeps what was typed as a draft (stored) and says exactly what is missing.
            return report.Submit(decision.Actor, decision.Now, evidence).Refusal is { } notSubmitted ? WriteResult.With(notSubmitted) : WriteResult.Done;
        })
        {
            ByUnit = true,
            ChecksVersion = true,
            ReadVersion = input.RowVersion,
            Start = ReportStart.WithTheWrite,
        };
        var result = await pipeline.UnitReportAsync(periodId, taskId, write, cancellationToken);
        return result is WriteResult<ReportRefusal> { Value: var incomplete } ? WriteResult.Refused(incomplete) : result;
    }

    /// <summary>The unit's reviewer reviews (审核) or returns (退回) a report of their unit.</summary>
    public async Task<WriteResult> UnitStepAsync(int periodId, int taskId, StepInput input, bool isReturn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (TooLong(input.Comment))
        {
            return WriteResult.Refused(ProgressRefusal.ReasonTooLong);
        }

        var write = ReportWrite.Step(
            isReturn ? "unit-return" : "review",
            input.RowVersion,
            d => isReturn ? d.Report.Return(d.Actor, input.Comment, d.Now) : d.Report.Review(d.Actor, input.Comment, d.Now));
        return await pipeline.UnitReportAsync(periodId, taskId, write, cancellationToken);
    }

    /// <summary>The ministry approves (通过) or returns (退回) a report; a return tells the unit, in the same transaction.</summary>
    public async Task<WriteResult> MinistryStepAsync(long reportId, StepInput input, bool isReturn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (TooLong(input.Comment))
        {
            return WriteResult.Refused(ProgressRefusal.ReasonTooLong);
        }

        var write = ReportWrite.Step(isReturn ? "return" : "approve", input.RowVersion, d =>
        {
            if (!isReturn)
            {
                return d.Report.Approve(d.Actor, input.Comment, d.Now);
            }

            var outcome = d.Report.Return(d.Actor, input.Comment, d.Now);
            if (outcome.Succeeded)
            {
                notifier.Notify(ReportNotices.Returned(ReportNotices.About.Of(d.Context), input.Comment!.Trim()));
            }

            return outcome;
        });
        return await pipeline.ReportAsync(reportId, write, cancellationToken);
    }

    /// <summary>
    /// 重新开放: a planner lets the unit change an approved report, or any report of a closed period, again; the
    /// reason goes on the timeline and to the unit's inbox, in one transaction.
    /// </summary>
    public async Task<WriteResult> ReopenAsync(long reportId, StepInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (TooLong(input.Comment))
        {
            return WriteResult.Refused(ProgressRefusal.ReasonTooLong);
        }

        var write = ReportWrite.Step("reopen", input.RowVersion, d =>
        {
            var outcome = d.Report.Reopen(d.Actor, input.Comment, d.Context.PeriodStatus == PeriodStatus.Closed, d.Now);
            if (outcome.Succeeded)
            {
                notifier.Notify(ReportNotices.Reopened(ReportNotices.About.Of(d.Context), input.Comment!.Trim()));
            }

            return outcome;
        });
        return await pipeline.ReportAsync(reportId, write, cancellationToken);
    }

    /// <summary>
    /// A comment or reason longer than a reason may be (it goes to the unit's inbox and the report's timeline, whose
    /// column holds 4,000): refused with a message, where it used to reach PostgreSQL and fail with a 500.
    /// </summary>
    private static bool TooLong(string? comment) => comment?.Trim().Length > ReportNotices.MaxReasonLength;
}
