using System.Security.Claims;
using PlanTracker.Domain.Access;
using PlanTracker.Infrastructure.Auditing;

namespace PlanTracker.Web.Hosting;

/// <summary>The signed-in person as the rest of the app needs them: their scope for queries and their name for the audit log.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor) : IAuditActor, IDataScopeSource
{
    public const string UnitClaim = "plantracker:unit";
    public const string DisplayNameClaim = "plantracker:display_name";
    public const string SignedInAtClaim = "plantracker:signed_in_at";

    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsSignedIn => Principal?.Identity?.IsAuthenticated == true;

    public string? UserId => IsSignedIn ? Principal!.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public string? UserName => IsSignedIn ? Principal!.Identity!.Name : null;

    public int? UnitId => IsSignedIn && int.TryParse(Principal!.FindFirstValue(UnitClaim), out var id) ? id : null;

    public string? RequestId => accessor.HttpContext?.TraceIdentifier;

    public IReadOnlyCollection<string> Roles =>
        IsSignedIn ? Principal!.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList() : [];

    /// <summary>No request (start-up, key ring refresh): the system; a request: its user; no one signed in: published data only.</summary>
    public DataScope Current => accessor.HttpContext is null
        ? DataScope.Unrestricted
        : IsSignedIn ? DataScope.For(Roles, UnitId) : DataScope.Anonymous;
}
