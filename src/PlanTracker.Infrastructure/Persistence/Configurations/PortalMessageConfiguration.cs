using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanTracker.Domain.Messages;
using PlanTracker.Domain.Reporting;
using PlanTracker.Domain.Units;

namespace PlanTracker.Infrastructure.Persistence.Configurations;

internal sealed class PortalMessageConfiguration : IEntityTypeConfiguration<PortalMessage>
{
    public void Configure(EntityTypeBuilder<PortalMessage> builder)
    {
        builder.Property(m => m.Subject).HasMaxLength(PortalMessageLimits.MaxSubjectLength);
        builder.Property(m => m.Body).HasMaxLength(PortalMessageLimits.MaxBodyLength);
        builder.Property(m => m.SentBy).HasMaxLength(200);
        builder.Property(m => m.ReadBy).HasMaxLength(200);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(m => m.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ReportingPeriod>().WithMany().HasForeignKey(m => m.PeriodId).OnDelete(DeleteBehavior.Restrict);

        // A unit's inbox lists its messages newest first; the planner's list reads a period's reminders.
        builder.HasIndex(m => new { m.UnitId, m.SentAt });
        builder.HasIndex(m => new { m.PeriodId, m.Kind });
    }
}
