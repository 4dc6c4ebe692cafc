using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanTracker.Domain.Units;

namespace PlanTracker.Infrastructure.Persistence.Configurations;

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> builder)
    {
        builder.ToTable("units");
        builder.Property(u => u.Code).HasMaxLength(6).IsFixedLength();
        builder.Property(u => u.Name).HasMaxLength(100);
        builder.Property(u => u.NameEn).HasMaxLength(150);
        builder.Property(u => u.ContactName).HasMaxLength(100);
        builder.Property(u => u.ContactPhone).HasMaxLength(50);
        builder.Property(u => u.ContactEmail).HasMaxLength(200);
        builder.Property(u => u.RowVersion).IsRowVersion();
        builder.Ignore(u => u.ReportsProgress);
        builder.HasIndex(u => u.Code).IsUnique();
        builder.HasIndex(u => u.Name).IsUnique();
        builder.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
