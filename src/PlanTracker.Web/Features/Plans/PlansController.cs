using Microsoft.AspNetCore.Mvc;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Plans;

[Route("plans")]
public sealed class PlansController(PlanBrowser browser) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await browser.ListAsync(cancellationToken));

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Outline(int id, int? version, CancellationToken cancellationToken)
    {
        var model = await browser.OutlineAsync(id, version, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet("{id:int}/nodes/{nodeId:int}")]
    [FollowsCurrentVersion("nodeId", VersionedThing.Node)]
    public async Task<IActionResult> Node(int id, int nodeId, CancellationToken cancellationToken)
    {
        var model = await browser.NodeAsync(id, nodeId, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet("search")]
    public async Task<IActionResult> Search(string? q, int? plan, int page = 1, CancellationToken cancellationToken = default) =>
        View(await browser.SearchAsync(q, plan, page, cancellationToken));
}
