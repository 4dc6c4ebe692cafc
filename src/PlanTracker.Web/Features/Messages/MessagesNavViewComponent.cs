using Microsoft.AspNetCore.Mvc;

namespace PlanTracker.Web.Features.Messages;

/// <summary>The top bar's link to the unit's messages with the unread count: a widget that loads its own figure.</summary>
public sealed class MessagesNavViewComponent(MessagePages messages) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View("~/Features/Messages/_MessagesNav.cshtml", await messages.UnreadCountAsync(HttpContext.RequestAborted));
}
