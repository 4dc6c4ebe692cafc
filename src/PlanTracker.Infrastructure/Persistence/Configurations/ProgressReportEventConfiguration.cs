using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanTracker.Domain.Reporting;

namespace PlanTracker.Infrastructure.Persistence.Configurations;

internal sealed class ProgressReportEventConfiguration : IEntityTypeConfiguration<ProgressReportEvent>
{
    public void Configure(EntityTypeBuilder<ProgressReportEvent> builder)
    {
        builder.Property(e => e.Actor).HasMaxLength(200);
        builder.Property(e => e.Comment).HasMaxLength(4000);
        builder.HasIndex(e => new { e.ProgressReportId, e.At });
    }
}
