using Microsoft.EntityFrameworkCore.Design;

namespace PlanTracker.Infrastructure.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the model without a running database.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        AppDbContextOptions.Create(Environment.GetEnvironmentVariable("PLANTRACKER_DESIGN_CONNECTION") ?? "Host=127.0.0.1;Database=plantracker_design;Username=postgres");
}
