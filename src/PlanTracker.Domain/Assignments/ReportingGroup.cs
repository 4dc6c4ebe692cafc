using PlanTracker.Domain.Units;

namespace PlanTracker.Domain.Assignments;

/// <summary>How reporting units are grouped when a planner picks them: 省/自治区/直辖市, 计划单列市, 兵团, 国家高新区.</summary>
public enum ReportingGroup
{
    Provincial,
    SeparatelyPlannedCity,
    Xpcc,
    HighTechZone,
}

public static class ReportingGroups
{
    public static readonly IReadOnlyList<ReportingGroup> All = [ReportingGroup.Provincial, ReportingGroup.SeparatelyPlannedCity, ReportingGroup.Xpcc, ReportingGroup.HighTechZone];

    /// <summary>The group a unit is picked in; null for the ministry and its departments, which take no tasks.</summary>
    public static ReportingGroup? Of(UnitKind kind) => kind switch
    {
        UnitKind.Province or UnitKind.Municipality or UnitKind.AutonomousRegion => ReportingGroup.Provincial,
        UnitKind.SeparatelyPlannedCity => ReportingGroup.SeparatelyPlannedCity,
        UnitKind.Xpcc => ReportingGroup.Xpcc,
        UnitKind.HighTechZone => ReportingGroup.HighTechZone,
        _ => null,
    };
}
