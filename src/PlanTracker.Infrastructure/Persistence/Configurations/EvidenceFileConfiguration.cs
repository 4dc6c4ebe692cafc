using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanTracker.Domain.Reporting;
using PlanTracker.Domain.Units;

namespace PlanTracker.Infrastructure.Persistence.Configurations;

/// <summary>
/// <c>evidence_files</c>: the bytes live in PostgreSQL beside the report (one transaction with it, in every backup,
/// shared by every app instance); the files are small (10 MB each, 50 MB a report), so bytea carries them well.
/// </summary>
internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> builder)
    {
        builder.Property(e => e.FileName).HasMaxLength(FileSignature.MaxNameLength);
        builder.Property(e => e.ContentType).HasMaxLength(100);
        builder.Property(e => e.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(e => e.Content).HasColumnType("bytea");
        builder.Property(e => e.UploadedBy).HasMaxLength(200);
        builder.HasOne<ProgressReport>().WithMany().HasForeignKey(e => e.ProgressReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(e => e.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => e.ProgressReportId);
        builder.HasIndex(e => e.UnitId);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_evidence_files_size", $"size_bytes > 0 AND size_bytes <= {EvidenceLimits.MaxFileBytes}");
            t.HasCheckConstraint("ck_evidence_files_sha256", "sha256 ~ '^[0-9a-f]{64}$'");
        });
    }
}
