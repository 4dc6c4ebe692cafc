using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Domain.Units;

namespace PlanTracker.Infrastructure.Persistence.Configurations;

internal sealed class ProgressReportConfiguration : IEntityTypeConfiguration<ProgressReport>
{
    public void Configure(EntityTypeBuilder<ProgressReport> builder)
    {
        builder.Property(r => r.RowVersion).IsRowVersion();
        builder.HasOne<ReportingPeriod>().WithMany().HasForeignKey(r => r.PeriodId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PlanNode>().WithMany().HasForeignKey(r => r.TaskId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.ProgressReportId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Events).HasField("_events");
        builder.HasMany(r => r.Versions).WithOne().HasForeignKey(v => v.ProgressReportId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Versions).HasField("_versions");

        // Money by source and milestones belong to the report and are read with it: JSON columns, not side tables.
        // They stay queryable (jsonb) for the money totals of the evaluation report.
        builder.ComplexCollection(r => r.InvestmentSources, b => b.ToJson());
        builder.ComplexCollection(r => r.Milestones, b => b.ToJson());
        builder.Property(r => r.ProgressText).HasMaxLength(ReportLimits.MaxNarrativeLength);
        builder.Property(r => r.Achievements).HasMaxLength(ReportLimits.MaxNarrativeLength);
        builder.Property(r => r.Problems).HasMaxLength(ReportLimits.MaxNarrativeLength);
        builder.Property(r => r.NextSteps).HasMaxLength(ReportLimits.MaxNarrativeLength);

        // The task's stable key is copied from the node by the trigger trg_progress_reports_task_key, on insert and
        // whenever the report moves to another version's node; EF reads it back and never writes it.
        builder.Property(r => r.TaskKey).ValueGeneratedOnAddOrUpdate();
        builder.Property(r => r.TaskKey).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);

        // One report per task (by its stable key, so across plan versions), unit and period; the unit's inbox and the
        // completeness matrix read by these keys.
        builder.HasIndex(r => new { r.PeriodId, r.TaskKey, r.UnitId }).IsUnique();
        builder.HasIndex(r => new { r.UnitId, r.PeriodId });

        // The inbox lists a unit's reopened reports of closed periods and counts what waits for its reviewer there. Few
        // reports are ever reopened, but a unit has tens of thousands over a plan's years: without this partial index
        // each inbox read every one of them (57,000 heap pages a unit at the national volume, 13 s p95 under load).
        builder.HasIndex(r => r.UnitId).HasDatabaseName("ix_progress_reports_unit_id_reopened").HasFilter("is_reopened");

        // A task's page reads every unit's reports over the periods; the progress rollup re-reads one task and unit.
        builder.HasIndex(r => new { r.TaskKey, r.UnitId });
        builder.HasIndex(r => r.TaskId);
        builder.ToTable(t => t.HasCheckConstraint("ck_progress_reports_percent", "percent_complete IS NULL OR (percent_complete >= 0 AND percent_complete <= 100)"));
    }
}
