using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.TestSupport.Builders;

public sealed partial class ReportBuilder
{
    /// <summary>
    /// Reads the period and task given by id, builds the report and saves it (with whatever else <paramref name="db"/>
    /// has pending).
    /// </summary>
    public async Task<ProgressReport> SaveAsync(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_periodId is { } periodId)
        {
            In(await db.ReportingPeriods.FindAsync(periodId) ?? throw new InvalidOperationException($"No reporting period {periodId}."));
        }

        if (_taskId is { } taskId)
        {
            OnTask(await db.PlanNodes.FindAsync(taskId) ?? throw new InvalidOperationException($"No plan node {taskId}."));
        }

        var report = Build();
        db.ProgressReports.Add(report);
        await db.SaveChangesAsync();
        return report;
    }

    /// <summary>The same through a context of its own.</summary>
    public async Task<ProgressReport> SaveAsync(string connectionString)
    {
        await using var db = AppDbContextOptions.Create(connectionString);
        return await SaveAsync(db);
    }
}
