using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Messages;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Assignments;
using PlanTracker.Web.Features.Messages;
using PlanTracker.Web.Features.Progress;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Completeness;

/// <summary>
/// The planner's writes from the review pages, each one transaction: 催报 to overdue units, and reopening a (task,
/// unit) cell of a closed period that has no report yet.
/// </summary>
public sealed class CompletenessWriter(AppDbContext db, CompletenessPages pages, ReportWritePipeline pipeline, IUnitNotifier notifier)
{
    /// <summary>Written in a reminder's text, replaced for each unit by the number of its reports not yet submitted.</summary>
    public const string CountToken = "{未报送数}";

    /// <summary>Room left in a message for the count and the trimming.</summary>
    public const int MaxReminderLength = PortalMessageLimits.MaxBodyLength - 20;

    /// <summary>Sends the reminder to one overdue unit, or to every overdue unit when <see cref="RemindInput.UnitId"/> is empty.</summary>
    /// <returns>Done with the number of units reminded, or refused with a <see cref="ReviewRefusal"/>.</returns>
    public async Task<WriteResult> RemindAsync(int periodId, RemindInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var overdue = await pages.OverdueAsync(periodId, cancellationToken);
        if (overdue is null)
        {
            return WriteResult.NotFound;
        }

        var body = input.Body?.Trim();
        if (string.IsNullOrEmpty(body))
        {
            return WriteResult.Refused(ReviewRefusal.ReminderRequired);
        }

        if (body.Length > MaxReminderLength)
        {
            return WriteResult.Refused(ReviewRefusal.ReminderTooLong);
        }

        if (!overdue.PastDue)
        {
            return WriteResult.Refused(ReviewRefusal.NotYetDue);
        }

        var targets = overdue.Units.Where(u => input.UnitId is not int id || u.UnitId == id).ToList();
        if (targets.Count == 0)
        {
            return WriteResult.Refused(ReviewRefusal.NotOverdue);
        }

        var subject = $"催报：{overdue.Period.Label}进展填报";
        foreach (var unit in targets)
        {
            notifier.Notify(new UnitNotice(unit.UnitId, MessageKind.Reminder, periodId, subject, body.Replace(CountToken, unit.Outstanding.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return WriteResult.With(targets.Count);
    }

    /// <summary>
    /// Reopens for its unit a task of a closed period that the unit never reported on: through the report's write
    /// pipeline the report is started and reopened together, with the reason on its timeline and in the unit's inbox.
    /// </summary>
    public async Task<WriteResult> ReopenCellAsync(int periodId, int unitId, int taskId, ReopenCellInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reason = input.Reason?.Trim();
        if (reason?.Length > ReportNotices.MaxReasonLength)
        {
            return WriteResult.Refused(ProgressRefusal.ReasonTooLong);
        }

        var write = new ReportWrite("reopen cell", (decision, _) =>
        {
            if (decision.Context.PeriodStatus != PeriodStatus.Closed)
            {
                return Task.FromResult(WriteResult.Refused(ReviewRefusal.PeriodNotClosed));
            }

            if (!decision.IsNew)
            {
                return Task.FromResult(WriteResult.Refused(ReviewRefusal.ReportExists));
            }

            var outcome = decision.Report.Reopen(decision.Actor, reason, periodClosed: true, decision.Now);
            if (outcome.Succeeded)
            {
                notifier.Notify(ReportNotices.Reopened(ReportNotices.About.Of(decision.Context), reason!));
            }

            return Task.FromResult(ReportWrite.Answer(outcome));
        })
        {
            Start = ReportStart.WithTheWrite,
        };
        var result = await pipeline.CellAsync(periodId, token => CellAsync(periodId, unitId, taskId, token), write, cancellationToken);

        // Lost to the unit or another planner starting the report at the same moment: it exists now.
        return result.IsConflict ? WriteResult.Refused(ReviewRefusal.ReportExists) : result;
    }

    /// <summary>Where the cell's report belongs: the period, the task of the plan's current version assigned to the unit, the unit.</summary>
    private async Task<ReportContext?> CellAsync(int periodId, int unitId, int taskId, CancellationToken cancellationToken)
    {
        var period = await db.ReportingPeriods.AsNoTracking()
            .Where(p => p.Id == periodId)
            .Select(p => new { p.PlanId, p.Label, p.Status, p.DueOn, p.StartsOn, p.EndsOn })
            .SingleOrDefaultAsync(cancellationToken);
        var task = period is null
            ? null
            : await db.CurrentTasksOf(period.PlanId).AsNoTracking()
                .Where(n => n.Id == taskId && db.TaskAssignments.Any(a => a.TaskId == n.Id && a.UnitId == unitId))
                .Select(n => new { n.Number, n.Title })
                .SingleOrDefaultAsync(cancellationToken);
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).SingleOrDefaultAsync(cancellationToken);
        return period is null || task is null || unit is null
            ? null
            : new ReportContext(periodId, period.Label, period.Status, period.DueOn, new PeriodWindow(period.StartsOn, period.EndsOn), taskId, Domain.Plans.TaskLabel.Of(task.Number, task.Title), unitId, unit);
    }
}

/// <summary>Why a review page's write was refused. Worded as <c>Review.Refusal.*</c>.</summary>
public enum ReviewRefusal
{
    ReminderRequired,
    ReminderTooLong,
    NotYetDue,
    NotOverdue,
    PeriodNotClosed,
    ReportExists,
}

/// <summary>催报: to one unit, or to all overdue units when <see cref="UnitId"/> is empty; the text may hold <see cref="CompletenessWriter.CountToken"/>.</summary>
public sealed class RemindInput
{
    public int? UnitId { get; set; }

    public string? Body { get; set; }
}

public sealed class ReopenCellInput
{
    public string? Reason { get; set; }
}
