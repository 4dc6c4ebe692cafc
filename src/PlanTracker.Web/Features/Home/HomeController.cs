using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Home;

public sealed class HomeController : Controller
{
    [HttpGet("/")]
    public IActionResult Index() => RedirectToAction("Index", "Plans");

    /// <summary>Switches the language for this browser; a POST with an antiforgery token, never a GET that changes state.</summary>
    [AllowAnonymous]
    [HttpPost("/culture")]
    public IActionResult SetCulture(string culture, string? returnUrl)
    {
        if (WebServices.SupportedCultures.Any(c => c.Name == culture))
        {
            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
