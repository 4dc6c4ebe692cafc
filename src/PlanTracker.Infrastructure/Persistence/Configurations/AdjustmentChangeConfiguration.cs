using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanTracker.Domain.Adjustments;

namespace PlanTracker.Infrastructure.Persistence.Configurations;

internal sealed class AdjustmentChangeConfiguration : IEntityTypeConfiguration<AdjustmentChange>
{
    public void Configure(EntityTypeBuilder<AdjustmentChange> builder)
    {
        builder.Property(c => c.PayloadJson).HasColumnName("payload").HasColumnType("jsonb");
        builder.HasIndex(c => new { c.AdjustmentId, c.Ordinal }).IsUnique();
    }
}
