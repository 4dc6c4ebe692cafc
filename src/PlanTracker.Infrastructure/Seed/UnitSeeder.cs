using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Units;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Infrastructure.Seed;

/// <summary>
/// Seeds the unit tree: the ministry and its departments, the 37 provincial-level reporting units of units.csv
/// (GB/T 2260 codes), and national high-tech zones. Adds only what is missing, so it can run on every start.
/// </summary>
public sealed class UnitSeeder(AppDbContext db)
{
    public const string MinistryName = "科学技术部";

    private static readonly (string Name, string NameEn)[] Departments =
    [
        ("办公厅", "General Office"),
        ("发展计划司", "Department of Development and Planning"),
        ("政策法规司", "Department of Policies and Regulations"),
        ("基础研究司", "Department of Basic Research"),
        ("高新技术发展及产业化司", "Department of High and New Technology Development and Industrialization"),
        ("农村科技司", "Department of Rural Science and Technology"),
        ("社会发展科技司", "Department of Social Development"),
        ("国际合作司", "Department of International Cooperation"),
        ("火炬高技术产业开发中心", "Torch High Technology Industry Development Center"),
    ];

    // A sample of national high-tech zones; each reports like a unit and sits under its province or city.
    private static readonly (string Name, string NameEn, string ParentCode)[] HighTechZones =
    [
        ("中关村科技园区", "Zhongguancun Science Park", "110000"),
        ("天津滨海高新技术产业开发区", "Tianjin Binhai Hi-tech Zone", "120000"),
        ("上海张江高新技术产业开发区", "Shanghai Zhangjiang Hi-tech Park", "310000"),
        ("苏州高新技术产业开发区", "Suzhou New District", "320000"),
        ("杭州高新技术产业开发区", "Hangzhou Hi-tech Zone", "330000"),
        ("合肥高新技术产业开发区", "Hefei Hi-tech Zone", "340000"),
        ("武汉东湖新技术开发区", "Wuhan East Lake Hi-tech Zone", "420000"),
        ("深圳市高新技术产业园区", "Shenzhen Hi-tech Industrial Park", "440300"),
        ("成都高新技术产业开发区", "Chengdu Hi-tech Zone", "510000"),
        ("西安高新技术产业开发区", "Xi'an Hi-tech Zone", "610000"),
    ];

    /// <returns>How many units were added.</returns>
    public async Task<int> SeedAsync(CancellationToken cancellationToken = default)
    {
        var existing = await db.Units.ToDictionaryAsync(u => u.Name, cancellationToken);
        var added = 0;

        OrgUnit Ensure(string name, string? nameEn, UnitKind kind, string? code, int sortOrder, OrgUnit? parent)
        {
            if (existing.TryGetValue(name, out var unit))
            {
                return unit;
            }

            unit = new OrgUnit(name, nameEn, kind, code, sortOrder, parent);
            db.Units.Add(unit);
            existing[name] = unit;
            added++;
            return unit;
        }

        var ministry = Ensure(MinistryName, "Ministry of Science and Technology", UnitKind.Ministry, null, 0, null);
        var order = 1;
        foreach (var (name, nameEn) in Departments)
        {
            Ensure(name, nameEn, UnitKind.Department, null, order++, ministry);
        }

        var byCode = new Dictionary<string, OrgUnit>(StringComparer.Ordinal);
        order = 100;
        foreach (var row in ReadUnitsCsv())
        {
            // A separately planned city sits under its province (大连 210200 → 辽宁 210000).
            OrgUnit? parent = row.Kind == UnitKind.SeparatelyPlannedCity && row.Code is not null
                ? byCode.GetValueOrDefault(row.Code[..2] + "0000")
                : null;
            var unit = Ensure(row.Name, row.NameEn, row.Kind, row.Code, order++, parent);
            if (row.Code is not null)
            {
                byCode[row.Code] = unit;
            }
        }

        order = 200;
        foreach (var (name, nameEn, parentCode) in HighTechZones)
        {
            Ensure(name, nameEn, UnitKind.HighTechZone, null, order++, byCode[parentCode]);
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    internal static IReadOnlyList<(string? Code, string Name, string NameEn, UnitKind Kind)> ReadUnitsCsv()
    {
        var lines = SeedResources.ReadText("units.csv").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Skip(1).Select(line =>
        {
            var cells = line.Split(',');
            if (cells.Length != 4)
            {
                throw new InvalidOperationException($"units.csv: expected code,name_zh,name_en,kind in '{line}'.");
            }

            var kind = cells[3] switch
            {
                "province" => UnitKind.Province,
                "municipality" => UnitKind.Municipality,
                "autonomous_region" => UnitKind.AutonomousRegion,
                "separately_planned_city" => UnitKind.SeparatelyPlannedCity,
                "xpcc" => UnitKind.Xpcc,
                _ => throw new InvalidOperationException($"units.csv: unknown kind '{cells[3]}'."),
            };
            return (string.IsNullOrEmpty(cells[0]) ? null : cells[0], cells[1], cells[2], kind);
        }).ToList();
    }
}
