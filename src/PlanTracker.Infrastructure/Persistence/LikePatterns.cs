namespace PlanTracker.Infrastructure.Persistence;

/// <summary>Patterns for PostgreSQL (I)LIKE where what a person typed is matched literally, used with escape character '\'.</summary>
public static class LikePatterns
{
    public const string Escape = "\\";

    /// <summary>`%text%` with `\`, `%` and `_` in <paramref name="text"/> escaped.</summary>
    public static string Containing(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
    }
}
