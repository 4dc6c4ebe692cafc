using Microsoft.EntityFrameworkCore;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Infrastructure.Identity;

/// <summary>
/// Sign-in attempts counted by PostgreSQL, each in one atomic statement, so that every instance behind the load balancer
/// counts the same attempts and concurrent attempts never overwrite each other's count.
/// </summary>
public static class SignInCounts
{
    /// <summary>
    /// Counts one attempt from <paramref name="address"/> and returns how many its current minute holds (this one
    /// included). An address's minute starts at its first attempt, as with ASP.NET Core's fixed-window rate limiter; that
    /// first attempt also clears the addresses whose minute is long over, so the table stays small.
    /// </summary>
    public static async Task<int> CountAddressAttemptAsync(this AppDbContext db, string address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
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
            await db.Database.ExecuteSqlAsync($"DELETE FROM sign_in_attempt_windows WHERE window_start < now() - interval '5 minutes'", cancellationToken);
        }

        return attempts;
    }

    /// <summary>
    /// Counts one attempt against the account; false (nothing counted) while the account is locked. The attempt that
    /// reaches <paramref name="limit"/> locks the account until <paramref name="lockedUntil"/> and starts the count again.
    /// An account without lockout is never locked.
    /// </summary>
    public static async Task<bool> CountAccountAttemptAsync(this AppDbContext db, string userId, int limit, DateTimeOffset lockedUntil, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var counted = await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE users SET
                access_failed_count = CASE WHEN NOT lockout_enabled THEN access_failed_count
                                           WHEN access_failed_count + 1 >= {limit} THEN 0 ELSE access_failed_count + 1 END,
                lockout_end = CASE WHEN lockout_enabled AND access_failed_count + 1 >= {limit} THEN {lockedUntil} ELSE lockout_end END
            WHERE id = {userId} AND (NOT lockout_enabled OR lockout_end IS NULL OR lockout_end <= {now})
            """);
        return counted == 1;
    }

    /// <summary>Forgets the account's counted attempts and lifts its lock (after a right password).</summary>
    public static Task ClearAccountAttemptsAsync(this AppDbContext db, string userId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.ExecuteSqlInterpolatedAsync($"UPDATE users SET access_failed_count = 0, lockout_end = NULL WHERE id = {userId}");
    }
}
