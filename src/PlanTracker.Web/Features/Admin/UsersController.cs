using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Admin;

[Authorize(Policy = Policies.Administration)]
[Route("admin/users")]
public sealed class UsersController(UserAdmin admin, IStringLocalizer<SharedResource> localizer) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, int page = 1, CancellationToken cancellationToken = default) =>
        View(await admin.ListAsync(q, page, cancellationToken));

    [HttpGet("new")]
    public async Task<IActionResult> New(CancellationToken cancellationToken) =>
        View("Edit", new UserEditViewModel(null, new UserInput(), await admin.UnitChoicesAsync(cancellationToken), false, false));

    [HttpPost("new")]
    public async Task<IActionResult> Create(UserInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (ModelState.IsValid)
        {
            var (result, id) = await admin.CreateAsync(input, cancellationToken);
            if (result.Succeeded)
            {
                TempData["Notice"] = localizer["Admin.UserSaved", input.UserName].Value;
                return RedirectToAction(nameof(Edit), new { id });
            }

            AddError(result);
        }

        input.Password = null;
        return View("Edit", new UserEditViewModel(null, input, await admin.UnitChoicesAsync(cancellationToken), false, false));
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Edit(string id, CancellationToken cancellationToken)
    {
        var model = await admin.GetAsync(id, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("{id}")]
    public async Task<IActionResult> Update(string id, UserInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ModelState.Remove(nameof(UserInput.Password));
        if (ModelState.IsValid)
        {
            var result = await admin.UpdateAsync(id, input, cancellationToken);
            if (result is null)
            {
                return NotFound();
            }

            if (result.Succeeded)
            {
                TempData["Notice"] = localizer["Admin.UserSaved", input.UserName].Value;
                return RedirectToAction(nameof(Edit), new { id });
            }

            AddError(result);
        }

        var current = await admin.GetAsync(id, cancellationToken);
        return current is null ? NotFound() : View("Edit", current with { Input = input });
    }

    [HttpPost("{id}/password")]
    public async Task<IActionResult> ResetPassword(string id, ResetPasswordInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        // An account that does not exist is 404 whatever was posted: the form's own errors come after the lookup.
        var result = ModelState.IsValid
            ? await admin.ResetPasswordAsync(id, input.NewPassword, cancellationToken)
            : !await admin.ExistsAsync(id, cancellationToken) ? null : AdminResult.Refused("Validation.Required", localizer["Account.NewPassword"]);
        return Done(id, result, "Admin.PasswordReset");
    }

    [HttpPost("{id}/disable")]
    public async Task<IActionResult> Disable(string id, CancellationToken cancellationToken) =>
        Done(id, await admin.SetDisabledAsync(id, true, cancellationToken), "Admin.UserDisabled");

    [HttpPost("{id}/enable")]
    public async Task<IActionResult> Enable(string id, CancellationToken cancellationToken) =>
        Done(id, await admin.SetDisabledAsync(id, false, cancellationToken), "Admin.UserEnabled");

    private IActionResult Done(string id, AdminResult? result, string noticeKey)
    {
        if (result is null)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData["Notice"] = localizer[noticeKey].Value;
        }
        else
        {
            TempData["Error"] = Message(result);
        }

        return RedirectToAction(nameof(Edit), new { id });
    }

    private void AddError(AdminResult result) => ModelState.AddModelError(string.Empty, Message(result));

    private string Message(AdminResult result)
    {
        var text = localizer[result.ErrorKey!, result.Arguments];
        return text.ResourceNotFound ? localizer["Identity.Other"] : text;
    }
}
