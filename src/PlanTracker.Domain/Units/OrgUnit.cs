namespace PlanTracker.Domain.Units;

/// <summary>
/// An organisational unit: the ministry and its departments, the provincial-level reporting units
/// (provinces, separately planned cities, the XPCC) and national high-tech zones.
/// </summary>
public sealed class OrgUnit
{
    private OrgUnit()
    {
        Name = string.Empty;
    }

    public OrgUnit(string name, string? nameEn, UnitKind kind, string? code, int sortOrder, OrgUnit? parent = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (code is not null && (code.Length != 6 || !code.All(char.IsAsciiDigit)))
        {
            throw new ArgumentException($"A GB/T 2260 code has six digits; '{code}' does not.", nameof(code));
        }

        Name = name.Trim();
        NameEn = nameEn;
        Kind = kind;
        Code = code;
        SortOrder = sortOrder;
        Parent = parent;
        IsActive = true;
    }

    public int Id { get; private set; }

    /// <summary>GB/T 2260 administrative division code where the unit has one (110000 for 北京市).</summary>
    public string? Code { get; private set; }

    public string Name { get; private set; }

    public string? NameEn { get; private set; }

    public UnitKind Kind { get; private set; }

    public int? ParentId { get; private set; }

    public OrgUnit? Parent { get; private set; }

    public int SortOrder { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>Who to call when a report is overdue (催报).</summary>
    public string? ContactName { get; private set; }

    public string? ContactPhone { get; private set; }

    public string? ContactEmail { get; private set; }

    public uint RowVersion { get; private set; }

    /// <summary>Units that report progress on their own tasks, as opposed to the ministry that reviews them.</summary>
    public bool ReportsProgress => Kind is not (UnitKind.Ministry or UnitKind.Department);

    /// <summary>Changes what an administrator may change; the same guards as a new unit.</summary>
    public void Update(string name, string? nameEn, UnitKind kind, string? code, int sortOrder, OrgUnit? parent, bool isActive)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (code is not null && (code.Length != 6 || !code.All(char.IsAsciiDigit)))
        {
            throw new ArgumentException($"A GB/T 2260 code has six digits; '{code}' does not.", nameof(code));
        }

        for (var ancestor = parent; ancestor is not null; ancestor = ancestor.Parent)
        {
            if (ancestor == this)
            {
                throw new ArgumentException("A unit cannot sit under itself.", nameof(parent));
            }
        }

        Name = name.Trim();
        NameEn = nameEn;
        Kind = kind;
        Code = code;
        SortOrder = sortOrder;
        Parent = parent;
        ParentId = parent?.Id;
        IsActive = isActive;
    }

    public void SetContact(string? name, string? phone, string? email)
    {
        ContactName = name;
        ContactPhone = phone;
        ContactEmail = email;
    }
}

public enum UnitKind
{
    Ministry,
    Department,
    Province,
    Municipality,
    AutonomousRegion,
    SeparatelyPlannedCity,
    Xpcc,
    HighTechZone,
}
