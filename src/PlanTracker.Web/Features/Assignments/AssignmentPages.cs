using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Units;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Plans;

namespace PlanTracker.Web.Features.Assignments;

/// <summary>The read side of the planner's assignment pages, projected with no tracking.</summary>
public sealed class AssignmentPages(AppDbContext db)
{
    public async Task<TaskAssignmentViewModel?> TaskAsync(int taskId, TaskAssignmentInput? input, string? refusal, CancellationToken cancellationToken)
    {
        var current = db.CurrentVersions();
        var row = await db.PlanNodes.AsNoTracking()
            .Where(n => n.Id == taskId && n.Kind == NodeKind.Task)
            .Select(n => new
            {
                n.Id,
                n.Number,
                n.Title,
                Version = db.PlanVersions.Where(v => v.Id == n.PlanVersionId).Select(v => new { v.PlanId, v.Number, PlanTitle = v.Plan!.Title }).First(),
                IsCurrent = current.Any(v => v.Id == n.PlanVersionId),
                Column = n.Parent != null && n.Parent.Kind == NodeKind.SpecialColumn ? new { n.Parent.Id, n.Parent.Number, n.Parent.Title } : null,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var task = new TaskSummary(
            row.Id,
            row.Version.PlanId,
            row.Version.PlanTitle,
            row.Version.Number,
            row.IsCurrent,
            NodeLabel.Of(NodeKind.Task, row.Number, row.Title),
            row.Column?.Id,
            row.Column is null ? null : NodeLabel.Of(NodeKind.SpecialColumn, row.Column.Number, row.Column.Title));

        var assigned = await db.TaskAssignments.AsNoTracking()
            .Where(a => a.TaskId == taskId)
            .OrderBy(a => a.Role).ThenBy(a => a.Unit!.SortOrder)
            .Select(a => new AssignedUnit(a.UnitId, a.Unit!.Name, a.Unit.Code, a.Unit.Kind, a.Role, a.AssignedAt))
            .ToListAsync(cancellationToken);
        var held = assigned.ToDictionary(a => a.UnitId, a => a.Role);

        var units = await db.Units.AsNoTracking()
            .Where(u => u.IsActive && u.Kind != UnitKind.Ministry && u.Kind != UnitKind.Department)
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Id)
            .Select(u => new { u.Id, u.Name, u.Code, u.Kind, ParentName = u.Parent == null ? null : u.Parent.Name })
            .ToListAsync(cancellationToken);
        var groups = ReportingGroups.All
            .Select(g => new UnitGroupChoices(g, units.Where(u => ReportingGroups.Of(u.Kind) == g)
                .Select(u => new UnitChoice(u.Id, u.Name, u.Code, u.ParentName, held.TryGetValue(u.Id, out var role) ? role : null))
                .ToList()))
            .Where(g => g.Units.Count > 0)
            .ToList();

        return new TaskAssignmentViewModel(task, assigned, groups, input ?? new TaskAssignmentInput(), refusal);
    }

    public async Task<UnitAssignmentViewModel?> UnitAsync(int unitId, int? planId, UnitAssignmentInput? input, string? refusal, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsNoTracking()
            .Where(u => u.Id == unitId)
            .Select(u => new UnitSummary(u.Id, u.Name, u.Code, u.Kind, u.Kind != UnitKind.Ministry && u.Kind != UnitKind.Department, u.IsActive))
            .SingleOrDefaultAsync(cancellationToken);
        if (unit is null)
        {
            return null;
        }

        var plans = await db.Plans.AsNoTracking()
            .OrderByDescending(p => p.StartYear).ThenBy(p => p.Id)
            .Select(p => new PlanOption(p.Id, p.Title))
            .ToListAsync(cancellationToken);
        var plan = plans.FirstOrDefault(p => p.Id == (input?.PlanId ?? planId)) ?? plans.FirstOrDefault();
        if (plan is null)
        {
            return new UnitAssignmentViewModel(unit, plans, null, null, [], input ?? new UnitAssignmentInput(), refusal);
        }

        var version = await db.CurrentVersions().Where(v => v.PlanId == plan.Id).Select(v => (int?)v.Number).SingleOrDefaultAsync(cancellationToken);
        var tasks = await db.CurrentTasksOf(plan.Id).AsNoTracking()
            .OrderBy(n => n.Position)
            .Select(n => new
            {
                n.Id,
                n.Number,
                n.Title,
                Column = n.Parent != null && n.Parent.Kind == NodeKind.SpecialColumn ? new { n.Parent.Id, n.Parent.Number, n.Parent.Title } : null,
                Held = db.TaskAssignments.Where(a => a.TaskId == n.Id && a.UnitId == unitId).Select(a => (AssignmentRole?)a.Role).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        var columns = tasks
            .GroupBy(t => t.Column?.Id)
            .Select(g =>
            {
                var column = g.First().Column;
                return new ColumnChoices(
                    g.Key,
                    column is null ? string.Empty : NodeLabel.Of(NodeKind.SpecialColumn, column.Number, column.Title),
                    g.Select(t => new TaskChoice(t.Id, NodeLabel.Of(NodeKind.Task, t.Number, t.Title), t.Held)).ToList());
            })
            .ToList();

        return new UnitAssignmentViewModel(unit, plans, plan.Id, version, columns, input ?? new UnitAssignmentInput { PlanId = plan.Id }, refusal);
    }
}
