namespace PlanTracker.Domain.Access;

/// <summary>The roles people hold in the portal. A provincial role is always bound to one unit.</summary>
public static class Roles
{
    /// <summary>Manages users and units.</summary>
    public const string Administrator = "Administrator";

    /// <summary>规划司: shapes plans, assigns tasks, reviews and approves, adjusts, writes the evaluations.</summary>
    public const string Planner = "Planner";

    /// <summary>填报: enters and submits its own unit's progress.</summary>
    public const string Reporter = "Reporter";

    /// <summary>审核: checks its own unit's reports before they go to the ministry.</summary>
    public const string Reviewer = "Reviewer";

    /// <summary>评估专家: reads everything, writes assessments.</summary>
    public const string Evaluator = "Evaluator";

    public static readonly IReadOnlyList<string> All = [Administrator, Planner, Reporter, Reviewer, Evaluator];

    /// <summary>Roles that act for one provincial-level unit and see only its data.</summary>
    public static bool IsUnitBound(string role) => role is Reporter or Reviewer;

    /// <summary>
    /// Whether a person of <paramref name="role"/> may belong to a unit of <paramref name="unitKind"/>: reporters and
    /// reviewers to a reporting unit, administrators and planners to the ministry or a department, evaluators anywhere.
    /// </summary>
    public static bool FitsUnit(string role, Units.UnitKind unitKind)
    {
        var ministryUnit = unitKind is Units.UnitKind.Ministry or Units.UnitKind.Department;
        return role switch
        {
            Reporter or Reviewer => !ministryUnit,
            Administrator or Planner => ministryUnit,
            Evaluator => true,
            _ => false,
        };
    }
}
