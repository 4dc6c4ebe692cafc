using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PlanTracker.Domain.Indicators;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Indicators;

/// <summary>
/// Planners' writes to a plan's current version's indicators and to the plan's monitoring thresholds. Each write is one
/// transaction: the domain checks the fields (Chinese refusals, nothing stored), a stale row version is refused, and
/// the auditing interceptor records every changed row on save. An indicator of a published version is edited in place
/// here (the audit log keeps the old values, no new version is made); a target change that should stand on the plan's
/// record as a decision goes through an adjustment proposal (ReviseTarget), which publishes the next version.
/// </summary>
public sealed class IndicatorWriter(AppDbContext db, IndicatorPages pages, IStringLocalizer<SharedResource> localizer, DomainWords words)
{
    public async Task<IndicatorWriteResult> CreateAsync(int planId, IndicatorInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var header = await pages.HeaderAsync(planId, cancellationToken);
        if (header is null)
        {
            return IndicatorWriteResult.Missing;
        }

        var version = await db.PlanVersions.SingleAsync(v => v.Id == header.VersionId, cancellationToken);
        var nodes = await NodesAsync(header.VersionId, input.NodeIds, cancellationToken);
        if (nodes is null)
        {
            return IndicatorWriteResult.Missing;
        }

        var names = await db.Indicators.Where(i => i.PlanVersionId == header.VersionId).Select(i => i.Name).ToListAsync(cancellationToken);
        var ordinal = await db.Indicators.Where(i => i.PlanVersionId == header.VersionId).MaxAsync(i => (int?)i.Ordinal, cancellationToken) ?? 0;
        var (indicator, problems) = Indicator.Create(input.ToDraft(), names, ordinal + 1, Guid.NewGuid());
        if (indicator is null)
        {
            return IndicatorWriteResult.Refused(words.Of(problems));
        }

        indicator.LinkExactly(nodes);
        version.AddIndicator(indicator);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return IndicatorWriteResult.Done;
    }

    public async Task<IndicatorWriteResult> ReviseAsync(int planId, int indicatorId, IndicatorInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var indicator = await CurrentIndicatorAsync(planId, indicatorId, cancellationToken);
        if (indicator is null)
        {
            return IndicatorWriteResult.Missing;
        }

        var nodes = await NodesAsync(indicator.PlanVersionId, input.NodeIds, cancellationToken);
        if (nodes is null)
        {
            return IndicatorWriteResult.Missing;
        }

        if (indicator.RowVersion != input.RowVersion)
        {
            return IndicatorWriteResult.Refused(localizer["Indicators.Stale"].Value);
        }

        var names = await db.Indicators.Where(i => i.PlanVersionId == indicator.PlanVersionId && i.Id != indicator.Id).Select(i => i.Name).ToListAsync(cancellationToken);
        var problems = indicator.Revise(input.ToDraft(), names);
        if (problems.Count > 0)
        {
            return IndicatorWriteResult.Refused(words.Of(problems));
        }

        indicator.LinkExactly(nodes);

        // The row is written even when only its links changed, so that its xmin moves and an older form is stale.
        var entry = db.Entry(indicator);
        entry.Property(i => i.Name).IsModified = true;
        entry.Property(i => i.RowVersion).OriginalValue = input.RowVersion;
        return await SaveAsync(transaction, cancellationToken);
    }

    public async Task<IndicatorWriteResult> DeleteAsync(int planId, int indicatorId, uint rowVersion, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var indicator = await CurrentIndicatorAsync(planId, indicatorId, cancellationToken);
        if (indicator is null)
        {
            return IndicatorWriteResult.Missing;
        }

        if (indicator.RowVersion != rowVersion)
        {
            return IndicatorWriteResult.Refused(localizer["Indicators.Stale"].Value);
        }

        // Every unit's values count, not only those the signed-in user may read.
        var values = await db.IndicatorValues.IgnoreQueryFilters().CountAsync(v => v.IndicatorId == indicator.Id, cancellationToken);
        if (values > 0)
        {
            return IndicatorWriteResult.Refused(localizer["Indicators.DeleteHasValues", indicator.Name, values].Value);
        }

        db.Entry(indicator).Property(i => i.RowVersion).OriginalValue = rowVersion;
        db.Indicators.Remove(indicator);
        return await SaveAsync(transaction, cancellationToken);
    }

    public async Task<IndicatorWriteResult> ChangeThresholdsAsync(int planId, ThresholdsInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return IndicatorWriteResult.Missing;
        }

        if (plan.RowVersion != input.RowVersion)
        {
            return IndicatorWriteResult.Refused(localizer["Thresholds.Stale"].Value);
        }

        var problems = plan.ChangeThresholds(input.ToThresholds());
        if (problems.Count > 0)
        {
            return IndicatorWriteResult.Refused(words.Of(problems));
        }

        db.Entry(plan).Property(p => p.RowVersion).OriginalValue = input.RowVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return IndicatorWriteResult.Done;
        }
        catch (DbUpdateConcurrencyException)
        {
            return IndicatorWriteResult.Refused(localizer["Thresholds.Stale"].Value);
        }
    }

    private async Task<IndicatorWriteResult> SaveAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return IndicatorWriteResult.Done;
        }
        catch (DbUpdateConcurrencyException)
        {
            return IndicatorWriteResult.Refused(localizer["Indicators.Stale"].Value);
        }
    }

    /// <summary>An indicator of the plan's current version (tracked, with its links), or null.</summary>
    private async Task<Indicator?> CurrentIndicatorAsync(int planId, int indicatorId, CancellationToken cancellationToken)
    {
        var header = await pages.HeaderAsync(planId, cancellationToken);
        return header is null
            ? null
            : await db.Indicators.Include(i => i.Links).SingleOrDefaultAsync(i => i.Id == indicatorId && i.PlanVersionId == header.VersionId, cancellationToken);
    }

    /// <summary>The named nodes of the version (tracked); null when one is not the version's (a 404).</summary>
    private async Task<List<Domain.Plans.PlanNode>?> NodesAsync(int versionId, IReadOnlyCollection<int> nodeIds, CancellationToken cancellationToken)
    {
        var wanted = nodeIds.Distinct().ToList();
        var nodes = await db.PlanNodes.Where(n => n.PlanVersionId == versionId && n.Kind != Domain.Plans.NodeKind.Paragraph && wanted.Contains(n.Id)).ToListAsync(cancellationToken);
        return nodes.Count == wanted.Count ? nodes : null;
    }
}
