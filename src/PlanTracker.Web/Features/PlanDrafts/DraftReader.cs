using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Web.Features.PlanDrafts;

/// <summary>The read side of the drafts pages: the list, the editor's outline and one node's edit page, without tracking.</summary>
public sealed class DraftReader(AppDbContext db)
{
    public async Task<DraftListViewModel> ListAsync(CancellationToken cancellationToken)
    {
        var drafts = await db.Plans.AsNoTracking()
            .Where(p => p.Status == PlanStatus.Draft)
            .OrderByDescending(p => p.CreatedAt)
            .Select(p => new DraftListItem(
                p.Id,
                p.Title,
                p.DocumentNumber,
                p.CreatedAt,
                p.Versions.OrderByDescending(v => v.Number).Select(v => v.Nodes.Count(n => n.Kind == NodeKind.Chapter && n.Number != null)).FirstOrDefault(),
                p.Versions.OrderByDescending(v => v.Number).Select(v => v.Nodes.Count(n => n.Kind == NodeKind.SpecialColumn)).FirstOrDefault(),
                p.Versions.OrderByDescending(v => v.Number).Select(v => v.Nodes.Count(n => n.Kind == NodeKind.Task)).FirstOrDefault(),
                p.Versions.OrderByDescending(v => v.Number).Select(v => v.Indicators.Count).FirstOrDefault()))
            .Take(200)
            .ToListAsync(cancellationToken);
        return new DraftListViewModel(drafts);
    }

    public async Task<DraftEditorViewModel?> EditorAsync(int planId, CancellationToken cancellationToken)
    {
        var version = await CurrentVersionAsync(planId, cancellationToken);
        if (version is null)
        {
            return null;
        }

        var rows = await db.PlanNodes.AsNoTracking()
            .Where(n => n.PlanVersionId == version.VersionId)
            .OrderBy(n => n.Position)
            .Select(n => new { n.Id, n.ParentId, n.Kind, n.Number, n.Title })
            .ToListAsync(cancellationToken);

        var byId = new Dictionary<int, DraftNode>(rows.Count);
        var roots = new List<DraftNode>();
        foreach (var row in rows.Where(r => r.Kind != NodeKind.Paragraph))
        {
            var node = new DraftNode(row.Id, row.Kind, row.Number, row.Title);
            byId[row.Id] = node;
            if (row.ParentId is int parentId && byId.TryGetValue(parentId, out var parent))
            {
                parent.Children.Add(node);
            }
            else if (row.ParentId is null)
            {
                roots.Add(node);
            }
        }

        return new DraftEditorViewModel(version, roots, rows.Count(r => r.Kind == NodeKind.Task));
    }

    public async Task<DraftNodeViewModel?> NodeAsync(int planId, int nodeId, CancellationToken cancellationToken)
    {
        var version = await CurrentVersionAsync(planId, cancellationToken);
        if (version is null)
        {
            return null;
        }

        var rows = await db.PlanNodes.AsNoTracking()
            .Where(n => n.PlanVersionId == version.VersionId && n.Kind != NodeKind.Paragraph)
            .OrderBy(n => n.Position)
            .Select(n => new { n.Id, n.ParentId, n.Kind, n.Number, n.Title, n.Depth })
            .ToListAsync(cancellationToken);
        var row = rows.SingleOrDefault(r => r.Id == nodeId);
        if (row is null)
        {
            return null;
        }

        var text = await db.PlanNodes.AsNoTracking().Where(n => n.Id == nodeId).Select(n => n.Text).SingleAsync(cancellationToken);
        var parents = rows.Where(r => r.Id != row.ParentId && PlanNode.CanHold(r.Kind, row.Kind))
            .Select(r => new DraftParentOption(r.Id, new string('　', r.Depth) + Plans.NodeLabel.Of(r.Kind, r.Number, r.Title)))
            .ToList();
        var tasks = rows.Where(r => r.ParentId == nodeId && r.Kind == NodeKind.Task)
            .Select(r => new DraftNode(r.Id, r.Kind, r.Number, r.Title))
            .ToList();
        return new DraftNodeViewModel(version, new DraftNode(row.Id, row.Kind, row.Number, row.Title), text, parents, tasks);
    }

    private Task<DraftVersion?> CurrentVersionAsync(int planId, CancellationToken cancellationToken) =>
        db.PlanVersions.AsNoTracking()
            .Where(v => v.PlanId == planId)
            .OrderByDescending(v => v.Number)
            .Select(v => new DraftVersion(v.PlanId, v.Plan!.Title, v.Plan.DocumentNumber, v.Id, v.Number, v.Status, v.RowVersion))
            .FirstOrDefaultAsync(cancellationToken);
}
