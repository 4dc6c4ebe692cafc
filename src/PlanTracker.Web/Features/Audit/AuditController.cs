using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Audit;

[Route("audit")]
public sealed class AuditController(AuditLogReader reader) : Controller
{
    [Authorize(Policy = Policies.Administration)]
    [HttpGet("")]
    public async Task<IActionResult> Search(string? user, int? unit, string? entity, string? id, DateOnly? from, DateOnly? to, int page = 1, CancellationToken cancellationToken = default) =>
        View(await reader.SearchAsync(new AuditFilter(user, unit, entity, id, from, to, page), cancellationToken));

    [Authorize(Policy = Policies.History)]
    [HttpGet("{entityType}/{entityId}")]
    public async Task<IActionResult> History(string entityType, string entityId, CancellationToken cancellationToken) =>
        View(await reader.HistoryAsync(entityType, entityId, cancellationToken));
}
