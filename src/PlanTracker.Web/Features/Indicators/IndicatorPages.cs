using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Plans;

namespace PlanTracker.Web.Features.Indicators;

/// <summary>
/// Reads for the indicator and threshold pages. The indicators are the plan's current version's (the highest number the
/// reader may see: the query filters hide draft plans and versions from everyone but planners).
/// </summary>
public sealed class IndicatorPages(AppDbContext db)
{
    public async Task<IndicatorPlanHeader?> HeaderAsync(int planId, CancellationToken cancellationToken) =>
        await db.PlanVersions.AsNoTracking()
            .Where(v => v.PlanId == planId)
            .OrderByDescending(v => v.Number)
            .Select(v => new IndicatorPlanHeader(v.PlanId, v.Plan!.Title, v.Id, v.Number, v.Status))
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<IndicatorListViewModel?> ListAsync(int planId, bool canEdit, IReadOnlyList<string>? problems, CancellationToken cancellationToken)
    {
        var header = await HeaderAsync(planId, cancellationToken);
        if (header is null)
        {
            return null;
        }

        var indicators = await db.Indicators.AsNoTracking()
            .Where(i => i.PlanVersionId == header.VersionId)
            .OrderBy(i => i.Ordinal).ThenBy(i => i.Id)
            .Select(i => new
            {
                Indicator = i,
                Links = i.Links.OrderBy(l => l.Node!.Position).Select(l => new { l.Node!.Kind, l.Node.Number, l.Node.Title }).ToList(),
            })
            .ToListAsync(cancellationToken);
        var rows = indicators.Select(x => new IndicatorRow(
            x.Indicator.Id, x.Indicator.Ordinal, x.Indicator.Category, x.Indicator.Name, x.Indicator.Nature, x.Indicator.Unit,
            x.Indicator.BaselineYear, x.Indicator.Baseline, x.Indicator.BaselineNote, x.Indicator.TargetYear, x.Indicator.Target,
            x.Indicator.Direction, x.Indicator.Aggregation,
            x.Links.Select(l => NodeLabel.Of(l.Kind, l.Number, l.Title)).ToList(), x.Indicator.RowVersion)).ToList();
        return new IndicatorListViewModel(header, rows, canEdit, problems ?? []);
    }

    /// <summary>The form for a new indicator (indicatorId null) or an existing one of the current version; null when there is none.</summary>
    public async Task<IndicatorFormViewModel?> FormAsync(int planId, int? indicatorId, IndicatorInput? typed, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var header = await HeaderAsync(planId, cancellationToken);
        if (header is null)
        {
            return null;
        }

        var input = typed;
        if (indicatorId is int id)
        {
            var indicator = await db.Indicators.AsNoTracking().Include(i => i.Links)
                .SingleOrDefaultAsync(i => i.Id == id && i.PlanVersionId == header.VersionId, cancellationToken);
            if (indicator is null)
            {
                return null;
            }

            input ??= new IndicatorInput
            {
                Name = indicator.Name,
                Category = indicator.Category,
                Unit = indicator.Unit,
                Nature = indicator.Nature,
                Direction = indicator.Direction,
                Aggregation = indicator.Aggregation,
                BaselineYear = indicator.BaselineYear,
                BaselineText = indicator.Baseline?.Text,
                BaselineNote = indicator.BaselineNote,
                TargetYear = indicator.TargetYear,
                TargetText = indicator.Target.Text,
                PlannedMilestones = indicator.PlannedMilestones,
                NodeIds = indicator.Links.Select(l => l.PlanNodeId).ToList(),
                RowVersion = indicator.RowVersion,
            };
        }

        var nodes = await db.PlanNodes.AsNoTracking()
            .Where(n => n.PlanVersionId == header.VersionId && n.Kind != NodeKind.Paragraph)
            .OrderBy(n => n.Position)
            .Select(n => new { n.Id, n.Kind, n.Number, n.Title, n.Depth })
            .ToListAsync(cancellationToken);
        return new IndicatorFormViewModel(
            header,
            indicatorId,
            input ?? new IndicatorInput(),
            nodes.Select(n => new LinkableNode(n.Id, NodeLabel.Of(n.Kind, n.Number, n.Title), n.Depth)).ToList(),
            problems);
    }

    public async Task<ThresholdsViewModel?> ThresholdsAsync(int planId, bool canEdit, ThresholdsInput? typed, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().Where(p => p.Id == planId)
            .Select(p => new { p.Id, p.Title, p.Thresholds, p.RowVersion })
            .SingleOrDefaultAsync(cancellationToken);
        return plan is null
            ? null
            : new ThresholdsViewModel(plan.Id, plan.Title, typed ?? ThresholdsInput.From(plan.Thresholds, plan.RowVersion), canEdit, problems);
    }
}
