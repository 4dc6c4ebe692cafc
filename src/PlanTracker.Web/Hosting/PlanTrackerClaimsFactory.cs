using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PlanTracker.Infrastructure.Identity;

namespace PlanTracker.Web.Hosting;

/// <summary>Puts the user's unit and display name into the sign-in cookie, so scoping needs no lookup per request.</summary>
public sealed class PlanTrackerClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.UnitId is int unitId)
        {
            identity.AddClaim(new Claim(CurrentUser.UnitClaim, unitId.ToString(CultureInfo.InvariantCulture)));
        }

        identity.AddClaim(new Claim(CurrentUser.DisplayNameClaim, string.IsNullOrEmpty(user.DisplayName) ? user.UserName ?? string.Empty : user.DisplayName));
        return identity;
    }
}
