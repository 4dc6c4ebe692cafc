using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;

namespace PlanTracker.Infrastructure.Persistence.Configurations;

internal sealed class ReportingPeriodConfiguration : IEntityTypeConfiguration<ReportingPeriod>
{
    public void Configure(EntityTypeBuilder<ReportingPeriod> builder)
    {
        builder.Property(p => p.Label).HasMaxLength(60);
        builder.Property(p => p.RowVersion).IsRowVersion();
        builder.HasOne<Plan>().WithMany().HasForeignKey(p => p.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.PlanId, p.Kind, p.Year, p.Sequence }).IsUnique();
        builder.ToTable(t => t.HasCheckConstraint("ck_reporting_periods_dates", "ends_on >= starts_on AND due_on >= opens_on AND closes_on >= due_on"));
    }
}
