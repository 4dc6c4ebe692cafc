using Microsoft.EntityFrameworkCore;
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
        // One statement: concurrent attempts on any instance each get their own count, none is lost. An address's minute
        // starts at its first attempt, as with ASP.NET Core's fixed-window rate limiter.
        var attempts = (await db.Database.SqlQuery<int>($"""
                INSERT INTO sign_in_attempt_windows AS w (address, window_start, attempts)
                VALUES ({address}, now(), 1)
                ON CONFLICT (address) DO UPDATE SET
                    attempts = CASE WHEN w.window_start <= now() - interval '1 minute' THEN 1 ELSE w.attempts + 1 END,
                    window_start = CASE WHEN w.window_start <= now() - interval '1 minute' THEN now() ELSE w.window_start END
                RETURNING attempts AS "Value"
                """).ToListAsync(cancellationToken)).Single();
        if (attempts == 1)
        {
            // The first attempt of an address's minute clears the addresses whose minute is long over: the table stays small.
            await db.Database.ExecuteSqlAsync($"DELETE FROM sign_in_attempt_windows WHERE window_start < now() - interval '5 minutes'", cancellationToken);
        }

        return attempts <= PermitsPerMinute;
    }
}
