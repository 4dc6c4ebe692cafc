using Microsoft.AspNetCore.Identity;

namespace PlanTracker.Infrastructure.Identity;

/// <summary>A person who signs in. Belongs to one unit of the unit tree (the ministry's people to the ministry or a department).</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    public int? UnitId { get; set; }

    /// <summary>A disabled account cannot sign in, and its open sessions end at their next request.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
