using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Access;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Infrastructure.Seed;

namespace PlanTracker.Infrastructure.Identity;

/// <summary>
/// The demo accounts of the embedded default (Development only). They share one published password, so the app
/// refuses to start in Production while any of them still has it.
/// </summary>
public sealed class DemoAccounts(AppDbContext db, UserManager<AppUser> users, RoleManager<IdentityRole> roles)
{
    public const string Password = "Demo-PlanTracker-2026";

    /// <summary>User name, display name, role, unit code (null: the ministry).</summary>
    public static readonly IReadOnlyList<(string UserName, string DisplayName, string Role, string? UnitCode)> All =
    [
        ("admin", "系统管理员", Roles.Administrator, null),
        ("planner", "规划司 王规划", Roles.Planner, null),
        ("evaluator", "评估专家 李评估", Roles.Evaluator, null),
        ("bj-reporter", "北京市科委 填报员", Roles.Reporter, "110000"),
        ("bj-reviewer", "北京市科委 审核员", Roles.Reviewer, "110000"),
        ("sh-reporter", "上海市科委 填报员", Roles.Reporter, "310000"),
        ("sh-reviewer", "上海市科委 审核员", Roles.Reviewer, "310000"),
        ("gd-reporter", "广东省科技厅 填报员", Roles.Reporter, "440000"),
        ("gd-reviewer", "广东省科技厅 审核员", Roles.Reviewer, "440000"),
        ("sz-reporter", "深圳市科创委 填报员", Roles.Reporter, "440300"),
        ("sz-reviewer", "深圳市科创委 审核员", Roles.Reviewer, "440300"),
    ];

    /// <summary>Creates the roles, and the demo accounts that are missing.</summary>
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await EnsureRolesAsync(roles);
        var ministry = await db.Units.Where(u => u.Name == UnitSeeder.MinistryName).Select(u => (int?)u.Id).SingleOrDefaultAsync(cancellationToken);
        var unitsByCode = await db.Units.Where(u => u.Code != null).ToDictionaryAsync(u => u.Code!, u => u.Id, cancellationToken);
        foreach (var (userName, displayName, role, unitCode) in All)
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }

            var user = new AppUser
            {
                UserName = userName,
                DisplayName = displayName,
                UnitId = unitCode is null ? ministry : unitsByCode[unitCode],
                CreatedAt = DateTimeOffset.UtcNow,
            };
            Check(await users.CreateAsync(user, Password), userName);
            Check(await users.AddToRoleAsync(user, role), userName);
        }
    }

    /// <summary>The demo account names that still accept the demo password.</summary>
    public async Task<IReadOnlyList<string>> WithDemoPasswordAsync()
    {
        var found = new List<string>();
        foreach (var (userName, _, _, _) in All)
        {
            if (await users.FindByNameAsync(userName) is { } user && await users.CheckPasswordAsync(user, Password))
            {
                found.Add(userName);
            }
        }

        return found;
    }

    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), role);
            }
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding {what} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
