using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Routing;

namespace PlanTracker.Web.Hosting;

/// <summary>What a route id names: a plan node (chapter, section, task …) or an indicator.</summary>
public enum VersionedThing
{
    Node,
    Indicator,
}

/// <summary>
/// A page about a task, node or indicator follows it into the plan's current version: a link written while an older
/// version was current (in a warning, a report, a bookmark) answers 301 to the same page for the same thing, found by
/// its stable key; when the current version no longer has it (an adjustment cancelled, merged or split it) the link
/// goes to its history, which names the adjustment. Only GET: a form posted against an old version is the page's to
/// refuse.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FollowsCurrentVersionAttribute(string routeKey, VersionedThing thing) : Attribute, IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!HttpMethods.IsGet(context.HttpContext.Request.Method)
            || !int.TryParse(context.RouteData.Values[routeKey]?.ToString(), out var id))
        {
            await next();
            return;
        }

        var identities = context.HttpContext.RequestServices.GetRequiredService<StableIdentities>();
        var cancellationToken = context.HttpContext.RequestAborted;
        var found = thing == VersionedThing.Node
            ? await identities.NodeAsync(id, cancellationToken)
            : await identities.IndicatorAsync(id, cancellationToken);
        if (found is null || found.CurrentId == id)
        {
            await next();
            return;
        }

        if (found.CurrentId is int current)
        {
            var values = new RouteValueDictionary(context.RouteData.Values) { [routeKey] = current };
            var url = context.HttpContext.RequestServices.GetRequiredService<IUrlHelperFactory>().GetUrlHelper(context)
                .RouteUrl(new UrlRouteContext { Values = values });
            context.Result = new RedirectResult(url + context.HttpContext.Request.QueryString, permanent: true);
            return;
        }

        context.Result = new RedirectResult($"/plans/{found.PlanId}/history/{found.Key}?removed=true", permanent: false);
    }
}
