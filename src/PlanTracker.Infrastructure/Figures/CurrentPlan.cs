using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Infrastructure.Figures;

/// <summary>
/// A plan's current version is its highest version number: the draft before the plan is published, then the version
/// the latest approved adjustment made. Assignments, reports owed and the inbox apply to its tasks; what people reported
/// against earlier versions is matched to them by the task's stable key.
/// </summary>
public static class CurrentPlan
{
    public static IQueryable<PlanVersion> CurrentVersions(this AppDbContext db) =>
        db.PlanVersions.Where(v => v.Number == db.PlanVersions.Where(o => o.PlanId == v.PlanId).Max(o => o.Number));

    public static IQueryable<PlanNode> CurrentTasksOf(this AppDbContext db, int planId)
    {
        var versions = db.CurrentVersions().Where(v => v.PlanId == planId);
        return db.PlanNodes.Where(n => n.Kind == NodeKind.Task && versions.Any(v => v.Id == n.PlanVersionId));
    }

    /// <summary>The keys of every plan's current tasks: a report counts while its task is in the version in force.</summary>
    public static IQueryable<Guid> CurrentTaskKeys(this AppDbContext db) =>
        db.PlanNodes.Where(n => n.Kind == NodeKind.Task && db.CurrentVersions().Any(v => v.Id == n.PlanVersionId)).Select(n => n.Key);

    public static IQueryable<PlanNode> CurrentTask(this AppDbContext db, int taskId)
    {
        var versions = db.CurrentVersions();
        return db.PlanNodes.Where(n => n.Id == taskId && n.Kind == NodeKind.Task && versions.Any(v => v.Id == n.PlanVersionId));
    }
}
