using PlanTracker.Domain.Messages;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Messages;

/// <summary>
/// Tells a unit something (催报, a return, a reopening). The callers say what and to whom; how it reaches the unit is
/// the sender's business. Today that is the portal's own inbox; e-mail or SMS would be another implementation of this
/// interface, without touching the callers (see docs/messages.md).
/// </summary>
public interface IUnitNotifier
{
    /// <summary>
    /// Queues the message in the caller's unit of work: it is stored by the caller's <c>SaveChangesAsync</c>, in the
    /// caller's transaction, so a refused or failed step sends nothing.
    /// </summary>
    void Notify(UnitNotice notice);
}

/// <summary>What to tell which unit, about which period.</summary>
public sealed record UnitNotice(int UnitId, MessageKind Kind, int? PeriodId, string Subject, string Body);

/// <summary>The portal inbox (站内消息): a <see cref="PortalMessage"/> row per notice, read on /messages.</summary>
public sealed class PortalUnitNotifier(AppDbContext db, CurrentUser user, TimeProvider clock) : IUnitNotifier
{
    public void Notify(UnitNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        db.PortalMessages.Add(new PortalMessage(
            notice.UnitId,
            notice.Kind,
            notice.PeriodId,
            Clip(notice.Subject, PortalMessageLimits.MaxSubjectLength),
            Clip(notice.Body, PortalMessageLimits.MaxBodyLength),
            user.UserName,
            clock.GetUtcNow()));
    }

    private static string Clip(string text, int length)
    {
        text = text.Trim();
        return text.Length <= length ? text : text[..(length - 1)] + "…";
    }
}
