using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanTracker.Domain.Reporting;

namespace PlanTracker.Infrastructure.Persistence.Configurations;

internal sealed class ProgressReportVersionConfiguration : IEntityTypeConfiguration<ProgressReportVersion>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<ProgressReportVersion> builder)
    {
        builder.Property(v => v.SubmittedBy).HasMaxLength(200);

        // A version is written once and read whole, never queried inside: one jsonb document of the snapshot.
        builder.Property(v => v.Content)
            .HasColumnType("jsonb")
            .HasConversion(
                snapshot => JsonSerializer.Serialize(snapshot, Json),
                json => JsonSerializer.Deserialize<ReportSnapshot>(json, Json)!,
                new ValueComparer<ReportSnapshot>((a, b) => ReferenceEquals(a, b), s => s.GetHashCode(), s => s));
        builder.HasIndex(v => new { v.ProgressReportId, v.Number }).IsUnique();
    }
}
