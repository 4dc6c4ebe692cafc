using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Units;

namespace PlanTracker.Web.Features.Units;

/// <summary>A section of the unit list: the ministry's own units, or one reporting group.</summary>
public enum UnitSection
{
    Ministry,
    Provincial,
    SeparatelyPlannedCity,
    Xpcc,
    HighTechZone,
}

public sealed record UnitRow(int Id, string Name, string? Code, UnitKind Kind, string? ParentName, bool IsActive, int LeadCount, int ParticipatingCount);

public sealed record UnitSectionRows(UnitSection Section, IReadOnlyList<UnitRow> Units);

public sealed record UnitListViewModel(IReadOnlyList<UnitSectionRows> Sections, bool OwnUnitOnly);

public sealed record UnitDetail(
    int Id,
    string Name,
    string? NameEn,
    string? Code,
    UnitKind Kind,
    int? ParentId,
    string? ParentName,
    bool IsActive,
    string? ContactName,
    string? ContactPhone,
    string? ContactEmail)
{
    public bool ReportsProgress => Kind is not (UnitKind.Ministry or UnitKind.Department);
}

public sealed record UnitAssignmentRow(int PlanId, string PlanTitle, int VersionNumber, int TaskId, string TaskLabel, string? ColumnLabel, AssignmentRole Role, DateTimeOffset AssignedAt);

public sealed record UnitPageViewModel(UnitDetail Unit, IReadOnlyList<UnitAssignmentRow> Assignments)
{
    public int LeadCount => Assignments.Count(a => a.Role == AssignmentRole.Lead);

    public int ParticipatingCount => Assignments.Count(a => a.Role == AssignmentRole.Participating);
}
