using Microsoft.EntityFrameworkCore;
using Npgsql;
using PlanTracker.Domain.Messages;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Assignments;
using PlanTracker.Web.Features.Messages;
using PlanTracker.Web.Features.Progress;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Review;

/// <summary>
/// The planner's writes from the review pages, each one transaction: 催报 to overdue units, and reopening a (task,
/// unit) cell of a closed period that has no report yet.
/// </summary>
public sealed class ReviewWriter(AppDbContext db, ReviewPages pages, IUnitNotifier notifier, CurrentUser user, TimeProvider clock)
{
    /// <summary>Written in a reminder's text, replaced for each unit by the number of its reports not yet submitted.</summary>
    public const string CountToken = "{未报送数}";

    /// <summary>Room left in a message for the count and the trimming.</summary>
    public const int MaxReminderLength = PortalMessageLimits.MaxBodyLength - 20;

    /// <summary>Sends the reminder to one overdue unit, or to every overdue unit when <see cref="RemindInput.UnitId"/> is empty.</summary>
    public async Task<ReviewWriteResult> RemindAsync(int periodId, RemindInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var overdue = await pages.OverdueAsync(periodId, cancellationToken);
        if (overdue is null)
        {
            return ReviewWriteResult.Missing404;
        }

        var body = input.Body?.Trim();
        if (string.IsNullOrEmpty(body))
        {
            return ReviewWriteResult.Refused("Review.Refusal.ReminderRequired");
        }

        if (body.Length > MaxReminderLength)
        {
            return ReviewWriteResult.Refused("Review.Refusal.ReminderTooLong");
        }

        if (!overdue.PastDue)
        {
            return ReviewWriteResult.Refused("Review.Refusal.NotYetDue");
        }

        var targets = overdue.Units.Where(u => input.UnitId is not int id || u.UnitId == id).ToList();
        if (targets.Count == 0)
        {
            return ReviewWriteResult.Refused("Review.Refusal.NotOverdue");
        }

        var subject = $"催报：{overdue.Period.Label}进展填报";
        foreach (var unit in targets)
        {
            notifier.Notify(new UnitNotice(unit.UnitId, MessageKind.Reminder, periodId, subject, body.Replace(CountToken, unit.Outstanding.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ReviewWriteResult(false, null, targets.Count);
    }

    /// <summary>
    /// Reopens for its unit a task of a closed period that the unit never reported on: the report is started and
    /// reopened together, with the reason on its timeline and in the unit's inbox.
    /// </summary>
    public async Task<ReviewWriteResult> ReopenCellAsync(int periodId, int unitId, int taskId, ReopenCellInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reason = input.Reason?.Trim();
        if (reason?.Length > ReportNotices.MaxReasonLength)
        {
            return ReviewWriteResult.Refused("Progress.Refusal.ReasonTooLong");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var period = await db.ReportingPeriods.AsNoTracking().Where(p => p.Id == periodId).Select(p => new { p.PlanId, p.Label, p.Status }).SingleOrDefaultAsync(cancellationToken);
        var task = period is null
            ? null
            : await db.CurrentTasksOf(period.PlanId).AsNoTracking()
                .Where(n => n.Id == taskId && db.TaskAssignments.Any(a => a.TaskId == n.Id && a.UnitId == unitId))
                .Select(n => new { n.Number, n.Title })
                .SingleOrDefaultAsync(cancellationToken);
        if (period is null || task is null)
        {
            return ReviewWriteResult.Missing404;
        }

        if (period.Status != PeriodStatus.Closed)
        {
            return ReviewWriteResult.Refused("Review.Refusal.PeriodNotClosed");
        }

        if (await db.ReportOf(periodId, taskId, unitId).AnyAsync(cancellationToken))
        {
            return ReviewWriteResult.Refused("Review.Refusal.ReportExists");
        }

        var now = clock.GetUtcNow();
        var report = ProgressReport.Start(periodId, taskId, unitId, user.UserName, now);
        if (report.Reopen(user.UserName, reason, periodClosed: true, now).Refusal is not null)
        {
            return ReviewWriteResult.Refused("Progress.Refusal.ReopenReasonRequired");
        }

        db.ProgressReports.Add(report);
        var label = string.IsNullOrEmpty(task.Number) ? task.Title : task.Number + " " + task.Title;
        notifier.Notify(ReportNotices.Reopened(new ReportNotices.About(unitId, periodId, period.Label, label), reason!));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The unit or another planner started the report meanwhile.
            db.ChangeTracker.Clear();
            return ReviewWriteResult.Refused("Review.Refusal.ReportExists");
        }

        await transaction.CommitAsync(cancellationToken);
        return ReviewWriteResult.Done;
    }
}

/// <summary>催报: to one unit, or to all overdue units when <see cref="UnitId"/> is empty; the text may hold <see cref="ReviewWriter.CountToken"/>.</summary>
public sealed class RemindInput
{
    public int? UnitId { get; set; }

    public string? Body { get; set; }
}

public sealed class ReopenCellInput
{
    public string? Reason { get; set; }
}

/// <summary>What a review POST came to: not found, done (with how many units were reminded), or refused with a resource key.</summary>
public sealed record ReviewWriteResult(bool NotFound, string? RefusalKey, int Sent)
{
    public static readonly ReviewWriteResult Missing404 = new(true, null, 0);

    public static readonly ReviewWriteResult Done = new(false, null, 0);

    public bool Succeeded => !NotFound && RefusalKey is null;

    public static ReviewWriteResult Refused(string key) => new(false, key, 0);
}
