namespace PlanTracker.Domain.Access;

/// <summary>
/// What the person behind a request may see: every unit's data or one unit's, and whether drafts. The database
/// context filters every unit-scoped query by it, so a page cannot forget to.
/// </summary>
public sealed record DataScope(bool AllUnits, int? UnitId, bool SeesDrafts)
{
    /// <summary>The system itself: start-up seeding, the command line, tests.</summary>
    public static readonly DataScope Unrestricted = new(AllUnits: true, UnitId: null, SeesDrafts: true);

    /// <summary>No one signed in: published data only, no unit's data.</summary>
    public static readonly DataScope Anonymous = new(AllUnits: false, UnitId: null, SeesDrafts: false);

    public static DataScope For(IReadOnlyCollection<string> roles, int? unitId)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var ministry = roles.Contains(Roles.Administrator) || roles.Contains(Roles.Planner) || roles.Contains(Roles.Evaluator);

        // A provincial account reaches its own unit only; without a unit it reaches none.
        return new DataScope(AllUnits: ministry, UnitId: ministry ? null : unitId, SeesDrafts: roles.Contains(Roles.Planner) || roles.Contains(Roles.Administrator));
    }

    public bool CanSeeUnit(int? unitId) => AllUnits || (unitId is not null && unitId == UnitId);
}

/// <summary>
/// Where the current scope comes from. Read at each query, not once: a request's context may be created (to check
/// the sign-in cookie) before the request knows who is signed in.
/// </summary>
public interface IDataScopeSource
{
    DataScope Current { get; }
}

/// <summary>A scope that does not change: the system's, or a test's.</summary>
public sealed record FixedDataScope(DataScope Current) : IDataScopeSource
{
    public static readonly FixedDataScope Unrestricted = new(DataScope.Unrestricted);
}
