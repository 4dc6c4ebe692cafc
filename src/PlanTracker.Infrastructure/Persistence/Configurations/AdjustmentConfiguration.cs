using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Units;

namespace PlanTracker.Infrastructure.Persistence.Configurations;

internal sealed class AdjustmentConfiguration : IEntityTypeConfiguration<Adjustment>
{
    public void Configure(EntityTypeBuilder<Adjustment> builder)
    {
        builder.Property(a => a.Title).HasMaxLength(300);
        builder.Property(a => a.Reason).HasMaxLength(8000);
        builder.Property(a => a.ProposedBy).HasMaxLength(200);
        builder.Property(a => a.DecidedBy).HasMaxLength(200);
        builder.Property(a => a.DecisionComment).HasMaxLength(4000);
        builder.Property(a => a.RowVersion).IsRowVersion();
        builder.HasOne<Plan>().WithMany().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PlanVersion>().WithMany().HasForeignKey(a => a.BasedOnVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.ResultingVersion).WithMany().HasForeignKey(a => a.ResultingVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(a => a.ProposedByUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Changes).WithOne().HasForeignKey(c => c.AdjustmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Changes).HasField("_changes");
        builder.HasMany(a => a.Evidence).WithOne().HasForeignKey(e => e.AdjustmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Evidence).HasField("_evidence");
        builder.HasIndex(a => new { a.PlanId, a.Status });
    }
}
