namespace PlanTracker.Domain;

/// <summary>
/// Why the domain refused something or found a problem: a code (a value of the area's own enum) and the facts the
/// sentence needs. The domain never words it; the portal does, in the reader's language (an argument may itself be a
/// <see cref="Reason"/>, an enum value or a period name, worded too).
/// </summary>
public sealed record Reason(Enum Code, params object?[] Arguments)
{
    public override string ToString() => Arguments.Length == 0 ? Code.ToString() : $"{Code}({string.Join(", ", Arguments)})";
}
