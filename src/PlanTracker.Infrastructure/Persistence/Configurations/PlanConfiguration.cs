using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanTracker.Domain.Plans;

namespace PlanTracker.Infrastructure.Persistence.Configurations;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.Property(p => p.Title).HasMaxLength(300);
        builder.Property(p => p.DocumentNumber).HasMaxLength(100);
        builder.Property(p => p.Issuer).HasMaxLength(200);
        builder.Property(p => p.RowVersion).IsRowVersion();
        builder.HasIndex(p => p.DocumentNumber).IsUnique();
        builder.ComplexProperty(p => p.Thresholds, thresholds =>
        {
            thresholds.Property(t => t.AmberGapPoints).HasColumnName("threshold_amber_gap_points");
            thresholds.Property(t => t.RedGapPoints).HasColumnName("threshold_red_gap_points");
            thresholds.Property(t => t.OnScheduleBandPoints).HasColumnName("threshold_on_schedule_band_points");
            thresholds.Property(t => t.OverdueRedDays).HasColumnName("threshold_overdue_red_days");
            thresholds.Property(t => t.ReturnedRedDays).HasColumnName("threshold_returned_red_days");
        });
        builder.HasMany(p => p.Versions).WithOne(v => v.Plan).HasForeignKey(v => v.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Versions).HasField("_versions");
        builder.ToTable(t => t.HasCheckConstraint("ck_plans_period", "end_year IS NULL OR start_year IS NULL OR end_year >= start_year"));
    }
}
