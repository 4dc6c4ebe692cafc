using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
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
    private const string FailureKey = "PlanTracker.SessionCheck.Failure";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal is null)
        {
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
            try
            {
                var account = await db.Users.AsNoTracking()
                    .Where(u => u.Id == userId)
                    .Select(u => new { u.SecurityStamp, u.IsDisabled })
                    .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
                valid = account is not null && !account.IsDisabled && string.Equals(account.SecurityStamp, stamp, StringComparison.Ordinal);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database is down or stuck. Thrown from here, the failure would be cached with the request's
                // authentication result and thrown again when the error page is re-executed: a signed-in person would
                // get a bare 500 (a stack trace in Development) instead of the Chinese 503 page. So the request goes on
                // without a user for now (the cookie stays) and the failure is thrown just after authentication, by
                // RethrowFailureAsync, where the error page handles it (docs/reliability.md, "Faults").
                context.HttpContext.Items[FailureKey] = ExceptionDispatchInfo.Capture(exception);
                context.RejectPrincipal();
                return;
            }
        }

        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    /// <summary>
    /// Middleware right after authentication: throws the failure of the session check, if any, once — unless the
    /// endpoint allows anonymous access (/health/live, the stylesheet, the sign-in page), which then serves without
    /// the user: a liveness probe or a page's CSS does not fail because the database cannot say who is signed in.
    /// </summary>
    public static Task RethrowFailureAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.Items.Remove(FailureKey, out var failure) && failure is ExceptionDispatchInfo captured
            && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null)
        {
            captured.Throw();
        }

        return next(context);
    }
}
