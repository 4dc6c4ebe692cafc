using Microsoft.AspNetCore.Mvc;
using PlanTracker.Web.Features.Shared.Figures;

namespace PlanTracker.Web.Features.PlanVersions;

/// <summary>
/// The plan's versions, one version as it stood, the version in force on a day, the diff of two versions and one task's or
/// indicator's history. The plan's public record: every signed-in person reads it (drafts stay hidden by the query filter).
/// </summary>
public sealed class PlanVersionsController(PlanVersionPages pages) : Controller
{
    [HttpGet("plans/{planId:int}/versions")]
    public async Task<IActionResult> Index(int planId, CancellationToken cancellationToken) =>
        await pages.ListAsync(planId, cancellationToken) is { } model ? View(model) : NotFound();

    /// <summary>Redirects to the version in force at the end of that day (Beijing); a day before the first publication, or no day, is said on the list.</summary>
    [HttpGet("plans/{planId:int}/versions/on")]
    public async Task<IActionResult> On(int planId, string? date, CancellationToken cancellationToken)
    {
        var list = await pages.ListAsync(planId, cancellationToken);
        if (list is null)
        {
            return NotFound();
        }

        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
        {
            return View(nameof(Index), list with { Message = "Versions.DateInvalid" });
        }

        return await pages.NumberOnAsync(planId, day, cancellationToken) is { } number
            ? RedirectToAction(nameof(Show), new { planId, number })
            : View(nameof(Index), list with { Message = "Versions.BeforeFirst", Date = day });
    }

    [HttpGet("plans/{planId:int}/versions/{number:int}")]
    public async Task<IActionResult> Show(int planId, int number, CancellationToken cancellationToken) =>
        await pages.VersionAsync(planId, number, cancellationToken) is { } model ? View(model) : NotFound();

    [HttpGet("plans/{planId:int}/versions/compare")]
    public async Task<IActionResult> Compare(int planId, int from, int to, string? table, string? format, CancellationToken cancellationToken)
    {
        var model = await pages.CompareAsync(planId, from, to, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        if (table is null && format is null)
        {
            return View(model);
        }

        return table == model.Table.Key && FigureTableFile.For(model.Table, format, $"{model.PlanTitle}-{model.Table.Title}") is { } file ? file : NotFound();
    }

    [HttpGet("plans/{planId:int}/history/{key:guid}")]
    public async Task<IActionResult> History(int planId, Guid key, CancellationToken cancellationToken) =>
        await pages.HistoryAsync(planId, key, cancellationToken) is { } model ? View(model) : NotFound();
}
