using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Adjustments;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Shared.Figures;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.PlanVersions;

/// <summary>
/// Reads for the plan's public record of versions: the list (<see cref="PlanHistory.VersionsAsync"/> plus the approved
/// changes counted by kind in one GROUP BY), one version (<see cref="PlanSnapshots.SnapshotAsync"/>: three queries,
/// whatever the size of the plan), the diff of two versions and one subject's history, both through
/// <see cref="PlanVersionDiff.Compare"/> with unit names. Plans a person may not see (drafts, for all but planners) give
/// null, so 404; approved adjustments are read past the unit filter because they are the plan's public record.
/// </summary>
public sealed class PlanVersionPages(AppDbContext db, IStringLocalizer<SharedResource> localizer, DomainWords words)
{

    public async Task<VersionListViewModel?> ListAsync(int planId, CancellationToken cancellationToken)
    {
        var title = await PlanTitleAsync(planId, cancellationToken);
        if (title is null)
        {
            return null;
        }

        var lines = await LinesAsync(planId, cancellationToken);
        return lines.Count == 0 ? null : new VersionListViewModel(planId, title, [.. lines.AsEnumerable().Reverse()]);
    }

    /// <summary>The number of the version in force on <paramref name="day"/> (null before the first publication).</summary>
    public async Task<int?> NumberOnAsync(int planId, DateOnly day, CancellationToken cancellationToken) =>
        await PlanTitleAsync(planId, cancellationToken) is null ? null : (await db.VersionOnAsync(planId, day, cancellationToken))?.Number;

    public async Task<VersionPageViewModel?> VersionAsync(int planId, int number, CancellationToken cancellationToken)
    {
        var title = await PlanTitleAsync(planId, cancellationToken);
        var lines = title is null ? [] : await LinesAsync(planId, cancellationToken);
        var line = lines.FirstOrDefault(l => l.Number == number);
        if (line is null)
        {
            return null;
        }

        var snapshot = await db.SnapshotAsync(line.Step.VersionId, cancellationToken);
        var names = await UnitNamesAsync([snapshot], cancellationToken);
        var children = snapshot.Nodes.Where(Shown).ToLookup(n => n.ParentKey);
        VersionNode Build(NodeState node) => new(
            node,
            [.. children[node.Key].Select(Build)],
            VersionUnits.Of(snapshot, node.Key, AssignmentRole.Lead, names),
            VersionUnits.Of(snapshot, node.Key, AssignmentRole.Participating, names));
        var shownKeys = snapshot.Nodes.Where(Shown).Select(n => n.Key).ToHashSet();

        // A node whose parent is not shown (a paragraph's child) hangs at the top rather than disappearing.
        var roots = snapshot.Nodes.Where(n => Shown(n) && (n.ParentKey is not { } parent || !shownKeys.Contains(parent))).Select(Build).ToList();
        return new VersionPageViewModel(planId, title!, line, lines.Max(l => l.Number), roots, snapshot.Indicators, snapshot.Nodes.Count(n => n.Kind == NodeKind.Task));
    }

    public async Task<CompareViewModel?> CompareAsync(int planId, int from, int to, CancellationToken cancellationToken)
    {
        var title = await PlanTitleAsync(planId, cancellationToken);
        var steps = title is null ? [] : await db.VersionsAsync(planId, cancellationToken);
        var before = steps.FirstOrDefault(s => s.Number == from);
        var after = steps.FirstOrDefault(s => s.Number == to);
        if (before is null || after is null)
        {
            return null;
        }

        var snapshots = new[] { await db.SnapshotAsync(before.VersionId, cancellationToken), await db.SnapshotAsync(after.VersionId, cancellationToken) };
        var names = await UnitNamesAsync(snapshots, cancellationToken);
        var changes = from == to ? [] : PlanVersionDiff.Compare(snapshots[0], snapshots[1], names);
        var counts = Enum.GetValues<VersionChangeKind>()
            .Select(kind => (Kind: kind, Count: changes.Count(c => c.Kind == kind)))
            .Where(k => k.Count > 0)
            .Select(k => new KindCount(words.Of(k.Kind), k.Count))
            .ToList();
        var (low, high) = (Math.Min(from, to), Math.Max(from, to));
        var between = steps.Where(s => s.Number > low && s.Number <= high).ToList();
        var table = new FigureTable(
            "changes",
            localizer["Versions.DiffTable", from, to].Value,
            [new(L("Versions.Kind")), new(L("Versions.Subject")), new(L("Versions.Before")), new(L("Versions.After"))],
            [.. changes.Select(c => new FigureRow([FigureCell.Of(words.Of(c.Kind)), FigureCell.Of(c.Label), FigureCell.Of(c.Before ?? "—"), FigureCell.Of(c.After ?? "—")]))])
        { EmptyText = L("Versions.Same") };
        return new CompareViewModel(planId, title!, from, to, [.. steps.Select(s => s.Number)], changes, counts, between, table);
    }

    /// <summary>
    /// Every change to the task or indicator <paramref name="key"/>, version by version (<see cref="PlanHistory.ChangesOf"/>
    /// with unit names): one snapshot per version, then one query for the names.
    /// </summary>
    public async Task<HistoryViewModel?> HistoryAsync(int planId, Guid key, CancellationToken cancellationToken)
    {
        var title = await PlanTitleAsync(planId, cancellationToken);
        var steps = title is null ? [] : await db.VersionsAsync(planId, cancellationToken);
        var snapshots = new List<PlanSnapshot>();
        foreach (var step in steps)
        {
            snapshots.Add(await db.SnapshotAsync(step.VersionId, cancellationToken));
        }

        var latest = snapshots.LastOrDefault(s => s.Node(key) is not null || s.Indicator(key) is not null);
        if (latest is null)
        {
            return null;
        }

        var names = await UnitNamesAsync(snapshots, cancellationToken);
        var changes = PlanHistory.ChangesOf(steps, snapshots, key, names);

        var indicator = latest.Indicator(key);
        var subject = indicator?.Name ?? latest.Node(key)!.Label;
        var currentVersionId = steps[^1].VersionId;
        int? taskId = null, indicatorId = null;
        if (ReferenceEquals(latest, snapshots[^1]))
        {
            taskId = indicator is null
                ? await db.PlanNodes.AsNoTracking().Where(n => n.PlanVersionId == currentVersionId && n.Key == key && n.Kind == NodeKind.Task).Select(n => (int?)n.Id).FirstOrDefaultAsync(cancellationToken)
                : null;
            indicatorId = indicator is null
                ? null
                : await db.Indicators.AsNoTracking().Where(n => n.PlanVersionId == currentVersionId && n.Key == key).Select(n => (int?)n.Id).FirstOrDefaultAsync(cancellationToken);
        }

        // Not in the current version: an adjustment cancelled, merged or split it (the last change below says which).
        var removedIn = ReferenceEquals(latest, snapshots[^1]) ? null : (int?)steps[snapshots.IndexOf(latest) + 1].Number;
        return new HistoryViewModel(planId, title!, key, subject, indicator is not null, taskId, indicatorId, changes) { RemovedInVersion = removedIn };
    }

    private static bool Shown(NodeState node) => node.Kind is not (NodeKind.Paragraph or NodeKind.GlossaryTerm);

    private Task<string?> PlanTitleAsync(int planId, CancellationToken cancellationToken) =>
        db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => p.Title).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The published versions in order, with their days in force and the approved changes behind each counted by kind (one GROUP BY).</summary>
    private async Task<List<VersionLine>> LinesAsync(int planId, CancellationToken cancellationToken)
    {
        var steps = await db.VersionsAsync(planId, cancellationToken);
        var counts = await db.AdjustmentChanges.AsNoTracking()
            .Join(db.Adjustments.IgnoreQueryFilters().Where(a => a.PlanId == planId && a.ResultingVersionId != null), c => c.AdjustmentId, a => a.Id, (c, a) => new { a.Id, c.Kind })
            .GroupBy(x => new { x.Id, x.Kind })
            .Select(g => new { g.Key.Id, g.Key.Kind, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var lines = new List<VersionLine>();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var kinds = step.Adjustment is { } a
                ? counts.Where(c => c.Id == a.AdjustmentId).OrderBy(c => c.Kind).Select(c => new KindCount(words.Of(c.Kind), c.Count)).ToList()
                : [];
            lines.Add(new VersionLine(step, Day(step.PublishedAt), i + 1 < steps.Count ? Day(steps[i + 1].PublishedAt) : null, i == steps.Count - 1, kinds));
        }

        return lines;
    }

    public static DateOnly? Day(DateTimeOffset? at) => at is { } t ? Domain.BeijingTime.Day(t) : null;

    private async Task<IReadOnlyDictionary<int, string>> UnitNamesAsync(IEnumerable<PlanSnapshot> snapshots, CancellationToken cancellationToken)
    {
        var ids = snapshots.SelectMany(s => s.Assignments).Select(a => a.UnitId).Distinct().ToList();
        return ids.Count == 0
            ? new Dictionary<int, string>()
            : await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
    }

    private string L(string key) => localizer[key].Value;
}
