using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Access;
using PlanTracker.Domain.Auditing;
using PlanTracker.Domain.Units;
using PlanTracker.Infrastructure.Auditing;
using PlanTracker.Infrastructure.Identity;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Shared;

namespace PlanTracker.Web.Features.Admin;

/// <summary>
/// Administrators manage accounts: create, change role and unit, reset a password, disable. Each change is one
/// transaction, and every change that alters what a person may do renews their security stamp, ending their sessions.
/// </summary>
public sealed class UserAdmin(AppDbContext db, UserManager<AppUser> users, IAuditActor actor, TimeProvider clock)
{
    public const int PageSize = 30;

    public async Task<UserListViewModel> ListAsync(string? query, int page, CancellationToken cancellationToken)
    {
        page = Paging.Page(page, PageSize);
        var q = query?.Trim();
        var rows = db.Users.AsNoTracking();
        if (!string.IsNullOrEmpty(q))
        {
            var pattern = LikePatterns.Containing(q);
            rows = rows.Where(u => EF.Functions.ILike(u.UserName!, pattern, LikePatterns.Escape) || EF.Functions.ILike(u.DisplayName, pattern, LikePatterns.Escape)
                || db.Units.Any(n => n.Id == u.UnitId && EF.Functions.ILike(n.Name, pattern, LikePatterns.Escape)));
        }

        var total = await rows.CountAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var list = await rows.OrderBy(u => u.UserName)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(u => new UserRow(
                u.Id,
                u.UserName!,
                u.DisplayName,
                db.Units.Where(n => n.Id == u.UnitId).Select(n => n.Name).FirstOrDefault(),
                db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
                u.IsDisabled,
                u.LockoutEnd != null && u.LockoutEnd > now))
            .ToListAsync(cancellationToken);
        return new UserListViewModel(list, q, total, page, PageSize);
    }

    public Task<List<UnitChoice>> UnitChoicesAsync(CancellationToken cancellationToken) =>
        db.Units.AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.SortOrder).Select(u => new UnitChoice(u.Id, u.Name, u.Kind)).ToListAsync(cancellationToken);

    public Task<bool> ExistsAsync(string id, CancellationToken cancellationToken) => db.Users.AnyAsync(u => u.Id == id, cancellationToken);

    public async Task<UserEditViewModel?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return null;
        }

        var input = new UserInput { UserName = user.UserName!, DisplayName = user.DisplayName, UnitId = user.UnitId, Role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? string.Empty };
        return new UserEditViewModel(user.Id, input, await UnitChoicesAsync(cancellationToken), user.IsDisabled, await users.IsLockedOutAsync(user));
    }

    public async Task<(AdminResult Result, string? Id)> CreateAsync(UserInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (string.IsNullOrEmpty(input.Password))
        {
            return (AdminResult.Refused("Admin.PasswordRequired"), null);
        }

        var check = await CheckRoleAndUnitAsync(input.Role, input.UnitId, cancellationToken);
        if (!check.Succeeded)
        {
            return (check, null);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = new AppUser { UserName = input.UserName.Trim(), DisplayName = input.DisplayName.Trim(), UnitId = input.UnitId, CreatedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(user, input.Password);
        if (!created.Succeeded)
        {
            return (Refused(created), null);
        }

        await users.AddToRoleAsync(user, input.Role);
        await AuditRoleAsync(user, null, input.Role, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (AdminResult.Done, user.Id);
    }

    public async Task<AdminResult?> UpdateAsync(string id, UserInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return null;
        }

        var check = await CheckRoleAndUnitAsync(input.Role, input.UnitId, cancellationToken);
        if (!check.Succeeded)
        {
            return check;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var oldRoles = await users.GetRolesAsync(user);
        var changesAccess = user.UnitId != input.UnitId || !oldRoles.SequenceEqual([input.Role]);
        user.DisplayName = input.DisplayName.Trim();
        user.UnitId = input.UnitId;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return Refused(updated);
        }

        if (!oldRoles.SequenceEqual([input.Role]))
        {
            await users.RemoveFromRolesAsync(user, oldRoles);
            await users.AddToRoleAsync(user, input.Role);
            await AuditRoleAsync(user, string.Join(",", oldRoles), input.Role, cancellationToken);
        }

        if (changesAccess)
        {
            // New unit or role: the old cookie carries the old ones, so the person signs in again.
            await users.UpdateSecurityStampAsync(user);
        }

        await transaction.CommitAsync(cancellationToken);
        return AdminResult.Done;
    }

    public async Task<AdminResult?> ResetPasswordAsync(string id, string newPassword, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, newPassword);
        if (!reset.Succeeded)
        {
            return Refused(reset);
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await AuditAsync("reset-password", user.Id, null, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return AdminResult.Done;
    }

    public async Task<AdminResult?> SetDisabledAsync(string id, bool disabled, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return null;
        }

        if (disabled && user.Id == actor.UserId)
        {
            return AdminResult.Refused("Admin.CannotDisableSelf");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.IsDisabled = disabled;
        await users.UpdateAsync(user);

        // A new stamp ends every open session of the account at its next request.
        await users.UpdateSecurityStampAsync(user);
        await transaction.CommitAsync(cancellationToken);
        return AdminResult.Done;
    }

    private async Task<AdminResult> CheckRoleAndUnitAsync(string role, int? unitId, CancellationToken cancellationToken)
    {
        if (!Roles.All.Contains(role))
        {
            return AdminResult.Refused("Admin.UnknownRole");
        }

        var unit = await db.Units.AsNoTracking().Where(u => u.Id == unitId && u.IsActive).Select(u => new { u.Kind }).SingleOrDefaultAsync(cancellationToken);
        if (unit is null)
        {
            return AdminResult.Refused("Admin.UnknownUnit");
        }

        if (!Roles.FitsUnit(role, unit.Kind))
        {
            return AdminResult.Refused(Roles.IsUnitBound(role) ? "Admin.ReporterNeedsReportingUnit" : "Admin.MinistryRoleNeedsMinistryUnit");
        }

        return AdminResult.Done;
    }

    private Task AuditRoleAsync(AppUser user, string? before, string after, CancellationToken cancellationToken) =>
        AuditAsync("set-role", user.Id, before is null ? null : JsonSerializer.Serialize(new { Role = before }), JsonSerializer.Serialize(new { Role = after }), cancellationToken);

    private async Task AuditAsync(string action, string userId, string? before, string? after, CancellationToken cancellationToken)
    {
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actor.UserId, actor.UserName, actor.UnitId, action, nameof(AppUser), userId, before, after, actor.RequestId));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static AdminResult Refused(IdentityResult result) =>
        AdminResult.Refused("Identity." + (result.Errors.FirstOrDefault()?.Code ?? "Other"));
}
