namespace PlanTracker.Integration.Tests.Reliability;

/// <summary>
/// The fault scenarios run one after another: each starts a portal process and a cluster of its own and measures
/// times (a 503 within 2 s, recovery within 10 s) that two of them side by side on a small machine would blur.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FaultCollection
{
    public const string Name = "Faults";
}
