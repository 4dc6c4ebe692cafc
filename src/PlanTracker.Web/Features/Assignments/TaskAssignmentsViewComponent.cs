using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Access;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Web.Features.Assignments;

/// <summary>
/// The units on a task, for the task's page in the plan browser. The query filter shows a provincial reader its own
/// unit's assignment only; a planner gets the link to change them.
/// </summary>
public sealed class TaskAssignmentsViewComponent(AppDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int taskId)
    {
        var assigned = await db.TaskAssignments.AsNoTracking()
            .Where(a => a.TaskId == taskId)
            .OrderBy(a => a.Role).ThenBy(a => a.Unit!.SortOrder)
            .Select(a => new AssignedUnit(a.UnitId, a.Unit!.Name, a.Unit.Code, a.Unit.Kind, a.Role, a.AssignedAt))
            .ToListAsync(HttpContext.RequestAborted);
        return View("~/Features/Assignments/_TaskAssignments.cshtml", new TaskAssignmentsBlock(taskId, assigned, UserClaimsPrincipal.IsInRole(Roles.Planner)));
    }
}

public sealed record TaskAssignmentsBlock(int TaskId, IReadOnlyList<AssignedUnit> Assigned, bool CanAssign);
