using PlanTracker.Infrastructure.Identity;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Web.Features.Account;

/// <summary>
/// At most <see cref="PermitsPerMinute"/> sign-in attempts a minute from one client address, counted in PostgreSQL: every
/// instance behind the load balancer spends the same allowance (an in-memory limiter would give each instance its own,
/// so N instances would let an address try N times as often). The account lockout (<see cref="SignInService"/>) bounds
/// guesses per account; this bounds one address spraying many accounts.
/// </summary>
public sealed class SignInRateLimit(AppDbContext db, IConfiguration configuration)
{
    /// <summary>Production allows 10; the tests raise it (every test signs in), except those that measure it.</summary>
    public int PermitsPerMinute => configuration.GetValue("Security:SignInPermitsPerMinute", 10);

    /// <summary>Counts one attempt from <paramref name="address"/>; false when the address has used up this minute.</summary>
    public async Task<bool> TryCountAsync(string address, CancellationToken cancellationToken)
    {
        // One statement: concurrent attempts on any instance each get their own count, none is lost.
        var attempts = await db.CountAddressAttemptAsync(address, cancellationToken);
        return attempts <= PermitsPerMinute;
    }
}
