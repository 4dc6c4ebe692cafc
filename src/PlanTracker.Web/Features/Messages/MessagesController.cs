using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PlanTracker.Web.Features.Progress;

namespace PlanTracker.Web.Features.Messages;

/// <summary>站内消息: a unit's reporters and reviewers read what the ministry sent their unit. Another unit's message is 404.</summary>
[Route("messages")]
[Authorize(Policy = ProgressServices.UnitWork)]
public sealed class MessagesController(MessagePages pages) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int page = 1, CancellationToken cancellationToken = default) =>
        View(await pages.IndexAsync(page, cancellationToken));

    /// <summary>Opening a message marks it read (who and when), as a receipt the sender sees; reading it again changes nothing.</summary>
    [HttpGet("{id:long}")]
    public async Task<IActionResult> Message(long id, CancellationToken cancellationToken)
    {
        var model = await pages.OpenAsync(id, cancellationToken);
        return model is null ? NotFound() : View(model);
    }
}
