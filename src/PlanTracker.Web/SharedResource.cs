namespace PlanTracker.Web;

/// <summary>
/// Anchor type for the UI strings in Resources/SharedResource.resx (Chinese, the default) and
/// SharedResource.en.resx (English).
/// </summary>
public sealed class SharedResource;
