using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Infrastructure.Monitoring;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Periods;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Warnings;

/// <summary>
/// The planner's writes on warnings, each one SaveChanges (one transaction, the audit entry with it): acknowledge with a
/// note, link to an adjustment proposal of the same plan, and scan a plan now (立即检查). A refusal stores nothing.
/// </summary>
public sealed class WarningWriter(AppDbContext db, WarningScan scan, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public Task<WarningWriteResult> AcknowledgeAsync(long id, AcknowledgeInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return HandleAsync(id, input.RowVersion, (warning, now) => Task.FromResult(warning.Acknowledge(user.UserName, input.Note, now)), cancellationToken);
    }

    public Task<WarningWriteResult> LinkAsync(long id, LinkInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return HandleAsync(
            id,
            input.RowVersion,
            async (warning, now) =>
            {
                if (input.AdjustmentId is not { } adjustmentId)
                {
                    return WarningOutcome.Refused(localizer["Warnings.Refusal.AdjustmentRequired"].Value);
                }

                var planId = await db.Adjustments.AsNoTracking().Where(a => a.Id == adjustmentId).Select(a => (int?)a.PlanId).SingleOrDefaultAsync(cancellationToken);
                return planId != warning.PlanId
                    ? WarningOutcome.Refused(localizer["Warnings.Refusal.AdjustmentOfAnotherPlan"].Value)
                    : warning.LinkToAdjustment(adjustmentId, user.UserName, input.Note, now);
            },
            cancellationToken);
    }

    /// <summary>立即检查: scans the plan as of today (Beijing); null when the plan is not published.</summary>
    public Task<WarningScanResult?> ScanNowAsync(int planId, CancellationToken cancellationToken) =>
        scan.ScanAsync(planId, MinistryCalendar.Today(clock), cancellationToken);

    private async Task<WarningWriteResult> HandleAsync(long id, uint rowVersion, Func<EarlyWarning, DateTimeOffset, Task<WarningOutcome>> step, CancellationToken cancellationToken)
    {
        var warning = await db.EarlyWarnings.SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (warning is null)
        {
            return WarningWriteResult.Missing404;
        }

        if (warning.RowVersion != rowVersion)
        {
            return WarningWriteResult.Refused(localizer["Warnings.Refusal.Stale"].Value);
        }

        var outcome = await step(warning, clock.GetUtcNow());
        if (!outcome.Succeeded)
        {
            db.ChangeTracker.Clear();
            return WarningWriteResult.Refused(outcome.Refusal!);
        }

        // Checked again by PostgreSQL at the save: another planner may have handled it since it was read.
        db.Entry(warning).Property(w => w.RowVersion).OriginalValue = rowVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return WarningWriteResult.Refused(localizer["Warnings.Refusal.Stale"].Value);
        }

        return WarningWriteResult.Done;
    }
}
