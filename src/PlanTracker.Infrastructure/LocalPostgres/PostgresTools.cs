namespace PlanTracker.Infrastructure.LocalPostgres;

/// <summary>
/// Finds the PostgreSQL server binaries and runs them as a user PostgreSQL accepts:
/// the server refuses to run as root, so a root process runs them as the <c>postgres</c> OS user.
/// </summary>
internal sealed class PostgresTools
{
    public const string ServiceUser = "postgres";

    private static readonly string[] RequiredTools = ["initdb", "pg_ctl"];

    private readonly string? _runuserPath;

    private PostgresTools(string binDirectory, bool runAsServiceUser)
    {
        BinDirectory = binDirectory;
        RunAsServiceUser = runAsServiceUser;
        _runuserPath = runAsServiceUser
            ? new[] { "/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser" }.FirstOrDefault(File.Exists)
            : null;
    }

    public string BinDirectory { get; }

    public bool RunAsServiceUser { get; }

    public static async Task<PostgresTools> LocateAsync(string? configuredBinDirectory, CancellationToken ct)
    {
        var runAsServiceUser = Environment.IsPrivilegedProcess;
        if (configuredBinDirectory is not null)
        {
            if (!HasRequiredTools(configuredBinDirectory))
            {
                throw new LocalPostgresException(
                    $"The configured PostgreSQL bin directory '{configuredBinDirectory}' does not contain initdb and pg_ctl.");
            }

            return new PostgresTools(configuredBinDirectory, runAsServiceUser);
        }

        var found = await FromPgConfigAsync(ct).ConfigureAwait(false)
            ?? FromDebianLayout()
            ?? FromPath();
        return found is null
            ? throw new LocalPostgresException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found: tried pg_config --bindir, "
                + "/usr/lib/postgresql/*/bin and PATH. Install the PostgreSQL server package or configure the bin directory.")
            : new PostgresTools(found, runAsServiceUser);
    }

    public Task<ProcessResult> RunToolAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct) =>
        RunAsServiceUserAsync(Path.Combine(BinDirectory, tool), arguments, timeout, ct);

    /// <summary>Runs any program as the user the server runs as (itself when not root).</summary>
    public Task<ProcessResult> RunAsServiceUserAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        var commandLine = ServiceUserCommandLine(program, arguments);
        return ProcessRunner.RunAsync(commandLine[0], commandLine.Skip(1).ToList(), timeout, ct);
    }

    /// <summary>The argv that runs <paramref name="program"/> as the service user.</summary>
    public IReadOnlyList<string> ServiceUserCommandLine(string program, IReadOnlyList<string> arguments)
    {
        if (!RunAsServiceUser)
        {
            return [program, .. arguments];
        }

        if (_runuserPath is not null)
        {
            return [_runuserPath, "-u", ServiceUser, "--", program, .. arguments];
        }

        var command = "exec " + string.Join(' ', new[] { program }.Concat(arguments).Select(ShellQuote));
        return ["su", ServiceUser, "-s", "/bin/sh", "-c", command];
    }

    public static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Gives a path we (root) created to the service user; no-op when not root.</summary>
    public async Task GiveToServiceUserAsync(string path, CancellationToken ct)
    {
        if (!RunAsServiceUser)
        {
            return;
        }

        var result = await ProcessRunner.RunAsync("chown", [$"{ServiceUser}:", path], TimeSpan.FromSeconds(30), ct)
            .ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new LocalPostgresException(
                $"Could not give '{path}' to the '{ServiceUser}' OS user (PostgreSQL refuses to run as root): {result.CombinedOutput}");
        }
    }

    private static async Task<string?> FromPgConfigAsync(CancellationToken ct)
    {
        try
        {
            var result = await ProcessRunner.RunAsync("pg_config", ["--bindir"], TimeSpan.FromSeconds(10), ct)
                .ConfigureAwait(false);
            var directory = result.StandardOutput.Trim();
            return result.ExitCode == 0 && HasRequiredTools(directory) ? directory : null;
        }
        catch (LocalPostgresException)
        {
            // pg_config is only in the client dev package; its absence is normal.
            return null;
        }
    }

    private static string? FromDebianLayout()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(dir => (Dir: dir, Version: decimal.TryParse(
                Path.GetFileName(dir), System.Globalization.NumberStyles.Number,
                System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : -1m))
            .Where(x => x.Version >= 0 && HasRequiredTools(Path.Combine(x.Dir, "bin")))
            .OrderByDescending(x => x.Version)
            .Select(x => Path.Combine(x.Dir, "bin"))
            .FirstOrDefault();
    }

    private static string? FromPath()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var pgCtl = Path.Combine(dir, "pg_ctl");
            if (!File.Exists(pgCtl))
            {
                continue;
            }

            // /usr/local/bin often holds symlinks to only some tools; the real directory has them all.
            var real = File.ResolveLinkTarget(pgCtl, returnFinalTarget: true)?.FullName ?? pgCtl;
            var realDir = Path.GetDirectoryName(real);
            if (realDir is not null && HasRequiredTools(realDir))
            {
                return realDir;
            }

            if (HasRequiredTools(dir))
            {
                return dir;
            }
        }

        return null;
    }

    private static bool HasRequiredTools(string directory) =>
        RequiredTools.All(tool => File.Exists(Path.Combine(directory, tool)));
}
