using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Admin;

[Authorize(Policy = Policies.Administration)]
[Route("admin/units")]
public sealed class UnitsAdminController(UnitAdmin admin, IStringLocalizer<SharedResource> localizer) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View("Units", await admin.ListAsync(cancellationToken));

    [HttpGet("new")]
    public async Task<IActionResult> New(CancellationToken cancellationToken) => View("Unit", await admin.GetAsync(null, cancellationToken));

    [HttpPost("new")]
    public Task<IActionResult> Create(UnitInput input, CancellationToken cancellationToken) => SaveAsync(null, input, cancellationToken);

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var model = await admin.GetAsync(id, cancellationToken);
        return model is null ? NotFound() : View("Unit", model);
    }

    [HttpPost("{id:int}")]
    public Task<IActionResult> Update(int id, UnitInput input, CancellationToken cancellationToken) => SaveAsync(id, input, cancellationToken);

    private async Task<IActionResult> SaveAsync(int? id, UnitInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);

        // A unit that does not exist is 404 whatever was posted, not its form re-drawn with the input's errors.
        if (id is int existing && !await admin.ExistsAsync(existing, cancellationToken))
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var saved = await admin.SaveAsync(id, input, cancellationToken);
            if (saved is null)
            {
                return NotFound();
            }

            var (result, unitId) = saved.Value;
            if (result.Succeeded)
            {
                TempData["Notice"] = localizer["Units.Saved", input.Name].Value;
                return RedirectToAction(nameof(Edit), new { id = unitId });
            }

            ModelState.AddModelError(string.Empty, localizer[result.ErrorKey!]);
        }

        return View("Unit", new UnitEditViewModel(id, input, await admin.ParentsAsync(id, cancellationToken)));
    }
}
