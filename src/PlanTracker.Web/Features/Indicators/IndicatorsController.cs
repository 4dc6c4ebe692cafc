using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PlanTracker.Domain.Access;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Indicators;

/// <summary>
/// 主要指标 of a plan's current version and the plan's monitoring thresholds: the ministry roles read them, planners
/// define, edit, link and delete indicators and change the thresholds. Refused input is 422 with the page re-rendered.
/// </summary>
[Authorize(Policy = Policies.MinistryRead)]
[Route("plans/{planId:int}")]
public sealed class IndicatorsController(IndicatorPages pages, IndicatorWriter writer, IStringLocalizer<SharedResource> localizer) : Controller
{
    [HttpGet("indicators")]
    public async Task<IActionResult> Index(int planId, CancellationToken cancellationToken)
    {
        var model = await pages.ListAsync(planId, User.IsInRole(Roles.Planner), null, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet("indicators/new")]
    [Authorize(Policy = Policies.Planning)]
    public async Task<IActionResult> Create(int planId, CancellationToken cancellationToken)
    {
        var model = await pages.FormAsync(planId, null, null, [], cancellationToken);
        return model is null ? NotFound() : View("Form", model);
    }

    [HttpPost("indicators/new")]
    [Authorize(Policy = Policies.Planning)]
    [ActionName("Create")]
    public async Task<IActionResult> CreatePost(int planId, IndicatorInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = ModelState.IsValid ? await writer.CreateAsync(planId, input, cancellationToken) : NotANumber();
        return await AfterFormAsync(planId, null, input, result, "Indicators.Created", cancellationToken);
    }

    [HttpGet("indicators/{indicatorId:int}/edit")]
    [Authorize(Policy = Policies.Planning)]
    public async Task<IActionResult> Edit(int planId, int indicatorId, CancellationToken cancellationToken)
    {
        var model = await pages.FormAsync(planId, indicatorId, null, [], cancellationToken);
        return model is null ? NotFound() : View("Form", model);
    }

    [HttpPost("indicators/{indicatorId:int}/edit")]
    [Authorize(Policy = Policies.Planning)]
    [ActionName("Edit")]
    public async Task<IActionResult> EditPost(int planId, int indicatorId, IndicatorInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = ModelState.IsValid ? await writer.ReviseAsync(planId, indicatorId, input, cancellationToken) : NotANumber();
        return await AfterFormAsync(planId, indicatorId, input, result, "Indicators.Saved", cancellationToken);
    }

    [HttpPost("indicators/{indicatorId:int}/delete")]
    [Authorize(Policy = Policies.Planning)]
    public async Task<IActionResult> Delete(int planId, int indicatorId, IndicatorDeleteInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await writer.DeleteAsync(planId, indicatorId, input.RowVersion, cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData["Notice"] = localizer["Indicators.Deleted"].Value;
            return RedirectToAction(nameof(Index), new { planId });
        }

        var model = await pages.ListAsync(planId, canEdit: true, result.Problems, cancellationToken);
        return model is null ? NotFound() : Refused(View(nameof(Index), model));
    }

    [HttpGet("thresholds")]
    public async Task<IActionResult> Thresholds(int planId, CancellationToken cancellationToken)
    {
        var model = await pages.ThresholdsAsync(planId, User.IsInRole(Roles.Planner), null, [], cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("thresholds")]
    [Authorize(Policy = Policies.Planning)]
    [ActionName("Thresholds")]
    public async Task<IActionResult> ThresholdsPost(int planId, ThresholdsInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = ModelState.IsValid
            ? await writer.ChangeThresholdsAsync(planId, input, cancellationToken)
            : IndicatorWriteResult.Refused(localizer["Thresholds.NotANumber"].Value);
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData["Notice"] = localizer["Thresholds.Saved"].Value;
            return RedirectToAction(nameof(Thresholds), new { planId });
        }

        var model = await pages.ThresholdsAsync(planId, canEdit: true, input, result.Problems, cancellationToken);
        return model is null ? NotFound() : Refused(View(model));
    }

    private IndicatorWriteResult NotANumber() => IndicatorWriteResult.Refused(localizer["Indicators.YearNotANumber"].Value);

    private async Task<IActionResult> AfterFormAsync(int planId, int? indicatorId, IndicatorInput input, IndicatorWriteResult result, string doneKey, CancellationToken cancellationToken)
    {
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData["Notice"] = localizer[doneKey, input.Name?.Trim() ?? string.Empty].Value;
            return RedirectToAction(nameof(Index), new { planId });
        }

        var model = await pages.FormAsync(planId, indicatorId, input, result.Problems, cancellationToken);
        return model is null ? NotFound() : Refused(View("Form", model));
    }

    private static ViewResult Refused(ViewResult view)
    {
        view.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return view;
    }
}
