using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanTracker.Infrastructure.Identity;

namespace PlanTracker.Infrastructure.Persistence.Configurations;

internal sealed class SignInAttemptWindowConfiguration : IEntityTypeConfiguration<SignInAttemptWindow>
{
    public void Configure(EntityTypeBuilder<SignInAttemptWindow> builder)
    {
        // An IPv6 address in text is at most 45 characters; "unknown" when the server saw none.
        builder.Property(w => w.Address).HasMaxLength(64);
        builder.HasKey(w => w.Address);

        // Addresses whose minute is long over are deleted: found by the minute's start.
        builder.HasIndex(w => w.WindowStart);
    }
}
