using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Reporting;
using PlanTracker.Domain.Units;

namespace PlanTracker.Infrastructure.Persistence.Configurations;

internal sealed class IndicatorValueConfiguration : IEntityTypeConfiguration<IndicatorValue>
{
    public void Configure(EntityTypeBuilder<IndicatorValue> builder)
    {
        builder.Property(v => v.ValueText).HasMaxLength(IndicatorValueLimits.MaxValueTextLength);
        builder.Property(v => v.UnitOfMeasure).HasMaxLength(IndicatorValueLimits.MaxUnitOfMeasureLength);
        builder.Property(v => v.Source).HasMaxLength(IndicatorValueLimits.MaxSourceLength);
        builder.Property(v => v.Note).HasMaxLength(IndicatorValueLimits.MaxNoteLength);
        builder.Property(v => v.UpdatedBy).HasMaxLength(200);
        builder.Property(v => v.ReturnReason).HasMaxLength(4000);
        builder.Property(v => v.RowVersion).IsRowVersion();
        builder.HasOne<Indicator>().WithMany().HasForeignKey(v => v.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(v => v.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ReportingPeriod>().WithMany().HasForeignKey(v => v.PeriodId).OnDelete(DeleteBehavior.Restrict);

        // The indicator's stable key is copied from the indicator by the trigger trg_indicator_values_indicator_key.
        builder.Property(v => v.IndicatorKey).ValueGeneratedOnAddOrUpdate();
        builder.Property(v => v.IndicatorKey).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);

        // One value per indicator (by its stable key, so across plan versions), unit and period. The national figure
        // has no unit: NULLS NOT DISTINCT keeps it to one per indicator and period too.
        builder.HasIndex(v => new { v.IndicatorKey, v.UnitId, v.PeriodId }).IsUnique().AreNullsDistinct(false);
        builder.HasIndex(v => v.IndicatorId);
    }
}
