using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanTracker.Domain.Plans;

namespace PlanTracker.Infrastructure.Persistence.Configurations;

internal sealed class PlanNodeConfiguration : IEntityTypeConfiguration<PlanNode>
{
    public void Configure(EntityTypeBuilder<PlanNode> builder)
    {
        builder.Property(n => n.Number).HasMaxLength(40);
        builder.Property(n => n.Title).HasMaxLength(1000);
        builder.Property(n => n.RowVersion).IsRowVersion();
        builder.Ignore(n => n.Span);
        builder.HasOne(n => n.Parent).WithMany(n => n.Children).HasForeignKey(n => n.ParentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(n => n.Children).HasField("_children");

        // The outline is read in document order for one version at a time.
        builder.HasIndex(n => new { n.PlanVersionId, n.Position }).IsUnique();
        builder.HasIndex(n => new { n.PlanVersionId, n.Key }).IsUnique();
        builder.HasIndex(n => n.ParentId);

        // Monitoring follows a task across versions by its key (the progress rollup, a task's history).
        builder.HasIndex(n => n.Key);

        // Chinese has no word breaks, so search is substring search; trigram GIN indexes serve ILIKE '%…%'.
        builder.HasIndex(n => n.Title).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_plan_nodes_title_trgm");
        builder.HasIndex(n => n.Text).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_plan_nodes_text_trgm");
    }
}
