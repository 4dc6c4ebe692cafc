using Microsoft.EntityFrameworkCore;

namespace PlanTracker.Infrastructure.Persistence;

/// <summary>
/// The row locks a report's write takes, always in this order (period, then report), inside the write's transaction;
/// the portal's report write pipeline (Web, Features/Progress/ReportWritePipeline) is the one caller for reports.
/// See docs/reliability.md, "Concurrency", for the races they settle.
/// </summary>
public static class ReportLocks
{
    /// <summary>
    /// Takes the period's row in share mode: closing or extending the period (an update of that row) waits for the
    /// unit writes in flight, and a write that starts while the period is being closed reads it closed once the close
    /// commits. No save is stored after the close that should have locked it.
    /// </summary>
    public static async Task PeriodAsync(AppDbContext db, int periodId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlAsync($"SELECT id FROM reporting_periods WHERE id = {periodId} FOR SHARE", cancellationToken);
    }

    /// <summary>
    /// Locks the unit's report (if it exists) before it is read: a submit and an evidence upload, or two saves, take
    /// turns, and each decides on the report as the other left it (a submission's version lists exactly the files
    /// the report held when it was sent).
    /// </summary>
    public static async Task ReportAsync(AppDbContext db, int periodId, int taskId, int unitId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlAsync($"SELECT r.id FROM progress_reports r JOIN plan_nodes n ON n.key = r.task_key WHERE n.id = {taskId} AND r.period_id = {periodId} AND r.unit_id = {unitId} FOR UPDATE OF r", cancellationToken);
    }

    /// <summary>
    /// Locks every report of the unit in the period, in id order (the Excel upload writes them all): a save on the web
    /// and the upload take turns instead of one failing on the other's row version at the end.
    /// </summary>
    public static async Task UnitReportsAsync(AppDbContext db, int periodId, int unitId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlAsync($"SELECT id FROM progress_reports WHERE period_id = {periodId} AND unit_id = {unitId} ORDER BY id FOR UPDATE", cancellationToken);
    }
}
