using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanTracker.Domain.Indicators;

namespace PlanTracker.Infrastructure.Persistence.Configurations;

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        builder.Property(i => i.Name).HasMaxLength(300);
        builder.Property(i => i.Category).HasMaxLength(100);
        builder.Property(i => i.Unit).HasMaxLength(40);
        builder.Property(i => i.BaselineNote).HasMaxLength(IndicatorRules.MaxNoteLength);
        builder.Property(i => i.RowVersion).IsRowVersion();
        builder.ComplexProperty(i => i.Target, target => ConfigureStatedValue(target, "target"));
        builder.ComplexProperty(i => i.Baseline!, baseline => ConfigureStatedValue(baseline, "baseline"));
        builder.HasIndex(i => new { i.PlanVersionId, i.Key }).IsUnique();
        builder.HasMany(i => i.Links).WithOne(l => l.Indicator).HasForeignKey(l => l.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Links).HasField("_links");
        builder.ToTable(t => t.HasCheckConstraint("ck_indicators_years", "target_year IS NULL OR baseline_year IS NULL OR target_year >= baseline_year"));
    }

    private static void ConfigureStatedValue(ComplexPropertyBuilder<StatedValue> value, string prefix)
    {
        value.Property(v => v.Text).HasColumnName($"{prefix}_text").HasMaxLength(200);
        value.Property(v => v.Comparison).HasColumnName($"{prefix}_comparison");
        value.Property(v => v.Lower).HasColumnName($"{prefix}_lower");
        value.Property(v => v.Upper).HasColumnName($"{prefix}_upper");
    }
}
