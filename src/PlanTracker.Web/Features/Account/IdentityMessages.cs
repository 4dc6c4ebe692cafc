using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace PlanTracker.Web.Features.Account;

/// <summary>Identity's error codes in the reader's language (Identity's own descriptions are English only).</summary>
public static class IdentityMessages
{
    public static string Describe(IdentityError error, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(localizer);
        var text = localizer["Identity." + error.Code];
        return text.ResourceNotFound ? localizer["Identity.Other"] : text;
    }
}
