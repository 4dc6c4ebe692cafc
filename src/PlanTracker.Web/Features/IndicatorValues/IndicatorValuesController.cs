using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using PlanTracker.Web.Features.Progress;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.IndicatorValues;

/// <summary>
/// 指标值填报: a unit's reporter enters, saves and submits its values of the plan's indicators for a period (its reviewer
/// reads them); the ministry reads every unit's values of a period and approves or returns each one.
/// </summary>
public sealed partial class IndicatorValuesController(IndicatorValuePages pages, IndicatorValueWriter writer, IStringLocalizer<SharedResource> localizer) : Controller
{
    public const string NoticeKey = "IndicatorValues.Notice";

    [HttpGet("progress/{periodId:int}/indicators")]
    [Authorize(Policy = ProgressServices.UnitWork)]
    public async Task<IActionResult> Unit(int periodId, CancellationToken cancellationToken)
    {
        var model = await pages.UnitAsync(periodId, null, null, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("progress/{periodId:int}/indicators/save")]
    [Authorize(Policy = ProgressServices.Reporting)]
    public Task<IActionResult> Save(int periodId, IndicatorValuesInput input, CancellationToken cancellationToken) =>
        SaveOrSubmitAsync(periodId, input, submit: false, cancellationToken);

    [HttpPost("progress/{periodId:int}/indicators/submit")]
    [Authorize(Policy = ProgressServices.Reporting)]
    public Task<IActionResult> Submit(int periodId, IndicatorValuesInput input, CancellationToken cancellationToken) =>
        SaveOrSubmitAsync(periodId, input, submit: true, cancellationToken);

    [HttpGet("review/periods/{periodId:int}/indicators")]
    [Authorize(Policy = Policies.MinistryRead)]
    public async Task<IActionResult> Period(int periodId, int? indicatorId, CancellationToken cancellationToken)
    {
        var model = await pages.PeriodValuesAsync(periodId, indicatorId, null, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("review/periods/{periodId:int}/indicators/{valueId:long}/approve")]
    [Authorize(Policy = Policies.Planning)]
    public Task<IActionResult> Approve(int periodId, long valueId, ValueStepInput input, CancellationToken cancellationToken) =>
        DecideAsync(periodId, valueId, input, isReturn: false, cancellationToken);

    [HttpPost("review/periods/{periodId:int}/indicators/{valueId:long}/return")]
    [Authorize(Policy = Policies.Planning)]
    public Task<IActionResult> Return(int periodId, long valueId, ValueStepInput input, CancellationToken cancellationToken) =>
        DecideAsync(periodId, valueId, input, isReturn: true, cancellationToken);

    private async Task<IActionResult> SaveOrSubmitAsync(int periodId, IndicatorValuesInput input, bool submit, CancellationToken cancellationToken)
    {
        IndicatorWriteResult result;
        if (!ModelState.IsValid)
        {
            // A word in a number field: name the indicator, store nothing.
            result = IndicatorWriteResult.Refused("IndicatorValues.Refusal.NotANumber", await NotANumberAsync(periodId, input, cancellationToken));
        }
        else
        {
            result = await writer.SaveAsync(periodId, input, submit, cancellationToken);
        }

        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData[NoticeKey] = localizer[submit ? "IndicatorValues.Notice.Submitted" : "IndicatorValues.Notice.Saved"].Value;
            return RedirectToAction(nameof(Unit), new { periodId });
        }

        var model = await pages.UnitAsync(periodId, result.ShowLatest ? null : input, Message(result), cancellationToken);
        return model is null ? NotFound() : Refused(nameof(Unit), model);
    }

    private async Task<IActionResult> DecideAsync(int periodId, long valueId, ValueStepInput input, bool isReturn, CancellationToken cancellationToken)
    {
        var result = await writer.DecideAsync(periodId, valueId, input, isReturn, cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData[NoticeKey] = localizer[isReturn ? "IndicatorValues.Notice.Returned" : "IndicatorValues.Notice.Approved"].Value;
            return RedirectToAction(nameof(Period), new { periodId, indicatorId = input.IndicatorId });
        }

        var model = await pages.PeriodValuesAsync(periodId, input.IndicatorId, Message(result), cancellationToken);
        return model is null ? NotFound() : Refused(nameof(Period), model);
    }

    private ViewResult Refused(string view, object model)
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(view, model);
    }

    private IndicatorMessage Message(IndicatorWriteResult result) => new(localizer[result.RefusalKey!].Value, result.Details);

    /// <summary>The indicators whose figure did not parse as a number (Rows[i].Value), by name.</summary>
    private async Task<List<string>> NotANumberAsync(int periodId, IndicatorValuesInput input, CancellationToken cancellationToken)
    {
        var period = await pages.PeriodAsync(periodId, cancellationToken);
        var names = period is null ? [] : (await pages.IndicatorsAsync(period.PlanId, cancellationToken)).ToDictionary(i => i.Id, i => i.Name);
        return ModelState
            .Where(e => e.Value?.ValidationState == ModelValidationState.Invalid)
            .Select(e => RowKey().Match(e.Key))
            .Select(m => m.Success && int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) is var i && i < input.Rows.Count && names.TryGetValue(input.Rows[i].IndicatorId, out var name)
                ? localizer["IndicatorValues.NotANumber", name].Value
                : localizer["IndicatorValues.NotANumber", "—"].Value)
            .Distinct()
            .ToList();
    }

    [GeneratedRegex(@"^Rows\[(\d+)\]\.")]
    private static partial Regex RowKey();
}
