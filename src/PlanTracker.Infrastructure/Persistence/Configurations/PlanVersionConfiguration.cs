using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanTracker.Domain.Plans;

namespace PlanTracker.Infrastructure.Persistence.Configurations;

internal sealed class PlanVersionConfiguration : IEntityTypeConfiguration<PlanVersion>
{
    public void Configure(EntityTypeBuilder<PlanVersion> builder)
    {
        builder.Property(v => v.SourceSha256).HasMaxLength(64).IsFixedLength();
        builder.Property(v => v.Note).HasMaxLength(500);
        builder.Property(v => v.RowVersion).IsRowVersion();
        builder.HasIndex(v => new { v.PlanId, v.Number }).IsUnique();
        builder.HasIndex(v => v.SourceSha256);
        builder.HasMany(v => v.Nodes).WithOne().HasForeignKey(n => n.PlanVersionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(v => v.Nodes).HasField("_nodes");
        builder.HasMany(v => v.Indicators).WithOne().HasForeignKey(i => i.PlanVersionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(v => v.Indicators).HasField("_indicators");
    }
}
