using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Units;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Web.Features.Admin;

/// <summary>Administrators keep the unit tree: names, GB/T 2260 codes, kinds, parents, contacts, active or not.</summary>
public sealed class UnitAdmin(AppDbContext db)
{
    public async Task<UnitListViewModel> ListAsync(CancellationToken cancellationToken) =>
        new(await db.Units.AsNoTracking()
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Id)
            .Select(u => new UnitRow(
                u.Id,
                u.Name,
                u.Code,
                u.Kind,
                u.Parent == null ? null : u.Parent.Name,
                u.IsActive,
                u.ContactName,
                u.ContactPhone,
                db.Users.Count(x => x.UnitId == u.Id)))
            .ToListAsync(cancellationToken));

    public async Task<UnitEditViewModel?> GetAsync(int? id, CancellationToken cancellationToken)
    {
        var input = new UnitInput();
        if (id is int unitId)
        {
            var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, cancellationToken);
            if (unit is null)
            {
                return null;
            }

            input = new UnitInput
            {
                Name = unit.Name,
                NameEn = unit.NameEn,
                Kind = unit.Kind,
                Code = unit.Code,
                ParentId = unit.ParentId,
                SortOrder = unit.SortOrder,
                IsActive = unit.IsActive,
                ContactName = unit.ContactName,
                ContactPhone = unit.ContactPhone,
                ContactEmail = unit.ContactEmail,
                RowVersion = unit.RowVersion,
            };
        }

        return new UnitEditViewModel(id, input, await ParentsAsync(id, cancellationToken));
    }

    public Task<bool> ExistsAsync(int id, CancellationToken cancellationToken) => db.Units.AnyAsync(u => u.Id == id, cancellationToken);

    public Task<List<UnitChoice>> ParentsAsync(int? except, CancellationToken cancellationToken) =>
        db.Units.AsNoTracking().Where(u => u.Id != except).OrderBy(u => u.SortOrder).Select(u => new UnitChoice(u.Id, u.Name, u.Kind)).ToListAsync(cancellationToken);

    /// <returns>The unit's id, or a refusal; null when <paramref name="id"/> names no unit.</returns>
    public async Task<(AdminResult Result, int? Id)?> SaveAsync(int? id, UnitInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var code = string.IsNullOrWhiteSpace(input.Code) ? null : input.Code.Trim();
        var name = input.Name.Trim();
        if (await db.Units.AnyAsync(u => u.Id != id && (u.Name == name || (code != null && u.Code == code)), cancellationToken))
        {
            return (AdminResult.Refused("Units.Duplicate"), null);
        }

        var parent = input.ParentId is int parentId ? await db.Units.SingleOrDefaultAsync(u => u.Id == parentId, cancellationToken) : null;
        if (input.ParentId is not null && parent is null)
        {
            return (AdminResult.Refused("Units.UnknownParent"), null);
        }

        OrgUnit unit;
        if (id is int unitId)
        {
            var existing = await db.Units.SingleOrDefaultAsync(u => u.Id == unitId, cancellationToken);
            if (existing is null)
            {
                return null;
            }

            unit = existing;
            db.Entry(unit).Property(u => u.RowVersion).OriginalValue = input.RowVersion;
            for (var ancestor = parent; ancestor is not null; ancestor = ancestor.ParentId is int next ? await db.Units.SingleAsync(u => u.Id == next, cancellationToken) : null)
            {
                if (ancestor.Id == unit.Id)
                {
                    return (AdminResult.Refused("Units.Cycle"), null);
                }
            }

            unit.Update(name, input.NameEn, input.Kind!.Value, code, input.SortOrder, parent, input.IsActive);
        }
        else
        {
            unit = new OrgUnit(name, input.NameEn, input.Kind!.Value, code, input.SortOrder, parent);
            db.Units.Add(unit);
        }

        unit.SetContact(input.ContactName, input.ContactPhone, input.ContactEmail);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (AdminResult.Refused("Common.ChangedBySomeoneElse"), null);
        }

        return (AdminResult.Done, unit.Id);
    }
}
