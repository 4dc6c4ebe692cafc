using Microsoft.AspNetCore.Mvc;

namespace PlanTracker.Web.Features.Units;

/// <summary>The unit tree and each unit's page with its assignments; a provincial account reaches its own unit only.</summary>
[Route("units")]
public sealed class UnitsController(UnitDirectory directory) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await directory.ListAsync(cancellationToken));

    [HttpGet("{unitId:int}")]
    public async Task<IActionResult> Unit(int unitId, CancellationToken cancellationToken)
    {
        var model = await directory.UnitAsync(unitId, cancellationToken);
        return model is null ? NotFound() : View(model);
    }
}
