using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Web.Hosting;

/// <summary>
/// Checks a session cookie at every request with one indexed query: the account still exists, is not disabled, and
/// its security stamp is the one the cookie was issued with (a password reset, a role change, "sign out everywhere"
/// or disabling the account changes it), and the session is younger than its absolute limit. The identity's
/// own validator would reload the user, its roles and claims and re-issue the cookie at every request (ten statements);
/// here the roles in the cookie stand until the stamp moves, which ends the session instead.
/// </summary>
internal static class SessionCheck
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal is null)
        {
            return;
        }

        if (context.HttpContext.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            // The error page, re-executed through the pipeline after a failure: it shows no one's data, and the failure
            // may be the database's (down or stuck) — asking it again here failed the error page too, so a signed-in
            // person got a stack trace or a blank 500 instead of the Chinese 503 page (docs/reliability.md, "Faults").
            // The principal is dropped for this re-execution only; the cookie stays.
            context.RejectPrincipal();
            return;
        }

        var identityOptions = context.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value;
        var userId = principal.FindFirstValue(identityOptions.ClaimsIdentity.UserIdClaimType);
        var stamp = principal.FindFirstValue(identityOptions.ClaimsIdentity.SecurityStampClaimType);
        var signedInAt = principal.FindFirst(CurrentUser.SignedInAtClaim)?.Value;
        var fresh = DateTimeOffset.TryParse(signedInAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            && DateTimeOffset.UtcNow - at <= AccessSetup.AbsoluteTimeout;

        var valid = false;
        if (fresh && userId is not null && stamp is not null)
        {
            var db = context.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
            var account = await db.Users.AsNoTracking()
                .Where(u => u.Id == userId)
                .Select(u => new { u.SecurityStamp, u.IsDisabled })
                .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
            valid = account is not null && !account.IsDisabled && string.Equals(account.SecurityStamp, stamp, StringComparison.Ordinal);
        }

        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}
