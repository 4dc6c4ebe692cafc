namespace PlanTracker.Infrastructure.Auditing;

/// <summary>Who is making a change, for the audit log: the signed-in user and the request, or the system.</summary>
public interface IAuditActor
{
    string? UserId { get; }

    string? UserName { get; }

    int? UnitId { get; }

    string? RequestId { get; }
}

public sealed record SystemAuditActor(string Name) : IAuditActor
{
    public static readonly SystemAuditActor Default = new("system");

    public string? UserId => null;

    public string? UserName => Name;

    public int? UnitId => null;

    public string? RequestId => null;
}
