using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PlanTracker.Infrastructure.Identity;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Account;

/// <summary>
/// Checks a password and signs in. Every failure looks the same from outside — unknown name, wrong password,
/// locked out or disabled — and takes as long, so the form tells nobody which accounts exist.
/// <para>
/// The lockout count is kept by PostgreSQL, not by the instance that happens to answer: every attempt is counted in one
/// atomic UPDATE <em>before</em> its password is checked, and an attempt the database does not let through (the account
/// is locked) never has its password checked. Identity's own counting reads the user, adds one and writes it back; with
/// several attempts at once (on one instance or on several behind a load balancer) those writes overwrote each other,
/// so ten wrong passwords sent together left the account unlocked and the right password got in afterwards
/// (tests/PlanTracker.Integration.Tests/Reliability/TwoInstancesTests.cs).
/// </para>
/// </summary>
public sealed class SignInService(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    IPasswordHasher<AppUser> hasher,
    AppDbContext db,
    IOptions<IdentityOptions> identityOptions,
    TimeProvider clock)
{
    // A real hash to verify against when the name is unknown, so that path costs what a wrong password costs.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    public async Task<bool> SignInAsync(string userName, string password)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            hasher.VerifyHashedPassword(new AppUser(), DecoyHash.Value, password);
            return false;
        }

        if (!await CountAttemptAsync(user.Id))
        {
            // Locked: the password is not checked, but the hash is still computed, so this answer takes as long as any.
            hasher.VerifyHashedPassword(new AppUser(), DecoyHash.Value, password);
            return false;
        }

        if (!await users.CheckPasswordAsync(user, password) || user.IsDisabled)
        {
            return false;
        }

        await db.ClearAccountAttemptsAsync(user.Id);

        // The moment of sign-in travels in the cookie: sessions end after the absolute timeout, however active.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(CurrentUser.SignedInAtClaim, clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture))]);
        return true;
    }

    /// <summary>
    /// Counts one sign-in attempt against the account, atomically: false (nothing counted) while the account is locked.
    /// The attempt that reaches the limit locks the account (and starts the count again) before its own password is checked;
    /// if that password is right, <see cref="SignInAsync"/> lifts the lock again. So however many attempts arrive at once,
    /// on however many instances, at most the limit of passwords is ever checked per lockout period.
    /// </summary>
    private Task<bool> CountAttemptAsync(string userId)
    {
        var lockout = identityOptions.Value.Lockout;
        var now = clock.GetUtcNow();
        var until = now + lockout.DefaultLockoutTimeSpan;
        var limit = lockout.MaxFailedAccessAttempts;
        return db.CountAccountAttemptAsync(userId, limit, until, now);
    }

    /// <summary>Signs out here and, by renewing the security stamp, ends this account's sessions everywhere.</summary>
    public async Task SignOutAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (await users.GetUserAsync(principal) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
    }
}
