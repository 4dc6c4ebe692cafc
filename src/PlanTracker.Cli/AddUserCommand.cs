using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanTracker.Domain.Access;
using PlanTracker.Infrastructure.Identity;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Infrastructure.Seed;

namespace PlanTracker.Cli;

/// <summary>
/// `plantracker add-user USERNAME --role ROLE [--unit CODE] [--name NAME]`: creates an account, e.g. the first
/// administrator of a new installation (no demo accounts exist outside the embedded default). The password is read
/// from PLANTRACKER_NEW_PASSWORD or, failing that, from the first line of standard input — never from the arguments,
/// which other users of the machine can see.
/// </summary>
internal static class AddUserCommand
{
    public const string PasswordVariable = "PLANTRACKER_NEW_PASSWORD";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TextReader input, CliApplication.DatabaseWork withDatabase, CancellationToken cancellationToken)
    {
        var userName = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        var role = Option(args, "--role");
        var unitCode = Option(args, "--unit");
        var displayName = Option(args, "--name") ?? userName;
        if (userName is null || role is null)
        {
            return CliApplication.Fail(error, CliApplication.BadInput, "用法 / usage: plantracker add-user USERNAME --role Administrator|Planner|Evaluator|Reporter|Reviewer [--unit CODE] [--name NAME]");
        }

        if (!Roles.All.Contains(role))
        {
            return CliApplication.Fail(error, CliApplication.BadInput, $"未知角色 / unknown role: {role}（{string.Join(", ", Roles.All)}）");
        }

        var password = Environment.GetEnvironmentVariable(PasswordVariable) ?? await input.ReadLineAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(password))
        {
            return CliApplication.Fail(error, CliApplication.BadInput, $"缺少密码 / no password: set {PasswordVariable} or pipe it on standard input");
        }

        return await withDatabase(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var users = services.GetRequiredService<UserManager<AppUser>>();
            await DemoAccounts.EnsureRolesAsync(services.GetRequiredService<RoleManager<IdentityRole>>());
            var unit = await db.Units.AsNoTracking()
                .Where(u => unitCode == null ? u.Name == UnitSeeder.MinistryName : u.Code == unitCode)
                .Select(u => new { u.Id, u.Name, u.Kind })
                .SingleOrDefaultAsync(cancellationToken);
            if (unit is null)
            {
                return CliApplication.Fail(error, CliApplication.BadInput, unitCode is null
                    ? "单位表为空 / no ministry unit: run plantracker seed-demo first"
                    : $"未知单位代码 / no unit with code {unitCode}");
            }

            if (!Roles.FitsUnit(role, unit.Kind))
            {
                return CliApplication.Fail(error, CliApplication.BadInput, $"角色 {role} 不能属于 {unit.Name} / role {role} does not fit unit {unit.Name}");
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var user = new AppUser { UserName = userName, DisplayName = displayName!, UnitId = unit.Id, CreatedAt = DateTimeOffset.UtcNow };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return CliApplication.Fail(error, CliApplication.BadInput, "未创建 / not created: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, role);
            await transaction.CommitAsync(cancellationToken);
            output.WriteLine($"已创建用户 {userName}（{role}，{unit.Name}） / user created");
            return CliApplication.Success;
        });
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
