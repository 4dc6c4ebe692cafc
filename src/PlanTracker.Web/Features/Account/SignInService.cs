using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using PlanTracker.Infrastructure.Identity;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Account;

/// <summary>
/// Checks a password and signs in. Every failure looks the same from outside — unknown name, wrong password,
/// locked out or disabled — and takes as long, so the form tells nobody which accounts exist.
/// </summary>
public sealed class SignInService(UserManager<AppUser> users, SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher, TimeProvider clock)
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

        // Identity answers a locked account without hashing: that quick "no" would tell a guesser the name exists and
        // is locked. Pay for one hash here too, so a locked account costs what an unknown name or a wrong password does.
        if (await users.IsLockedOutAsync(user))
        {
            hasher.VerifyHashedPassword(user, DecoyHash.Value, password);
            return false;
        }

        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!check.Succeeded || user.IsDisabled)
        {
            return false;
        }

        // The moment of sign-in travels in the cookie: sessions end after the absolute timeout, however active.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(CurrentUser.SignedInAtClaim, clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture))]);
        return true;
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
