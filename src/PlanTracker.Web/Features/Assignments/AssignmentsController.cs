using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Assignments;

/// <summary>规划司 assigns the tasks of a plan's current version to reporting units: per task, or per unit.</summary>
[Authorize(Policy = Policies.Planning)]
[Route("assignments")]
public sealed class AssignmentsController(AssignmentPages pages, AssignmentWriter writer, IStringLocalizer<SharedResource> localizer) : Controller
{
    public const string NoticeKey = "Assignments.Notice";

    [HttpGet("tasks/{taskId:int}")]
    [FollowsCurrentVersion("taskId", VersionedThing.Node)]
    public async Task<IActionResult> Task(int taskId, CancellationToken cancellationToken)
    {
        var model = await pages.TaskAsync(taskId, null, null, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("tasks/{taskId:int}")]
    public async Task<IActionResult> AssignUnits(int taskId, TaskAssignmentInput input, CancellationToken cancellationToken)
    {
        var result = await writer.AssignUnitsToTaskAsync(taskId, input, cancellationToken);
        return await AfterTaskPostAsync(taskId, input, result, cancellationToken);
    }

    [HttpPost("tasks/{taskId:int}/remove")]
    public async Task<IActionResult> Remove(int taskId, RemoveAssignmentInput input, CancellationToken cancellationToken)
    {
        var result = await writer.RemoveAsync(taskId, input, cancellationToken);
        return await AfterTaskPostAsync(taskId, null, result, cancellationToken);
    }

    [HttpGet("units/{unitId:int}")]
    public async Task<IActionResult> Unit(int unitId, int? plan, CancellationToken cancellationToken)
    {
        var model = await pages.UnitAsync(unitId, plan, null, null, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("units/{unitId:int}")]
    public async Task<IActionResult> AssignTasks(int unitId, UnitAssignmentInput input, CancellationToken cancellationToken)
    {
        var result = await writer.AssignTasksToUnitAsync(unitId, input, cancellationToken);
        if (result.Outcome.Refusal is { } refusal)
        {
            var model = await pages.UnitAsync(unitId, input.PlanId, input, AssignmentMessages.Refusal(localizer, refusal), cancellationToken);
            if (model is null)
            {
                return NotFound();
            }

            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(nameof(Unit), model);
        }

        TempData[NoticeKey] = AssignmentMessages.Stored(localizer, result.Outcome, result.UnitNames);
        return RedirectToAction(nameof(Unit), new { unitId, plan = input.PlanId });
    }

    private async Task<IActionResult> AfterTaskPostAsync(int taskId, TaskAssignmentInput? input, AssignmentResult result, CancellationToken cancellationToken)
    {
        if (result.Outcome.Refusal is { } refusal)
        {
            var model = await pages.TaskAsync(taskId, input, AssignmentMessages.Refusal(localizer, refusal), cancellationToken);
            if (model is null)
            {
                return NotFound();
            }

            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(nameof(Task), model);
        }

        TempData[NoticeKey] = AssignmentMessages.Stored(localizer, result.Outcome, result.UnitNames);
        return RedirectToAction(nameof(Task), new { taskId });
    }
}
