using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Progress;

/// <summary>
/// The one way a unit's report is written, whoever writes it: the unit's form and its evidence, the Excel upload, the
/// unit's reviewer, the ministry's decisions, a planner's reopening. Each write is one transaction, in this order:
/// <list type="number">
/// <item>the period's row in share mode (<see cref="ReportLocks.PeriodAsync"/>): a close waits for the write, or the write reads the period closed;</item>
/// <item>where the report belongs (period, task, unit), read under the data scope: not found when the user may not reach it;</item>
/// <item>the report's row for update (<see cref="ReportLocks.ReportAsync"/>), then the report: writers of one report take turns;</item>
/// <item>for a change by the unit, the domain's rule (<see cref="ProgressReport.EditabilityIn"/>) as far as the period goes;</item>
/// <item>the row version the page was drawn from: a stale page is a conflict;</item>
/// <item>the domain's decision (the write's delegate), SaveChanges, commit.</item>
/// </list>
/// A refusal or a conflict stores nothing. A conflict is logged (the audit log keeps stored changes only) and says who
/// changed the report last, when, and its status now. See docs/reliability.md, "Concurrency".
/// </summary>
public sealed class ReportWritePipeline(AppDbContext db, ProgressPages pages, ReportVersions versions, CurrentUser user, TimeProvider clock, ILogger<ReportWritePipeline> logger)
{
    /// <summary>The signed-in unit's report on (period, task): the entry form, its evidence, the unit's reviewer.</summary>
    public Task<WriteResult> UnitReportAsync(int periodId, int taskId, ReportWrite write, CancellationToken cancellationToken) =>
        RunAsync(periodId, token => pages.ContextAsync(periodId, taskId, token), write, cancellationToken);

    /// <summary>A report by id, as the ministry reaches it (approve, return, reopen).</summary>
    public async Task<WriteResult> ReportAsync(long reportId, ReportWrite write, CancellationToken cancellationToken)
    {
        var periodId = await db.ProgressReports.AsNoTracking().Where(r => r.Id == reportId).Select(r => (int?)r.PeriodId).SingleOrDefaultAsync(cancellationToken);
        return periodId is int id
            ? await RunAsync(id, token => versions.ReportContextAsync(reportId, token), write, cancellationToken)
            : WriteResult.NotFound;
    }

    /// <summary>A unit's report on (period, task) where the caller says where it belongs (a cell of the completeness matrix).</summary>
    public Task<WriteResult> CellAsync(int periodId, Func<CancellationToken, Task<ReportContext?>> locate, ReportWrite write, CancellationToken cancellationToken) =>
        RunAsync(periodId, locate, write, cancellationToken);

    /// <summary>
    /// All of a unit's reports of a period at once (the Excel upload): the period's row in share mode, then every report
    /// row of the unit in the period in id order, then <paramref name="decide"/> loads and changes them; SaveChanges and
    /// commit, or a conflict when one changed under it all the same.
    /// </summary>
    public async Task<WriteResult> UnitPeriodAsync(int periodId, int unitId, string action, Func<CancellationToken, Task<WriteResult>> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ReportLocks.PeriodAsync(db, periodId, cancellationToken);
        await ReportLocks.UnitReportsAsync(db, periodId, unitId, cancellationToken);
        var decided = await decide(cancellationToken);
        if (!decided.Succeeded)
        {
            db.ChangeTracker.Clear();
            return decided;
        }

        if (!await TrySaveAsync(cancellationToken))
        {
            return await ConflictAsync(transaction, action, null, null, null, null, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return decided;
    }

    /// <summary>
    /// The one place a report is started: by the signed-in user, now, for the unit on the period's task. It is added to
    /// the unit of work; the write's SaveChanges stores it.
    /// </summary>
    public ProgressReport Start(int periodId, int taskId, int unitId, DateTimeOffset at)
    {
        var report = ProgressReport.Start(periodId, taskId, unitId, user.UserName, at);
        db.ProgressReports.Add(report);
        return report;
    }

    /// <summary>The one place a report is found by where it belongs: the unit's report on the period's task, by the task's stable key.</summary>
    public IQueryable<ProgressReport> Of(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return db.ReportOf(context.PeriodId, context.TaskId, context.UnitId);
    }

    private async Task<WriteResult> RunAsync(int periodId, Func<CancellationToken, Task<ReportContext?>> locate, ReportWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ReportLocks.PeriodAsync(db, periodId, cancellationToken);
        var context = await locate(cancellationToken);
        if (context is null)
        {
            return WriteResult.NotFound;
        }

        // Locked before it is read: a submit in flight finishes first, and this write decides on the report as it left it.
        await ReportLocks.ReportAsync(db, context.PeriodId, context.TaskId, context.UnitId, cancellationToken);
        var report = await Of(context).SingleOrDefaultAsync(cancellationToken);
        if (report is null && write.Start == ReportStart.Never)
        {
            return WriteResult.NotFound;
        }

        // A closed period locks its reports for the unit, except one a planner reopened for it: the domain's rule.
        if (write.ByUnit && (report?.EditabilityIn(context.PeriodStatus) ?? ProgressReport.EditabilityOfNew(context.PeriodStatus)).Refusal is { Reason: ReportRefusalReason.PeriodNotOpen } locked)
        {
            return WriteResult.Refused(locked);
        }

        if (write.ChecksVersion && (report is null ? write.ReadVersion is not null : write.ReadVersion != report.RowVersion))
        {
            return await ConflictAsync(transaction, write.Action, context, report?.Id, write.ReadVersion, report?.RowVersion, cancellationToken);
        }

        var now = clock.GetUtcNow();
        var isNew = report is null;
        if (report is null)
        {
            report = Start(context.PeriodId, context.TaskId, context.UnitId, now);

            // Stored first where the decision needs the report's id (an evidence file points at it).
            if (write.Start == ReportStart.BeforeTheDecision && !await TrySaveAsync(cancellationToken))
            {
                return await ConflictAsync(transaction, write.Action, context, null, write.ReadVersion, null, cancellationToken);
            }
        }

        var decided = await write.Decide(new ReportDecision(report, context, isNew, user.UserName, now), cancellationToken);
        if (!decided.Succeeded)
        {
            db.ChangeTracker.Clear();
            return decided;
        }

        if (!await TrySaveAsync(cancellationToken))
        {
            return await ConflictAsync(transaction, write.Action, context, report.Id == 0 ? null : report.Id, write.ReadVersion, null, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return decided;
    }

    /// <summary>False when someone else saved the report (or started it) since it was read: nothing is stored.</summary>
    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return false;
        }
    }

    /// <summary>
    /// A write that lost a race stores nothing, so the audit log (written only with a stored change) has no line for it:
    /// the log keeps who tried what on which report, with the version they read and the one stored. The answer says
    /// what changed: who changed the report last, when, and its status now.
    /// </summary>
    private async Task<WriteResult> ConflictAsync(IDbContextTransaction transaction, string action, ReportContext? context, long? reportId, uint? readVersion, uint? storedVersion, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await transaction.RollbackAsync(cancellationToken);
        logger.LogWarning(
            "Conflict: {Action} of progress report {ReportId} by {User} refused, the report changed since it was read (read version {ReadVersion}, stored {StoredVersion})",
            action,
            reportId,
            user.UserName,
            readVersion,
            storedVersion);
        return WriteResult.Conflicted(context is null ? WriteConflict.Unknown : await LastChangeAsync(context, cancellationToken));
    }

    /// <summary>The report's newest audit entry (who, when) and its status now; read after the rollback, under the data scope.</summary>
    private async Task<WriteConflict> LastChangeAsync(ReportContext context, CancellationToken cancellationToken)
    {
        var stored = await Of(context).AsNoTracking().Select(r => new { r.Id, r.Status }).SingleOrDefaultAsync(cancellationToken);
        if (stored is null)
        {
            return WriteConflict.Unknown;
        }

        var key = stored.Id.ToString(CultureInfo.InvariantCulture);
        var entry = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(ProgressReport) && a.EntityId == key)
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Select(a => new { a.UserName, a.OccurredAt })
            .FirstOrDefaultAsync(cancellationToken);
        return entry is null ? new WriteConflict(null, null, stored.Status) : new WriteConflict(entry.UserName, entry.OccurredAt, stored.Status);
    }
}

/// <summary>How a write meets a report its unit has not started.</summary>
public enum ReportStart
{
    /// <summary>Not found: the write acts on a report that exists (a review, a decision, a delete).</summary>
    Never,

    /// <summary>The write starts it, stored with the write's own change (a first save).</summary>
    WithTheWrite,

    /// <summary>The write starts it and stores it before the decision, which needs its id (a first evidence upload).</summary>
    BeforeTheDecision,
}

/// <summary>What the domain decides on: the report (locked, tracked), where it belongs, whether this write started it, who and when.</summary>
public sealed record ReportDecision(ProgressReport Report, ReportContext Context, bool IsNew, string? Actor, DateTimeOffset Now);

/// <summary>One write to a report: what the pipeline checks before the domain decides, and the decision.</summary>
/// <param name="Action">What the write does, for the conflict log: save, submit, upload, review, approve, …</param>
/// <param name="Decide">The domain's decision on the report; anything but done stores nothing.</param>
public sealed record ReportWrite(string Action, Func<ReportDecision, CancellationToken, Task<WriteResult>> Decide)
{
    /// <summary>
    /// The unit changes what the report holds (content, evidence): a period that does not admit the unit refuses the
    /// write before the version is looked at (<see cref="ProgressReport.EditabilityIn"/>).
    /// </summary>
    public bool ByUnit { get; init; }

    /// <summary>Whether the row version the page was drawn from is checked (<see cref="ReadVersion"/>; null: drawn before the report existed).</summary>
    public bool ChecksVersion { get; init; }

    public uint? ReadVersion { get; init; }

    public ReportStart Start { get; init; }

    /// <summary>A workflow step on an existing report, drawn from <paramref name="readVersion"/>: the domain's outcome is the answer.</summary>
    public static ReportWrite Step(string action, uint? readVersion, Func<ReportDecision, ReportOutcome> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new ReportWrite(action, (decision, _) => Task.FromResult(Answer(step(decision)))) { ChecksVersion = true, ReadVersion = readVersion };
    }

    /// <summary>The domain's outcome as a write's answer: done, or refused with its code and arguments.</summary>
    public static WriteResult Answer(ReportOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Refusal is { } refusal ? WriteResult.Refused(refusal) : WriteResult.Done;
    }
}
