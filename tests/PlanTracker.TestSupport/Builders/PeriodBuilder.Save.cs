using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.TestSupport.Builders;

public sealed partial class PeriodBuilder
{
    /// <summary>Builds the period and saves it (with whatever else <paramref name="db"/> has pending).</summary>
    public async Task<ReportingPeriod> SaveAsync(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var period = Build();
        db.ReportingPeriods.Add(period);
        await db.SaveChangesAsync();
        return period;
    }

    /// <summary>Builds the period and saves it through a context of its own.</summary>
    public async Task<ReportingPeriod> SaveAsync(string connectionString)
    {
        await using var db = AppDbContextOptions.Create(connectionString);
        return await SaveAsync(db);
    }
}
