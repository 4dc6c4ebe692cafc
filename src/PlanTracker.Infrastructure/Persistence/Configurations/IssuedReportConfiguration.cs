using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanTracker.Domain.Evaluation;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Units;

namespace PlanTracker.Infrastructure.Persistence.Configurations;

internal sealed class IssuedReportConfiguration : IEntityTypeConfiguration<IssuedReport>
{
    public void Configure(EntityTypeBuilder<IssuedReport> builder)
    {
        builder.Property(r => r.Kind).HasMaxLength(20);
        builder.Property(r => r.Title).HasMaxLength(300);
        builder.Property(r => r.FiguresJson).HasColumnType("jsonb");
        builder.Property(r => r.DocxSha256).HasMaxLength(64).IsFixedLength();
        builder.Property(r => r.IssuedBy).HasMaxLength(200);
        builder.HasOne<Plan>().WithMany().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);

        // One issued report per plan, kind, window and unit (the whole plan's report has no unit).
        builder.HasIndex(r => new { r.PlanId, r.Kind, r.From, r.To, r.UnitId }).IsUnique().AreNullsDistinct(false);
    }
}
