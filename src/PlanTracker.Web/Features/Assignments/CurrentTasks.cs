using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Web.Features.Assignments;

/// <summary>Assignments apply to the tasks of a plan's current version: its highest version number.</summary>
internal static class CurrentTasks
{
    public static IQueryable<PlanVersion> CurrentVersions(this AppDbContext db) =>
        db.PlanVersions.Where(v => v.Number == db.PlanVersions.Where(o => o.PlanId == v.PlanId).Max(o => o.Number));

    public static IQueryable<PlanNode> CurrentTasksOf(this AppDbContext db, int planId)
    {
        var versions = db.CurrentVersions().Where(v => v.PlanId == planId);
        return db.PlanNodes.Where(n => n.Kind == NodeKind.Task && versions.Any(v => v.Id == n.PlanVersionId));
    }

    public static IQueryable<PlanNode> CurrentTask(this AppDbContext db, int taskId)
    {
        var versions = db.CurrentVersions();
        return db.PlanNodes.Where(n => n.Id == taskId && n.Kind == NodeKind.Task && versions.Any(v => v.Id == n.PlanVersionId));
    }
}
