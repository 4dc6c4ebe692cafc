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
/// goes to its history, which names the adjustment. Only GET, and only when the page did not know the id (a page that
/// shows any version's row, such as the outline node page, keeps showing it): a form posted against an old version is
/// the page's to refuse.
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

        // The page runs first: only an id it does not know (404) costs the look-up, so a current link pays nothing.
        var executed = await next();
        if (executed.Result is not (NotFoundResult or NotFoundObjectResult))
        {
            return;
        }

        var identities = context.HttpContext.RequestServices.GetRequiredService<StableIdentities>();
        var cancellationToken = context.HttpContext.RequestAborted;
        var found = thing == VersionedThing.Node
            ? await identities.NodeAsync(id, cancellationToken)
            : await identities.IndicatorAsync(id, cancellationToken);
        if (found is null || found.CurrentId == id)
        {
            return;
        }

        if (found.CurrentId is int current)
        {
            var values = new RouteValueDictionary(context.RouteData.Values) { [routeKey] = current };
            var url = context.HttpContext.RequestServices.GetRequiredService<IUrlHelperFactory>().GetUrlHelper(context)
                .RouteUrl(new UrlRouteContext { Values = values });
            executed.Result = new RedirectResult(url + context.HttpContext.Request.QueryString, permanent: true);
            return;
        }

        executed.Result = new RedirectResult($"/plans/{found.PlanId}/history/{found.Key}?removed=true", permanent: false);
    }
}
