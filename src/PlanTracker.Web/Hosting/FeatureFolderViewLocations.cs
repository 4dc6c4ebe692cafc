using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace PlanTracker.Web.Hosting;

/// <summary>
/// Views live beside their controller: a controller in namespace PlanTracker.Web.Features.Admin finds its views in
/// Features/Admin, whatever the controller is called.
/// </summary>
public sealed class FeatureFolderViewLocations : IViewLocationExpander
{
    private const string FeatureKey = "feature";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor action)
        {
            context.Values[FeatureKey] = action.ControllerTypeInfo.Namespace?.Split('.')[^1];
        }
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Values.TryGetValue(FeatureKey, out var feature) && feature is not null
            ? viewLocations.Prepend("/Features/" + feature + "/{0}" + RazorViewEngine.ViewExtension)
            : viewLocations;
    }
}
