using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Reporting;

namespace PlanTracker.Infrastructure.Persistence.Configurations;

internal sealed class AdjustmentEvidenceConfiguration : IEntityTypeConfiguration<AdjustmentEvidence>
{
    public void Configure(EntityTypeBuilder<AdjustmentEvidence> builder)
    {
        builder.ToTable("adjustment_evidence", t =>
            t.HasCheckConstraint("ck_adjustment_evidence_one_target", "num_nonnulls(warning_id, progress_report_id, indicator_value_id) = 1"));

        // Evidence goes when what it points at goes (a draft report deleted); approved data is never deleted.
        builder.HasOne<EarlyWarning>().WithMany().HasForeignKey(e => e.WarningId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ProgressReport>().WithMany().HasForeignKey(e => e.ProgressReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<IndicatorValue>().WithMany().HasForeignKey(e => e.IndicatorValueId).OnDelete(DeleteBehavior.Cascade);
    }
}
