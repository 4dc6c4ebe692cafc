namespace PlanTracker.Web.Features.Shared;

/// <summary>Page numbers taken from a URL.</summary>
public static class Paging
{
    /// <summary>
    /// The page to read: at least 1, and small enough that its row offset fits an int. Without the upper bound a URL's
    /// page=2147483647 wraps (page - 1) × size to a negative OFFSET, which PostgreSQL refuses — a 500 instead of an
    /// empty page.
    /// </summary>
    public static int Page(int page, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        return Math.Clamp(page, 1, int.MaxValue / pageSize);
    }
}
