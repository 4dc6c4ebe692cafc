using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanTracker.Domain.Assignments;

namespace PlanTracker.Infrastructure.Persistence.Configurations;

internal sealed class TaskAssignmentConfiguration : IEntityTypeConfiguration<TaskAssignment>
{
    public void Configure(EntityTypeBuilder<TaskAssignment> builder)
    {
        builder.HasOne(a => a.Task).WithMany().HasForeignKey(a => a.TaskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Unit).WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);

        // A unit holds one role on a task; a unit's page lists its assignments.
        builder.HasIndex(a => new { a.TaskId, a.UnitId }).IsUnique();
        builder.HasIndex(a => a.UnitId);
    }
}
