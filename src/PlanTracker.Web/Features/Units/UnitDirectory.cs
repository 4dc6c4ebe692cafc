using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Units;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Assignments;
using PlanTracker.Web.Features.Plans;

namespace PlanTracker.Web.Features.Units;

/// <summary>
/// The unit list and a unit's page. A provincial account sees its own unit only: the list holds that one unit, and
/// another unit's page is not found (the unit exists, but nothing of it is the account's to see).
/// </summary>
public sealed class UnitDirectory(AppDbContext db)
{
    public async Task<UnitListViewModel> ListAsync(CancellationToken cancellationToken)
    {
        var scope = db.Scope;
        var current = db.CurrentVersions();
        var rows = await db.Units.AsNoTracking()
            .Where(u => scope.AllUnits || u.Id == scope.UnitId)
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Id)
            .Select(u => new
            {
                u.Id,
                u.Name,
                u.Code,
                u.Kind,
                ParentName = u.Parent == null ? null : u.Parent.Name,
                u.IsActive,
                Lead = db.TaskAssignments.Count(a => a.UnitId == u.Id && a.Role == AssignmentRole.Lead && current.Any(v => v.Id == a.Task!.PlanVersionId)),
                Participating = db.TaskAssignments.Count(a => a.UnitId == u.Id && a.Role == AssignmentRole.Participating && current.Any(v => v.Id == a.Task!.PlanVersionId)),
            })
            .ToListAsync(cancellationToken);

        var sections = Enum.GetValues<UnitSection>()
            .Select(s => new UnitSectionRows(s, rows.Where(r => SectionOf(r.Kind) == s)
                .Select(r => new UnitRow(r.Id, r.Name, r.Code, r.Kind, r.ParentName, r.IsActive, r.Lead, r.Participating)).ToList()))
            .Where(s => s.Units.Count > 0)
            .ToList();
        return new UnitListViewModel(sections, !scope.AllUnits);
    }

    /// <summary>The unit and its assignments in the plans' current versions; null when it does not exist or is not the reader's to see.</summary>
    public async Task<UnitPageViewModel?> UnitAsync(int unitId, CancellationToken cancellationToken)
    {
        if (!db.Scope.CanSeeUnit(unitId))
        {
            return null;
        }

        var unit = await db.Units.AsNoTracking()
            .Where(u => u.Id == unitId)
            .Select(u => new UnitDetail(u.Id, u.Name, u.NameEn, u.Code, u.Kind, u.ParentId, u.Parent == null ? null : u.Parent.Name, u.IsActive, u.ContactName, u.ContactPhone, u.ContactEmail))
            .SingleOrDefaultAsync(cancellationToken);
        if (unit is null)
        {
            return null;
        }

        var current = db.CurrentVersions();
        var rows = await db.TaskAssignments.AsNoTracking()
            .Where(a => a.UnitId == unitId && current.Any(v => v.Id == a.Task!.PlanVersionId))
            .OrderBy(a => a.Task!.PlanVersionId).ThenBy(a => a.Task!.Position)
            .Select(a => new
            {
                Version = db.PlanVersions.Where(v => v.Id == a.Task!.PlanVersionId).Select(v => new { v.PlanId, v.Number, PlanTitle = v.Plan!.Title }).First(),
                a.TaskId,
                a.Task!.Number,
                a.Task.Title,
                Column = a.Task.Parent != null && a.Task.Parent.Kind == NodeKind.SpecialColumn ? new { a.Task.Parent.Number, a.Task.Parent.Title } : null,
                a.Role,
                a.AssignedAt,
            })
            .ToListAsync(cancellationToken);

        return new UnitPageViewModel(unit, rows.Select(r => new UnitAssignmentRow(
            r.Version.PlanId,
            r.Version.PlanTitle,
            r.Version.Number,
            r.TaskId,
            NodeLabel.Of(NodeKind.Task, r.Number, r.Title),
            r.Column is null ? null : NodeLabel.Of(NodeKind.SpecialColumn, r.Column.Number, r.Column.Title),
            r.Role,
            r.AssignedAt)).ToList());
    }

    public static UnitSection SectionOf(UnitKind kind) => ReportingGroups.Of(kind) switch
    {
        ReportingGroup.Provincial => UnitSection.Provincial,
        ReportingGroup.SeparatelyPlannedCity => UnitSection.SeparatelyPlannedCity,
        ReportingGroup.Xpcc => UnitSection.Xpcc,
        ReportingGroup.HighTechZone => UnitSection.HighTechZone,
        _ => UnitSection.Ministry,
    };
}
