using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PlanTracker.Domain.Auditing;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Periods;

/// <summary>
/// The write side: each POST is one transaction. The domain decides every step; a stale row version or a conflicting
/// save comes back as "changed by someone else", never as an exception.
/// </summary>
public sealed class PeriodWriter(AppDbContext db, CurrentUser user, TimeProvider clock)
{
    private const string ChangedBySomeoneElse = "Common.ChangedBySomeoneElse";

    /// <summary>Creates the periods of one kind that the plan lacks; those already there stay as they are.</summary>
    /// <returns>Null when no published plan has this id.</returns>
    public async Task<GenerateResult?> GenerateAsync(GeneratePeriodsInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Two planners generating for the same plan take turns, so the second finds the first one's periods.
        await db.LockPlanAsync(input.PlanId, cancellationToken);
        var plan = await db.Plans
            .Where(p => p.Id == input.PlanId && p.Status == PlanStatus.Published)
            .Select(p => new { p.Id, p.StartYear, p.EndYear })
            .SingleOrDefaultAsync(cancellationToken);
        if (plan is null)
        {
            return null;
        }

        if (input.Kind is not PeriodKind kind || !Enum.IsDefined(kind))
        {
            return new GenerateResult(0, 0, "Periods.Refusal.UnknownKind");
        }

        if (plan.StartYear is not int start || plan.EndYear is not int end || start < 1900 || end < start || end - start + 1 > PeriodSchedule.MaxYears)
        {
            return new GenerateResult(0, 0, "Periods.Refusal.NoPlanYears");
        }

        var existing = (await db.ReportingPeriods
            .Where(p => p.PlanId == plan.Id && p.Kind == kind)
            .Select(p => new { p.Year, p.Sequence })
            .ToListAsync(cancellationToken))
            .Select(p => (p.Year, p.Sequence))
            .ToHashSet();
        var missing = PeriodSchedule.For(start, end, kind).Where(s => !existing.Contains((s.Year, s.Sequence))).ToList();
        db.ReportingPeriods.AddRange(missing.Select(s => s.ToPeriod(plan.Id)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return new GenerateResult(0, 0, ChangedBySomeoneElse);
        }

        return new GenerateResult(missing.Count, existing.Count, null);
    }

    public Task<PeriodResult?> OpenAsync(int id, PeriodStepInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var today = MinistryCalendar.Today(clock);
        return StepAsync(id, input.RowVersion, period => period.Open(today), null, cancellationToken);
    }

    public Task<PeriodResult?> CloseAsync(int id, PeriodStepInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return StepAsync(id, input.RowVersion, period => period.Close(), null, cancellationToken);
    }

    public async Task<PeriodResult?> ExtendAsync(int id, ExtendPeriodInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.DueOn is not DateOnly due || input.ClosesOn is not DateOnly closes)
        {
            var period = await db.ReportingPeriods.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.PlanId, p.Label }).SingleOrDefaultAsync(cancellationToken);
            return period is null ? null : new PeriodResult(period.PlanId, period.Label, "Periods.Refusal.DatesRequired");
        }

        return await StepAsync(id, input.RowVersion, period => period.Extend(due, closes), null, cancellationToken);
    }

    /// <summary>Reopens a closed period and writes the reason into the audit log, in the same transaction.</summary>
    public Task<PeriodResult?> ReopenAsync(int id, ReopenPeriodInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reason = input.Reason?.Trim();
        return StepAsync(id, input.RowVersion, period => period.Reopen(reason), period => new AuditEntry(
            clock.GetUtcNow(),
            user.UserId,
            user.UserName,
            user.UnitId,
            "reopen",
            nameof(ReportingPeriod),
            period.Id.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(new { status = nameof(PeriodStatus.Closed) }),
            JsonSerializer.Serialize(new { status = period.Status.ToString(), label = period.Label, reason }),
            user.RequestId), cancellationToken);
    }

    private async Task<PeriodResult?> StepAsync(int id, uint rowVersion, Func<ReportingPeriod, PeriodOutcome> step, Func<ReportingPeriod, AuditEntry>? audit, CancellationToken cancellationToken)
    {
        var period = await db.ReportingPeriods.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (period is null)
        {
            return null;
        }

        if (period.RowVersion != rowVersion)
        {
            return new PeriodResult(period.PlanId, period.Label, ChangedBySomeoneElse);
        }

        var outcome = step(period);
        if (outcome.Refusal is PeriodRefusal refusal)
        {
            return new PeriodResult(period.PlanId, period.Label, "Periods.Refusal." + refusal);
        }

        // Checked again by PostgreSQL at the save: someone may have changed the row since it was read.
        db.Entry(period).Property(p => p.RowVersion).OriginalValue = rowVersion;
        if (audit is not null)
        {
            db.AuditEntries.Add(audit(period));
        }

        try
        {
            // One SaveChanges is one transaction: the period, the interceptor's audit entry and ours.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new PeriodResult(period.PlanId, period.Label, ChangedBySomeoneElse);
        }

        return new PeriodResult(period.PlanId, period.Label, null);
    }
}
