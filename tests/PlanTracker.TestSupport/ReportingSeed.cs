using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.TestSupport;

/// <summary>Rows the reporting tests start from, written straight through the database context.</summary>
public static class ReportingSeed
{
    /// <summary>
    /// An open annual period of the plan of the task number <paramref name="taskIndex"/> (in document order), and that
    /// task assigned to the unit with <paramref name="unitCode"/> as lead. The periods feature opens periods through its
    /// pages; here the status is set directly so a test starts from an open one.
    /// </summary>
    public static async Task<(int Period, int Task)> OpenAnnualPeriodWithLeadAsync(string connectionString, int year, int taskIndex, string unitCode)
    {
        await using var db = AppDbContextOptions.Create(connectionString);
        var task = await db.PlanNodes.Where(n => n.Kind == NodeKind.Task).OrderBy(n => n.Position).Skip(taskIndex).FirstAsync();
        var planId = await db.PlanVersions.Where(v => v.Id == task.PlanVersionId).Select(v => v.PlanId).SingleAsync();
        var unit = await db.Units.SingleAsync(u => u.Code == unitCode);
        var period = new ReportingPeriod(planId, PeriodKind.Annual, year, 1, $"{year}年度", new(year, 1, 1), new(year, 12, 31), new(year + 1, 1, 1), new(year + 1, 1, 31), new(year + 1, 2, 28));
        db.ReportingPeriods.Add(period);
        db.Entry(period).Property(p => p.Status).CurrentValue = PeriodStatus.Open;
        db.TaskAssignments.Add(new TaskAssignment(task, unit, AssignmentRole.Lead, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        return (period.Id, task.Id);
    }
}
