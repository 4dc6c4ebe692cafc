using System.Globalization;
using System.Security.Cryptography;
using Npgsql;
using PlanTracker.Cli;

namespace PlanTracker.Load;

/// <summary>One virtual user's account: its role, its unit (for a provincial account) and its password.</summary>
public sealed record Account(string UserName, string Role, int UnitId, string? UnitCode, string Password)
{
    public const string Prefix = "load-";

    public string ToLine() => string.Join('\t', UserName, Role, UnitId.ToString(CultureInfo.InvariantCulture), UnitCode ?? "-", Password);

    public static Account FromLine(string line)
    {
        var parts = line.Split('\t');
        return new Account(parts[0], parts[1], int.Parse(parts[2], CultureInfo.InvariantCulture), parts[3] == "-" ? null : parts[3], parts[4]);
    }
}

/// <summary>How many virtual users of each role a run of N users has.</summary>
public sealed record Mix(int Reporters, int Reviewers, int Planners, int Evaluators)
{
    public int Total => Reporters + Reviewers + Planners + Evaluators;

    /// <summary>
    /// The share of a reporting season: most people at work are the units' reporters (70 %), then their reviewers (18 %),
    /// the ministry's planners watching dashboards and deciding (10 %), and a few evaluators downloading reports (2 %,
    /// at least one).
    /// </summary>
    public static Mix Of(int users)
    {
        var evaluators = Math.Max(1, (int)Math.Round(users * 0.02));
        var planners = Math.Max(1, (int)Math.Round(users * 0.10));
        var reviewers = Math.Max(1, (int)Math.Round(users * 0.18));
        var reporters = Math.Max(1, users - evaluators - planners - reviewers);
        return new Mix(reporters, reviewers, planners, evaluators);
    }
}

/// <summary>
/// Creates the virtual users' accounts through the administrators' own command (`plantracker add-user`, run in-process
/// against the benchmark's database): Identity hashes each random password as for any account. Passwords go to the
/// accounts file under .bench/ (mode 600), never into the repository. Accounts already in the file are kept.
/// </summary>
public static class AccountProvisioning
{
    public static async Task<IReadOnlyList<Account>> EnsureAsync(string connectionString, string accountsFile, Mix mix, TextWriter log, CancellationToken cancellationToken)
    {
        var known = File.Exists(accountsFile)
            ? (await File.ReadAllLinesAsync(accountsFile, cancellationToken)).Where(l => l.Length > 0).Select(Account.FromLine).ToDictionary(a => a.UserName)
            : [];
        var units = await ReportingUnitsAsync(connectionString, cancellationToken);
        if (units.Count == 0)
        {
            throw new InvalidOperationException("no reporting unit with a code has assigned tasks: generate the scale data first");
        }

        var wanted = new List<(string UserName, string Role, int UnitId, string? Code)>();
        for (var i = 0; i < mix.Reporters; i++)
        {
            var unit = units[i % units.Count];
            wanted.Add(($"{Account.Prefix}r{unit.Code}-{(i / units.Count) + 1}", "Reporter", unit.Id, unit.Code));
        }

        for (var i = 0; i < mix.Reviewers; i++)
        {
            var unit = units[i % units.Count];
            wanted.Add(($"{Account.Prefix}v{unit.Code}-{(i / units.Count) + 1}", "Reviewer", unit.Id, unit.Code));
        }

        var ministry = await MinistryIdAsync(connectionString, cancellationToken);
        for (var i = 1; i <= mix.Planners; i++)
        {
            wanted.Add(($"{Account.Prefix}planner-{i}", "Planner", ministry, null));
        }

        for (var i = 1; i <= mix.Evaluators; i++)
        {
            wanted.Add(($"{Account.Prefix}evaluator-{i}", "Evaluator", ministry, null));
        }

        var existing = await ExistingUsersAsync(connectionString, cancellationToken);
        var created = 0;
        foreach (var (userName, role, unitId, code) in wanted.Where(w => !known.ContainsKey(w.UserName)))
        {
            if (existing.Contains(userName))
            {
                throw new InvalidOperationException($"account {userName} exists in the database but not in {accountsFile}: its password is lost; remove the accounts named {Account.Prefix}* or regenerate the data");
            }

            var password = NewPassword();
            var args = new List<string> { "add-user", userName, "--role", role, "--name", "负载测试 " + userName };
            if (code is not null)
            {
                args.AddRange(["--unit", code]);
            }

            using var error = new StringWriter();
            var exit = await CliApplication.RunAsync([.. args], TextWriter.Null, error, cancellationToken, connectionString, new StringReader(password));
            if (exit != CliApplication.Success)
            {
                throw new InvalidOperationException($"add-user {userName} failed ({exit}): {error}");
            }

            var account = new Account(userName, role, unitId, code, password);
            known[userName] = account;
            await AppendAsync(accountsFile, account, cancellationToken);
            created++;
        }

        await log.WriteLineAsync($"accounts: {wanted.Count} wanted, {created} created now");
        return [.. wanted.Select(w => known[w.UserName])];
    }

    private static string NewPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('/', 'x').Replace('+', 'y') + "aA1!";

    private static async Task AppendAsync(string file, Account account, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            await File.WriteAllTextAsync(file, string.Empty, cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        await File.AppendAllLinesAsync(file, [account.ToLine()], cancellationToken);
    }

    private static async Task<List<(int Id, string Code)>> ReportingUnitsAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT u.id, u.code FROM units u WHERE u.code IS NOT NULL AND u.code <> '' AND EXISTS (SELECT 1 FROM task_assignments a WHERE a.unit_id = u.id) ORDER BY u.id",
            connection);
        var units = new List<(int, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            units.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        return units;
    }

    private static async Task<int> MinistryIdAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT min(id) FROM units WHERE kind = 'Ministry'", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task<HashSet<string>> ExistingUsersAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT user_name FROM users WHERE user_name LIKE 'load-%'", connection);
        var names = new HashSet<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
