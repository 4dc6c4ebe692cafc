using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Home;

public sealed class HomeController : Controller
{
    [HttpGet("/")]
    public IActionResult Index() => RedirectToAction("Index", "Plans");

    /// <summary>
    /// Switches the language for this browser by a form. The layout's language links do the same with <c>?culture=</c>
    /// (see <see cref="CultureChoice"/>): a preference, not data, so a link may set it.
    /// </summary>
    [AllowAnonymous]
    [HttpPost("/culture")]
    public IActionResult SetCulture(string culture, string? returnUrl)
    {
        if (CultureChoice.IsSupported(culture))
        {
            CultureChoice.Remember(HttpContext, culture);
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
