using Microsoft.EntityFrameworkCore;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Shared;

namespace PlanTracker.Web.Features.Audit;

public sealed record AuditFilter(string? User, int? UnitId, string? EntityType, string? EntityId, DateOnly? From, DateOnly? To, int Page = 1);

public sealed record AuditRow(long Id, DateTimeOffset OccurredAt, string? UserName, string? UnitName, string Action, string EntityType, string EntityId, string? BeforeJson, string? AfterJson, string? RequestId);

public sealed record AuditSearchViewModel(AuditFilter Filter, IReadOnlyList<AuditRow> Rows, int Total, int PageSize, IReadOnlyList<string> EntityTypes, IReadOnlyList<(int Id, string Name)> Units)
{
    public int PageCount => Total == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

public sealed record AuditHistoryViewModel(string EntityType, string EntityId, IReadOnlyList<AuditRow> Rows);

/// <summary>Reads the append-only audit log: searched by administrators, an entity's history for planners.</summary>
public sealed class AuditLogReader(AppDbContext db)
{
    public const int PageSize = 50;

    public async Task<AuditSearchViewModel> SearchAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var page = Paging.Page(filter.Page, PageSize);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var user = filter.User.Trim();
            entries = entries.Where(a => a.UserName == user || a.UserId == user);
        }

        if (filter.UnitId is int unitId)
        {
            entries = entries.Where(a => a.UnitId == unitId);
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            entries = entries.Where(a => a.EntityType == filter.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityId))
        {
            entries = entries.Where(a => a.EntityId == filter.EntityId.Trim());
        }

        if (filter.From is DateOnly from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(a => a.OccurredAt >= start);
        }

        if (filter.To is DateOnly to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(a => a.OccurredAt < end);
        }

        var total = await entries.CountAsync(cancellationToken);
        var rows = await Project(entries.OrderByDescending(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize)).ToListAsync(cancellationToken);
        var types = await db.AuditEntries.AsNoTracking().Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
        var units = await db.Units.AsNoTracking().OrderBy(u => u.SortOrder).Select(u => new { u.Id, u.Name }).ToListAsync(cancellationToken);
        return new AuditSearchViewModel(filter with { Page = page }, rows, total, PageSize, types, units.Select(u => (u.Id, u.Name)).ToList());
    }

    public async Task<AuditHistoryViewModel> HistoryAsync(string entityType, string entityId, CancellationToken cancellationToken)
    {
        var rows = await Project(db.AuditEntries.AsNoTracking()
                .Where(a => a.EntityType == entityType && a.EntityId == entityId)
                .OrderByDescending(a => a.Id)
                .Take(500))
            .ToListAsync(cancellationToken);
        return new AuditHistoryViewModel(entityType, entityId, rows);
    }

    private IQueryable<AuditRow> Project(IQueryable<Domain.Auditing.AuditEntry> entries) =>
        entries.Select(a => new AuditRow(
            a.Id,
            a.OccurredAt,
            a.UserName,
            db.Units.Where(u => u.Id == a.UnitId).Select(u => u.Name).FirstOrDefault(),
            a.Action,
            a.EntityType,
            a.EntityId,
            a.BeforeJson,
            a.AfterJson,
            a.RequestId));
}
