using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Infrastructure.Figures;

/// <summary>
/// The reports a period owes: every assignment of the plan's current version with the unit's report of the period for
/// that task, matched by the task's stable key (so a report written against an earlier version still counts; an
/// adjustment never makes a filed report look unfiled). The unit's inbox, the completeness matrix, a unit's drill-down
/// and the overdue list all count from here, so they agree.
/// </summary>
public static class PeriodReports
{
    public static IQueryable<AssignedReport> AssignedReports(this AppDbContext db, int planId, int periodId) =>
        db.AssignedReports(db.ReportingPeriods.Where(p => p.Id == periodId && p.PlanId == planId));

    /// <summary>The same for several periods at once (each of its own plan), for counts grouped by period.</summary>
    public static IQueryable<AssignedReport> AssignedReports(this AppDbContext db, IQueryable<ReportingPeriod> periods) =>
        from p in periods
        join v in db.CurrentVersions() on p.PlanId equals v.PlanId
        join n in db.PlanNodes on v.Id equals n.PlanVersionId
        join a in db.TaskAssignments on n.Id equals a.TaskId
        where n.Kind == NodeKind.Task
        from r in db.ProgressReports.Where(r => r.PeriodId == p.Id && r.TaskKey == n.Key && r.UnitId == a.UnitId).DefaultIfEmpty()
        select new AssignedReport { PeriodId = p.Id, Assignment = a, Task = n, Report = r };

    /// <summary>The unit's report of a period for a task of any version, found by the task's stable key.</summary>
    public static IQueryable<ProgressReport> ReportOf(this AppDbContext db, int periodId, int taskId, int unitId) =>
        db.ProgressReports.Where(r => r.PeriodId == periodId && r.UnitId == unitId && db.PlanNodes.Any(n => n.Id == taskId && n.Key == r.TaskKey));
}

/// <summary>An assignment of the current version, its task, and the unit's report of the period (null: not started).</summary>
public sealed class AssignedReport
{
    public required int PeriodId { get; init; }

    public required TaskAssignment Assignment { get; init; }

    public required PlanNode Task { get; init; }

    public ProgressReport? Report { get; init; }
}
