namespace PlanTracker.Domain.Auditing;

/// <summary>
/// One line of the append-only audit log, written in the same transaction as the change it records.
/// PostgreSQL refuses to update or delete these rows (a trigger), so nobody can edit history.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
        Action = string.Empty;
        EntityType = string.Empty;
        EntityId = string.Empty;
    }

    public AuditEntry(DateTimeOffset occurredAt, string? userId, string? userName, int? unitId, string action, string entityType, string entityId, string? beforeJson, string? afterJson, string? requestId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentException.ThrowIfNullOrWhiteSpace(entityType);
        ArgumentException.ThrowIfNullOrWhiteSpace(entityId);
        OccurredAt = occurredAt;
        UserId = userId;
        UserName = userName;
        UnitId = unitId;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        BeforeJson = beforeJson;
        AfterJson = afterJson;
        RequestId = requestId;
    }

    public long Id { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public string? UserId { get; private set; }

    public string? UserName { get; private set; }

    public int? UnitId { get; private set; }

    /// <summary>create, update, delete, or a workflow step (submit, return, approve, import, publish …).</summary>
    public string Action { get; private set; }

    public string EntityType { get; private set; }

    public string EntityId { get; private set; }

    public string? BeforeJson { get; private set; }

    public string? AfterJson { get; private set; }

    public string? RequestId { get; private set; }
}
