using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.PlanImport;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Shared;

namespace PlanTracker.Web.Features.Plans;

/// <summary>
/// The read side of the plan browser: plan list, outline, node page and search, each projected straight into
/// its view model with no tracking. A plan is shown at its current version (the highest number) unless asked.
/// </summary>
public sealed class PlanBrowser(AppDbContext db)
{
    public const int SearchPageSize = 20;
    public const int MaxQueryLength = 50;

    private static readonly Expression<Func<Plan, PlanFacts>> FactsOf = p =>
        new PlanFacts(p.Id, p.Title, p.DocumentNumber, p.Issuer, p.IssueDate, p.StartYear, p.EndYear, p.Status);

    public async Task<PlanListViewModel> ListAsync(CancellationToken cancellationToken)
    {
        var plans = await db.Plans.AsNoTracking()
            .OrderByDescending(p => p.StartYear).ThenBy(p => p.Id)
            .Select(FactsOf)
            .ToListAsync(cancellationToken);

        // One grouped query for every plan's current version, counted in SQL.
        var versions = await CurrentVersions(null)
            .Select(v => new
            {
                v.PlanId,
                v.Number,
                Chapters = v.Nodes.Count(n => n.Kind == NodeKind.Chapter && n.ParentId == null && n.Number != null), // the appendix is not a numbered chapter
                Tasks = v.Nodes.Count(n => n.Kind == NodeKind.Task),
                Indicators = v.Indicators.Count,
            })
            .ToDictionaryAsync(v => v.PlanId, cancellationToken);

        return new PlanListViewModel(plans.Select(p => versions.TryGetValue(p.Id, out var v)
            ? new PlanListItem(p, v.Number, v.Chapters, v.Tasks, v.Indicators)
            : new PlanListItem(p, null, 0, 0, 0)).ToList());
    }

    public async Task<OutlineViewModel?> OutlineAsync(int planId, int? versionNumber, CancellationToken cancellationToken)
    {
        var header = await HeaderAsync(planId, versionNumber, cancellationToken);
        if (header is null)
        {
            return null;
        }

        // One version's outline is a few hundred rows; the tree is assembled here without the texts.
        var rows = await db.PlanNodes.AsNoTracking()
            .Where(n => n.PlanVersionId == header.VersionId)
            .OrderBy(n => n.Position)
            .Select(n => new { n.Id, n.ParentId, n.Kind, n.Number, n.Title })
            .ToListAsync(cancellationToken);

        var byId = new Dictionary<int, OutlineNode>(rows.Count);
        var roots = new List<OutlineNode>();
        foreach (var row in rows)
        {
            var node = new OutlineNode(row.Id, row.Kind, row.Number, row.Title);
            byId[row.Id] = node;
            if (row.ParentId is int parentId && byId.TryGetValue(parentId, out var parent))
            {
                parent.Children.Add(node);
            }
            else
            {
                roots.Add(node);
            }
        }

        foreach (var root in roots)
        {
            CountTasks(root);
        }

        var indicators = await db.Indicators.AsNoTracking()
            .Where(i => i.PlanVersionId == header.VersionId)
            .OrderBy(i => i.Ordinal)
            .Select(i => new IndicatorRow(
                i.Id, i.Category, i.Name, i.Unit, i.BaselineYear, i.Baseline == null ? null : i.Baseline.Text,
                i.TargetYear, i.Target.Text, i.Target.Comparison, i.Nature))
            .ToListAsync(cancellationToken);

        // Warnings are not stored: the parser is deterministic, so reading the kept source again reproduces them.
        var source = await db.PlanVersions.AsNoTracking().Where(v => v.Id == header.VersionId).Select(v => v.SourceText).SingleAsync(cancellationToken);
        var warnings = source is null ? [] : PlanTextParser.Parse(source).Plan?.Warnings ?? [];

        return new OutlineViewModel(
            header,
            roots,
            rows.Count(r => r.Kind == NodeKind.Task),
            rows.Count(r => r.Kind == NodeKind.SpecialColumn),
            indicators,
            warnings);
    }

    public async Task<NodeViewModel?> NodeAsync(int planId, int nodeId, CancellationToken cancellationToken)
    {
        var node = await db.PlanNodes.AsNoTracking()
            .Where(n => n.Id == nodeId && db.PlanVersions.Any(v => v.Id == n.PlanVersionId && v.PlanId == planId))
            .Select(n => new
            {
                n.Id,
                n.PlanVersionId,
                n.Kind,
                n.Number,
                n.Title,
                n.Text,
                n.SourceStart,
                n.SourceLength,
                VersionNumber = db.PlanVersions.Where(v => v.Id == n.PlanVersionId).Select(v => v.Number).First(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (node is null)
        {
            return null;
        }

        var header = await HeaderAsync(planId, node.VersionNumber, cancellationToken);
        if (header is null)
        {
            return null;
        }

        // Ancestors and descendants come from the version's id/parent pairs: a few hundred small rows.
        var tree = await db.PlanNodes.AsNoTracking()
            .Where(n => n.PlanVersionId == node.PlanVersionId)
            .OrderBy(n => n.Position)
            .Select(n => new { n.Id, n.ParentId, n.Kind, n.Number, n.Title, n.SourceStart, n.SourceLength })
            .ToListAsync(cancellationToken);
        var byId = tree.ToDictionary(n => n.Id);

        var ancestors = new List<Breadcrumb>();
        for (var parentId = byId[node.Id].ParentId; parentId is int id && byId.TryGetValue(id, out var parent); parentId = parent.ParentId)
        {
            ancestors.Insert(0, new Breadcrumb(parent.Id, parent.Kind, parent.Number, parent.Title));
        }

        var children = tree.Where(n => n.ParentId == node.Id && n.Kind != NodeKind.Paragraph)
            .Select(n => new NodeChild(n.Id, n.Kind, n.Number, n.Title)).ToList();

        var descendantIds = new HashSet<int> { node.Id };
        foreach (var row in tree)
        {
            if (row.ParentId is int parentId && descendantIds.Contains(parentId))
            {
                descendantIds.Add(row.Id);
            }
        }

        var tasks = tree.Where(n => n.Kind == NodeKind.Task && descendantIds.Contains(n.Id)).ToList();

        IReadOnlyList<TextSegment> text;
        if (node.SourceStart is int start && node.SourceLength is int length)
        {
            var source = await db.PlanVersions.AsNoTracking()
                .Where(v => v.Id == node.PlanVersionId && v.SourceText != null)
                .Select(v => v.SourceText!.Substring(start, length))
                .SingleOrDefaultAsync(cancellationToken);

            // A heading's own line is the page's title already: the text starts on the line after it.
            var headingEnd = source is not null && node.Kind is NodeKind.Chapter or NodeKind.Section or NodeKind.Item or NodeKind.SpecialColumn
                ? source.IndexOf('\n', StringComparison.Ordinal) + 1
                : 0;
            text = source is null
                ? TextSegments.MarkTasks(node.Text, 0, [])
                : TextSegments.MarkTasks(
                    source[headingEnd..],
                    start + headingEnd,
                    tasks.Where(t => t.Id != node.Id && t.SourceStart is not null)
                        .Select(t => (t.Id, new SourceSpan(t.SourceStart!.Value, t.SourceLength!.Value))));
        }
        else
        {
            text = TextSegments.MarkTasks(node.Text, 0, []);
        }

        return new NodeViewModel(
            header,
            new NodeDetail(node.Id, node.Kind, node.Number, node.Title, node.SourceStart, node.SourceLength),
            ancestors,
            text,
            children,
            tasks.Where(t => t.Id != node.Id).Select(t => new NodeChild(t.Id, t.Kind, t.Number, t.Title)).ToList());
    }

    public async Task<SearchViewModel> SearchAsync(string? query, int? planId, int page, CancellationToken cancellationToken)
    {
        var choices = await db.Plans.AsNoTracking().OrderBy(p => p.Id).Select(p => new PlanChoice(p.Id, p.Title)).ToListAsync(cancellationToken);
        var q = (query ?? string.Empty).Trim();
        if (q.Length == 0)
        {
            return new SearchViewModel(q, planId, choices, [], 0, 1, SearchPageSize, null);
        }

        if (q.Length > MaxQueryLength)
        {
            return new SearchViewModel(q[..MaxQueryLength], planId, choices, [], 0, 1, SearchPageSize, "Search.TooLong");
        }

        page = Paging.Page(page, SearchPageSize);

        var currentVersions = CurrentVersions(planId);
        var pattern = LikePatterns.Containing(q);
        var matches = db.PlanNodes.AsNoTracking()
            .Where(n => currentVersions.Any(v => v.Id == n.PlanVersionId))
            .Where(n => EF.Functions.ILike(n.Title, pattern, LikePatterns.Escape) || EF.Functions.ILike(n.Text, pattern, LikePatterns.Escape));

        var total = await matches.CountAsync(cancellationToken);
        var rows = await matches
            .OrderBy(n => n.PlanVersionId).ThenBy(n => n.Position)
            .Skip((page - 1) * SearchPageSize)
            .Take(SearchPageSize)
            .Select(n => new
            {
                n.Id,
                n.Kind,
                n.Number,
                n.Title,
                n.Text,
                Parent = n.Parent == null ? null : new { n.Parent.Id, n.Parent.Kind, n.Parent.Number, n.Parent.Title },
                Plan = db.PlanVersions.Where(v => v.Id == n.PlanVersionId).Select(v => new { v.PlanId, v.Plan!.Title }).First(),
            })
            .ToListAsync(cancellationToken);

        // A paragraph has no heading of its own: the hit names and links the heading it stands under
        // (or the outline, for the preamble before the first chapter).
        var hits = rows.Select(r =>
        {
            var snippet = TextSegments.Snippet(r.Text.Contains(q, StringComparison.OrdinalIgnoreCase) ? r.Text : r.Title, q);
            return r.Kind != NodeKind.Paragraph
                ? new SearchHit(r.Plan.PlanId, r.Plan.Title, r.Id, r.Kind, NodeLabel.Of(r.Kind, r.Number, r.Title), snippet)
                : new SearchHit(r.Plan.PlanId, r.Plan.Title, r.Parent?.Id, r.Parent?.Kind ?? NodeKind.Paragraph, r.Parent is null ? r.Plan.Title : NodeLabel.Of(r.Parent.Kind, r.Parent.Number, r.Parent.Title), snippet);
        }).ToList();
        return new SearchViewModel(q, planId, choices, hits, total, page, SearchPageSize, null);
    }

    /// <summary>Each plan's current version: the highest version number.</summary>
    private IQueryable<PlanVersion> CurrentVersions(int? planId) =>
        db.PlanVersions.AsNoTracking()
            .Where(v => v.Number == db.PlanVersions.Where(o => o.PlanId == v.PlanId).Max(o => o.Number))
            .Where(v => planId == null || v.PlanId == planId);

    private async Task<PlanHeader?> HeaderAsync(int planId, int? versionNumber, CancellationToken cancellationToken)
    {
        var facts = await db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(FactsOf).SingleOrDefaultAsync(cancellationToken);
        if (facts is null)
        {
            return null;
        }

        var versions = await db.PlanVersions.AsNoTracking()
            .Where(v => v.PlanId == planId)
            .OrderBy(v => v.Number)
            .Select(v => new { v.Id, v.Number, v.Status })
            .ToListAsync(cancellationToken);
        var version = versionNumber is int wanted ? versions.SingleOrDefault(v => v.Number == wanted) : versions.LastOrDefault();
        return version is null
            ? null
            : new PlanHeader(facts, version.Id, version.Number, version.Status, versions.Select(v => v.Number).ToList());
    }

    private static void CountTasks(OutlineNode node)
    {
        foreach (var child in node.Children)
        {
            CountTasks(child);
        }

        node.TaskCount = (node.Kind == NodeKind.Task ? 1 : 0) + node.Children.Sum(c => c.TaskCount);
    }

}
