using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.TestSupport.Builders;

namespace PlanTracker.TestSupport;

/// <summary>Rows the reporting tests start from, written straight through the database context.</summary>
public static class ReportingSeed
{
    /// <summary>
    /// An open annual period of the plan of the task number <paramref name="taskIndex"/> (in document order), and that
    /// task assigned to the unit with <paramref name="unitCode"/> as lead. The periods feature opens periods through its
    /// pages; here the period is opened on its own open day so a test starts from an open one.
    /// </summary>
    public static async Task<(int Period, int Task)> OpenAnnualPeriodWithLeadAsync(string connectionString, int year, int taskIndex, string unitCode)
    {
        await using var db = AppDbContextOptions.Create(connectionString);
        var task = await db.PlanNodes.Where(n => n.Kind == NodeKind.Task).OrderBy(n => n.Position).Skip(taskIndex).FirstAsync();
        var planId = await db.PlanVersions.Where(v => v.Id == task.PlanVersionId).Select(v => v.PlanId).SingleAsync();
        var unit = await db.Units.SingleAsync(u => u.Code == unitCode);
        db.TaskAssignments.Add(new TaskAssignment(task, unit, AssignmentRole.Lead, DateTimeOffset.UtcNow));
        var period = await new PeriodBuilder().OfPlan(planId).Annual(year).Open().SaveAsync(db);
        return (period.Id, task.Id);
    }
}
