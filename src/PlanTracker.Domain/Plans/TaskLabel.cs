namespace PlanTracker.Domain.Plans;

/// <summary>
/// How a task (or any numbered node) is named in lists, messages and documents: its number, a space, its title —
/// "（一） 加强…", "1. …" as numbered in the plan — or the title alone when it has no number. The one definition.
/// </summary>
public static class TaskLabel
{
    public static string Of(string? number, string? title) =>
        string.IsNullOrWhiteSpace(number) ? title ?? string.Empty : $"{number} {title}";
}
