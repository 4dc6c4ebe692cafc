using Microsoft.Extensions.Localization;
using PlanTracker.Domain.Assignments;

namespace PlanTracker.Web.Features.Assignments;

/// <summary>What a planner reads after a POST: what was stored, or why nothing was.</summary>
public static class AssignmentMessages
{
    public static string Refusal(IStringLocalizer localizer, AssignmentRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(refusal);
        return localizer["Assignments.Refusal." + refusal.Reason, refusal.UnitName ?? refusal.UnitId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty];
    }

    public static string Stored(IStringLocalizer localizer, AssignmentOutcome outcome, IReadOnlyDictionary<int, string> unitNames)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(unitNames);
        if (outcome.Changes.Count == 0)
        {
            return localizer["Assignments.Stored.NoChange"];
        }

        var removed = outcome.Changes.Count(c => c.Kind == AssignmentChangeKind.Remove);
        if (removed > 0)
        {
            return localizer["Assignments.Stored.Removed", removed];
        }

        var message = localizer["Assignments.Stored.Assigned", outcome.Changes.Count(c => c.Kind == AssignmentChangeKind.Add), outcome.Changes.Count(c => c.Kind == AssignmentChangeKind.ChangeRole && !c.IsDemotion)].Value;
        foreach (var demotion in outcome.Changes.Where(c => c.IsDemotion))
        {
            message += localizer["Assignments.Stored.Demoted", unitNames.GetValueOrDefault(demotion.UnitId, "#" + demotion.UnitId)].Value;
        }

        return message;
    }
}
