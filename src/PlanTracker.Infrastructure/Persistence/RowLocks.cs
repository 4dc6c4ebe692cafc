using Microsoft.EntityFrameworkCore;

namespace PlanTracker.Infrastructure.Persistence;

/// <summary>
/// Row locks (<c>SELECT … FOR UPDATE</c>) that make concurrent writers of the same rows take turns. Each is held until
/// the caller's transaction ends, so call them inside one.
/// </summary>
public static class RowLocks
{
    /// <summary>Locks the plan's row: two writers of the plan's periods take turns, the second sees the first one's rows.</summary>
    public static async Task LockPlanAsync(this AppDbContext db, int planId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlAsync($"SELECT id FROM plans WHERE id = {planId} FOR UPDATE", cancellationToken);
    }

    /// <summary>Locks the tasks' rows in id order (two writers never wait on each other in a circle); none for no ids.</summary>
    public static async Task LockTasksAsync(this AppDbContext db, IReadOnlyCollection<int> taskIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(taskIds);
        if (taskIds.Count > 0)
        {
            var ids = taskIds.Order().ToArray();
            await db.Database.ExecuteSqlAsync($"SELECT id FROM plan_nodes WHERE id = ANY({ids}) ORDER BY id FOR UPDATE", cancellationToken);
        }
    }
}
