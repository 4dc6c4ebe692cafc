using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Domain.Units;

namespace PlanTracker.Infrastructure.Persistence.Configurations;

internal sealed class EarlyWarningConfiguration : IEntityTypeConfiguration<EarlyWarning>
{
    public void Configure(EntityTypeBuilder<EarlyWarning> builder)
    {
        builder.Property(w => w.SubjectKey).HasMaxLength(EarlyWarningLimits.MaxSubjectKeyLength);
        builder.Property(w => w.Reason).HasMaxLength(EarlyWarningLimits.MaxReasonLength);
        builder.Property(w => w.Note).HasMaxLength(EarlyWarningLimits.MaxNoteLength);
        builder.Property(w => w.HandledBy).HasMaxLength(200);
        builder.Property(w => w.RowVersion).IsRowVersion();
        builder.HasOne<Plan>().WithMany().HasForeignKey(w => w.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PlanNode>().WithMany().HasForeignKey(w => w.TaskId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(w => w.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Indicator>().WithMany().HasForeignKey(w => w.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ProgressReport>().WithMany().HasForeignKey(w => w.EvidenceReportId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Adjustment>().WithMany().HasForeignKey(w => w.AdjustmentId).OnDelete(DeleteBehavior.Restrict);

        // The list reads a plan's warnings newest first, open ones on their own; a subject's history by its key.
        builder.HasIndex(w => new { w.PlanId, w.RaisedAt });
        builder.HasIndex(w => new { w.PlanId, w.State, w.RaisedAt });
        builder.HasIndex(w => new { w.PlanId, w.SubjectKey });
        builder.ToTable(t => t.HasCheckConstraint("ck_early_warnings_colour", $"colour IN ('{nameof(StatusColour.Amber)}', '{nameof(StatusColour.Red)}')"));
    }
}

internal sealed class MonitoredStatusConfiguration : IEntityTypeConfiguration<MonitoredStatus>
{
    public void Configure(EntityTypeBuilder<MonitoredStatus> builder)
    {
        builder.HasKey(s => new { s.PlanId, s.SubjectKey });
        builder.Property(s => s.SubjectKey).HasMaxLength(EarlyWarningLimits.MaxSubjectKeyLength);
        builder.HasOne<Plan>().WithMany().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}
