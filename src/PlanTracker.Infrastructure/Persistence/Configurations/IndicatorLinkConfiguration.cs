using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanTracker.Domain.Indicators;

namespace PlanTracker.Infrastructure.Persistence.Configurations;

internal sealed class IndicatorLinkConfiguration : IEntityTypeConfiguration<IndicatorLink>
{
    public void Configure(EntityTypeBuilder<IndicatorLink> builder)
    {
        builder.HasKey(l => new { l.IndicatorId, l.PlanNodeId });
        builder.HasOne(l => l.Node).WithMany().HasForeignKey(l => l.PlanNodeId).OnDelete(DeleteBehavior.Cascade);
    }
}
