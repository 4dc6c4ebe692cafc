using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PlanTracker.Web.Features.Progress;

namespace PlanTracker.Web.Tests;

/// <summary>The Web project's refusal words over its own resources, outside a request: Chinese unless a test asks otherwise.</summary>
public static class TestWords
{
    public static readonly RefusalWords Chinese = Create();

    public static RefusalWords Create()
    {
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
        return new RefusalWords(new StringLocalizer<SharedResource>(factory));
    }

    /// <summary>Runs <paramref name="action"/> with the culture of a request in that language, and puts the culture back.</summary>
    public static T In<T>(string culture, Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            return action();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }
}
