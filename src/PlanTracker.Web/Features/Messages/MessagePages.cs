using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Messages;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Shared;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Messages;

/// <summary>
/// A unit's inbox. Every query names the user's unit besides the data scope's filter: a message of another unit is
/// not found, whoever asks.
/// </summary>
public sealed class MessagePages(AppDbContext db, CurrentUser user, TimeProvider clock)
{
    public const int PageSize = 50;

    public async Task<MessagesViewModel> IndexAsync(int page, CancellationToken cancellationToken)
    {
        if (user.UnitId is not int unitId)
        {
            return new MessagesViewModel([], 1, false, 0);
        }

        page = Paging.Page(page, PageSize);
        var rows = await Mine(unitId)
            .OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id)
            .Skip((page - 1) * PageSize)
            .Take(PageSize + 1)
            .Select(m => new MessageRow(m.Id, m.Kind, m.Subject, m.SentBy, m.SentAt, m.ReadAt != null))
            .ToListAsync(cancellationToken);
        var unread = await UnreadCountAsync(cancellationToken);
        return new MessagesViewModel(rows.Take(PageSize).ToList(), page, rows.Count > PageSize, unread);
    }

    /// <summary>Opens a message of the user's unit and, the first time, marks it read by the user (one transaction).</summary>
    /// <returns>Null when the unit has no such message.</returns>
    public async Task<MessageViewModel?> OpenAsync(long id, CancellationToken cancellationToken)
    {
        if (user.UnitId is not int unitId)
        {
            return null;
        }

        var message = await Mine(unitId).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null)
        {
            return null;
        }

        if (message.ReadAt is null)
        {
            message.MarkRead(user.UserName, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }

        return new MessageViewModel(message.Id, message.Kind, message.PeriodId, message.Subject, message.Body, message.SentBy, message.SentAt, message.ReadBy, message.ReadAt);
    }

    /// <summary>The unread messages of the user's unit, for the top navigation; 0 for accounts without a unit.</summary>
    public async Task<int> UnreadCountAsync(CancellationToken cancellationToken = default) =>
        user.UnitId is int unitId ? await Mine(unitId).CountAsync(m => m.ReadAt == null, cancellationToken) : 0;

    private IQueryable<PortalMessage> Mine(int unitId) => db.PortalMessages.Where(m => m.UnitId == unitId);
}

public sealed record MessageRow(long Id, MessageKind Kind, string Subject, string? SentBy, DateTimeOffset SentAt, bool Read);

/// <summary>The unit's messages, newest first, a page at a time.</summary>
public sealed record MessagesViewModel(IReadOnlyList<MessageRow> Messages, int Page, bool HasMore, int Unread);

public sealed record MessageViewModel(long Id, MessageKind Kind, int? PeriodId, string Subject, string Body, string? SentBy, DateTimeOffset SentAt, string? ReadBy, DateTimeOffset? ReadAt);

public static class MessageServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<MessagePages>();
        services.AddScoped<IUnitNotifier, PortalUnitNotifier>();
    }
}
