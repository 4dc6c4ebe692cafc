using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.TestSupport.Builders;

public sealed partial class PlanBuilder
{
    /// <summary>
    /// Builds the plan and saves it with its assignments (the units found by code), in one save with whatever else
    /// <paramref name="db"/> has pending.
    /// </summary>
    public async Task<Plan> SaveAsync(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var plan = Build();
        db.Plans.Add(plan);
        var tasks = plan.Versions.SelectMany(v => v.Nodes).Where(n => n.Kind == NodeKind.Task).ToList();
        foreach (var (title, unitCode, role) in _assignments)
        {
            var task = tasks.SingleOrDefault(t => t.Title == title) ?? throw new InvalidOperationException($"The plan has no task (or more than one) titled {title}.");
            var unit = await db.Units.SingleOrDefaultAsync(u => u.Code == unitCode) ?? throw new InvalidOperationException($"No unit with code {unitCode}.");
            db.TaskAssignments.Add(new TaskAssignment(task, unit, role, _at));
        }

        await db.SaveChangesAsync();
        return plan;
    }

    /// <summary>The same through a context of its own.</summary>
    public async Task<Plan> SaveAsync(string connectionString)
    {
        await using var db = AppDbContextOptions.Create(connectionString);
        return await SaveAsync(db);
    }
}
