using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PlanTracker.Infrastructure.Identity;

namespace PlanTracker.Web.Features.Account;

[Route("account")]
public sealed class AccountController(SignInService signIn, SignInRateLimit rateLimit, UserManager<AppUser> users, IStringLocalizer<SharedResource> localizer) : Controller
{
    [AllowAnonymous]
    [HttpGet("signin")]
    public IActionResult SignIn(string? returnUrl) => View(new SignInInput { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("signin")]
    public async Task<IActionResult> SignIn(SignInInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await rateLimit.TryCountAsync(HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", cancellationToken))
        {
            // Refused before the password is looked at; the error page says to wait (Retry-After: the minute's end at most).
            Response.Headers.RetryAfter = "60";
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        if (!ModelState.IsValid)
        {
            return View(input);
        }

        if (!await signIn.SignInAsync(input.UserName.Trim(), input.Password))
        {
            ModelState.AddModelError(string.Empty, localizer["Account.SignInFailed"]);
            input.Password = string.Empty;
            return View(input);
        }

        return LocalRedirect(Url.IsLocalUrl(input.ReturnUrl) ? input.ReturnUrl : "/");
    }

    [HttpPost("signout")]
    public async Task<IActionResult> EndSession()
    {
        await signIn.SignOutAsync(User);
        return RedirectToAction(nameof(SignIn));
    }

    [HttpGet("password")]
    public IActionResult ChangePassword() => View(new ChangePasswordInput());

    [HttpPost("password")]
    public async Task<IActionResult> ChangePassword(ChangePasswordInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!ModelState.IsValid)
        {
            return View(input);
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(user, input.CurrentPassword, input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, IdentityMessages.Describe(error, localizer));
            }

            return View(new ChangePasswordInput());
        }

        // The password change renewed the security stamp: sign in again here, every other session ends.
        await signIn.SignOutAsync(User);
        TempData["Notice"] = localizer["Account.PasswordChanged"].Value;
        return RedirectToAction(nameof(SignIn));
    }

    [AllowAnonymous]
    [HttpGet("denied")]
    public IActionResult Denied() => View();
}
