using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PlanTracker.Infrastructure.LocalPostgres;

/// <summary>
/// A private PostgreSQL cluster in a directory of our own, listening on 127.0.0.1 only: the app's
/// database when no connection string is configured, and the throwaway server of the tests.
/// </summary>
public sealed partial class LocalPostgresCluster
{
    public const string SuperUser = "postgres";
    public const int FirstPort = 5433;

    private const string ManagedConfigFile = "plantracker.conf";
    private const string LogFile = "postgresql.log";
    private const string PidFile = "postmaster.pid";
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan InitDbTimeout = TimeSpan.FromSeconds(120);

    // One start/stop at a time per data directory within this process, so a second StartAsync
    // sees the server the first one started instead of racing it.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> DirectoryLocks = new(StringComparer.Ordinal);

    // Ports handed to clusters of this process, so parallel tests never pick the same free port
    // in the moment before either server binds it, and a stopped cluster gets its port back.
    private static readonly Dictionary<int, string> PortOwners = [];

    private readonly PostgresTools _tools;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, byte> _issuedConnectionStrings = new(StringComparer.Ordinal);

    private LocalPostgresCluster(string dataDirectory, int port, string database, PostgresTools tools, ILogger logger)
    {
        DataDirectory = dataDirectory;
        Port = port;
        Database = database;
        _tools = tools;
        _logger = logger;
    }

    public string DataDirectory { get; }

    public int Port { get; private set; }

    /// <summary>The database ensured on start; the default of <see cref="ConnectionString"/>.</summary>
    public string Database { get; }

    public string BinDirectory => _tools.BinDirectory;

    public string LogFilePath => Path.Combine(DataDirectory, LogFile);

    /// <summary>False when the server was already running (another process started it): that process may still need it.</summary>
    public bool StartedByThisProcess { get; private set; }

    /// <summary>
    /// Creates the cluster if the directory has none, starts it unless it is already running (e.g. left
    /// by an earlier run of the app), waits until it accepts connections and ensures the database exists.
    /// </summary>
    public static async Task<LocalPostgresCluster> StartAsync(LocalPostgresOptions options, ILogger logger, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (!Path.IsPathFullyQualified(options.DataDirectory))
        {
            throw new ArgumentException($"DataDirectory must be absolute: '{options.DataDirectory}'.", nameof(options));
        }

        ArgumentException.ThrowIfNullOrEmpty(options.Database);
        var dataDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.DataDirectory));
        var tools = await PostgresTools.LocateAsync(options.BinDirectory, ct).ConfigureAwait(false);
        var cluster = new LocalPostgresCluster(dataDirectory, 0, options.Database, tools, logger);

        var gate = DirectoryLocks.GetOrAdd(dataDirectory, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await cluster.StartCoreAsync(options, ct).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }

        return cluster;
    }

    public string ConnectionString(string? database = null)
    {
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = SuperUser,
            Database = database ?? Database,
        }.ConnectionString;
        _issuedConnectionStrings.TryAdd(connectionString, 0);
        return connectionString;
    }

    public Task CreateDatabaseAsync(string name, string? template = null, CancellationToken ct = default) =>
        PostgresDatabaseAdmin.CreateDatabaseAsync(ConnectionString("postgres"), name, template, ct);

    public Task DropDatabaseAsync(string name, CancellationToken ct = default) =>
        PostgresDatabaseAdmin.DropDatabaseAsync(ConnectionString("postgres"), name, ct);

    /// <summary>
    /// Stops the server (fast: disconnects clients, checkpoints) and clears the Npgsql pools of the connection
    /// strings this instance handed out. No-op if it is not running.
    /// </summary>
    public Task StopAsync(CancellationToken ct = default) => StopAsync("fast", ct);

    /// <summary>
    /// Stops the server the way a crash or a power cut would (pg_ctl stop -m immediate: no checkpoint, clients cut off);
    /// the next start replays the WAL. For the fault tests (docs/reliability.md).
    /// </summary>
    public Task StopImmediatelyAsync(CancellationToken ct = default) => StopAsync("immediate", ct);

    /// <summary>Stops the server and deletes the data directory; for throwaway clusters.</summary>
    public async Task DeleteAsync(CancellationToken ct = default)
    {
        // Immediate: a checkpoint would only write data we are about to delete.
        await StopAsync("immediate", ct).ConfigureAwait(false);
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }

        lock (PortOwners)
        {
            if (PortOwners.TryGetValue(Port, out var owner) && owner == DataDirectory)
            {
                PortOwners.Remove(Port);
            }
        }

        LogDeleted(_logger, DataDirectory);
    }

    /// <summary>
    /// Stops whatever server runs on <paramref name="dataDirectory"/> (immediate) and deletes the directory,
    /// without starting anything: for cleaning up clusters left behind by killed processes.
    /// </summary>
    public static async Task DestroyAsync(string dataDirectory, string? binDirectory, ILogger logger, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var tools = await PostgresTools.LocateAsync(binDirectory, ct).ConfigureAwait(false);
        var cluster = new LocalPostgresCluster(
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDirectory)), 0, "postgres", tools, logger);
        await cluster.DeleteAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// For throwaway clusters: a detached watcher stops the server and deletes <paramref name="directory"/>
    /// (the data directory by default; pass a parent to remove a scratch folder around it) once process
    /// <paramref name="processId"/> is gone, however it ends. Test runners kill their host process soon
    /// after the last test, too soon for cleanup in ProcessExit to finish.
    /// </summary>
    public void DeleteWhenProcessExits(int processId, string? directory = null)
    {
        directory = Path.GetFullPath(directory ?? DataDirectory);
        if (!DataDirectory.StartsWith(Path.TrimEndingDirectorySeparator(directory), StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{directory}' does not contain the data directory '{DataDirectory}'.", nameof(directory));
        }

        var stop = _tools.ServiceUserCommandLine(
            Path.Combine(BinDirectory, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "immediate", "-w"]);
        var script =
            "exec </dev/null >/dev/null 2>&1; "
            + $"while kill -0 {processId.ToString(CultureInfo.InvariantCulture)}; do sleep 0.5; done; "
            + string.Join(' ', stop.Select(PostgresTools.ShellQuote)) + "; "
            + $"rm -rf {PostgresTools.ShellQuote(directory)}";
        // setsid puts the watcher outside our process tree, so a runner killing the tree spares it.
        var startInfo = File.Exists("/usr/bin/setsid")
            ? new System.Diagnostics.ProcessStartInfo("/usr/bin/setsid") { ArgumentList = { "-f", "/bin/sh", "-c", script } }
            : new System.Diagnostics.ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", script } };
        startInfo.UseShellExecute = false;
        using var watcher = System.Diagnostics.Process.Start(startInfo)
            ?? throw new LocalPostgresException("Could not start the cleanup watcher.");
    }

    /// <summary>Whether a server is running on this data directory (pg_ctl status).</summary>
    public async Task<bool> IsRunningAsync(CancellationToken ct = default)
    {
        if (!Directory.Exists(DataDirectory))
        {
            return false;
        }

        var status = await _tools.RunToolAsync("pg_ctl", ["status", "-D", DataDirectory], ToolTimeout, ct).ConfigureAwait(false);
        return status.ExitCode == 0;
    }

    private async Task StopAsync(string mode, CancellationToken ct)
    {
        var gate = DirectoryLocks.GetOrAdd(DataDirectory, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!await IsRunningAsync(ct).ConfigureAwait(false))
            {
                return;
            }

            var result = await _tools.RunToolAsync(
                "pg_ctl",
                ["stop", "-D", DataDirectory, "-m", mode, "-w", "-t", ((int)ToolTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture)],
                ToolTimeout + TimeSpan.FromSeconds(10),
                ct).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new LocalPostgresException($"PostgreSQL did not stop: {result.CombinedOutput}{Environment.NewLine}{ReadLogTail(0)}");
            }

            // Pooled connections to the stopped server are dead; without this the first command
            // after a restart would fail with "terminating connection due to administrator command".
            foreach (var connectionString in _issuedConnectionStrings.Keys)
            {
                using var connection = new NpgsqlConnection(connectionString);
                NpgsqlConnection.ClearPool(connection);
            }

            LogStopped(_logger, DataDirectory);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task StartCoreAsync(LocalPostgresOptions options, CancellationToken ct)
    {
        await PrepareDirectoryAsync(ct).ConfigureAwait(false);
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            await InitDbAsync(options, ct).ConfigureAwait(false);
        }

        var runningPort = await FindRunningServerPortAsync(ct).ConfigureAwait(false);
        if (runningPort is int port && (options.Port is null || options.Port == port))
        {
            Port = port;
            ClaimPort(port);
            LogReused(_logger, DataDirectory, port);
        }
        else
        {
            if (runningPort is not null)
            {
                // Running on another port than the one now configured: restart so the setting takes effect.
                await StopAsync("fast", ct).ConfigureAwait(false);
            }

            await StartServerAsync(options, ct).ConfigureAwait(false);
            StartedByThisProcess = true;
        }

        await WaitForConnectionsAsync(options.StartTimeout, ct).ConfigureAwait(false);
        await PostgresDatabaseAdmin.EnsureDatabaseAsync(ConnectionString("postgres"), Database, ct).ConfigureAwait(false);
    }

    private async Task PrepareDirectoryAsync(CancellationToken ct)
    {
        var isNew = !Directory.Exists(DataDirectory);
        Directory.CreateDirectory(DataDirectory);
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")) && Directory.EnumerateFileSystemEntries(DataDirectory).Any())
        {
            throw new LocalPostgresException(
                $"'{DataDirectory}' is not empty but holds no PostgreSQL cluster (no PG_VERSION); refusing to initialize over it.");
        }

        if (!_tools.RunAsServiceUser || OperatingSystem.IsWindows())
        {
            return;
        }

        if (isNew || !File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            await _tools.GiveToServiceUserAsync(DataDirectory, ct).ConfigureAwait(false);
            File.SetUnixFileMode(DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var access = await _tools.RunAsServiceUserAsync("test", ["-w", DataDirectory, "-a", "-x", DataDirectory], ToolTimeout, ct)
            .ConfigureAwait(false);
        if (access.ExitCode != 0)
        {
            var blocking = FindUntraversableAncestor(DataDirectory);
            throw new LocalPostgresException(
                $"The '{PostgresTools.ServiceUser}' OS user (PostgreSQL will not run as root) cannot use '{DataDirectory}'"
                + (blocking is null ? "; it must own it." : $": '{blocking}' is not searchable by others (needs o+x).")
                + " Choose a data directory outside private home directories, e.g. under /var/lib or /tmp.");
        }
    }

    private static string? FindUntraversableAncestor(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        for (var dir = Path.GetDirectoryName(path); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if ((File.GetUnixFileMode(dir) & UnixFileMode.OtherExecute) == 0)
            {
                return dir;
            }
        }

        return null;
    }

    private async Task InitDbAsync(LocalPostgresOptions options, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        var result = await _tools.RunToolAsync(
            "initdb",
            ["-D", DataDirectory, "-U", SuperUser, "--auth=trust", "--encoding=UTF8", $"--locale={options.Locale}"],
            InitDbTimeout,
            ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new LocalPostgresException($"initdb failed for '{DataDirectory}': {Tail(result.CombinedOutput, 30)}");
        }

        // Our settings live in a file we own and rewrite on each start; postgresql.conf stays initdb's.
        await File.AppendAllTextAsync(
            Path.Combine(DataDirectory, "postgresql.conf"),
            $"{Environment.NewLine}include_if_exists = '{ManagedConfigFile}'{Environment.NewLine}",
            ct).ConfigureAwait(false);
        LogInitialized(_logger, DataDirectory, (DateTime.UtcNow - started).TotalMilliseconds);
    }

    /// <summary>
    /// The port of a server already running on this directory, or null. A postmaster.pid whose PID now
    /// belongs to another program (typical after a reboot or container restart) would make PostgreSQL refuse
    /// to start ("lock file already exists"), so such a stale file is removed.
    /// </summary>
    private async Task<int?> FindRunningServerPortAsync(CancellationToken ct)
    {
        var pidFile = Path.Combine(DataDirectory, PidFile);
        if (!File.Exists(pidFile))
        {
            return null;
        }

        var lines = await File.ReadAllLinesAsync(pidFile, ct).ConfigureAwait(false);
        if (lines.Length > 0 && int.TryParse(lines[0], CultureInfo.InvariantCulture, out var zombie) && IsZombie(zombie))
        {
            // A killed postmaster stays a zombie until its parent (often init, slow in containers) reaps it,
            // and until then PostgreSQL itself takes the lock file as held. Wait rather than break the lock.
            LogWaitingForDeadServer(_logger, zombie);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (IsZombie(zombie) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, ct).ConfigureAwait(false);
            }
        }

        if (lines.Length > 0 && int.TryParse(lines[0], CultureInfo.InvariantCulture, out var pid) && !IsPostgresProcess(pid))
        {
            LogStalePidFile(_logger, pidFile, pid);
            File.Delete(pidFile);
            return null;
        }

        if (!await IsRunningAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        return lines.Length > 3 && int.TryParse(lines[3], CultureInfo.InvariantCulture, out var port)
            ? port
            : throw new LocalPostgresException($"A server is running on '{DataDirectory}' but {pidFile} names no port.");
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            // Field 3 of /proc/<pid>/stat, after the parenthesized command name.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var afterName = stat.LastIndexOf(')');
            return afterName > 0 && afterName + 2 < stat.Length && stat[afterName + 2] == 'Z';
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsPostgresProcess(int pid)
    {
        if (!Directory.Exists("/proc/self"))
        {
            // No procfs to ask: trust pg_ctl's own liveness check.
            return true;
        }

        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() is "postgres" or "postmaster";
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    private async Task StartServerAsync(LocalPostgresOptions options, CancellationToken ct)
    {
        var triedPorts = new HashSet<int>();
        const int maxAttempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            Port = ChoosePort(options.Port, triedPorts);
            triedPorts.Add(Port);
            await WriteManagedConfigAsync(ct).ConfigureAwait(false);

            var logOffset = File.Exists(LogFilePath) ? new FileInfo(LogFilePath).Length : 0;
            var started = DateTime.UtcNow;
            var seconds = ((int)Math.Ceiling(options.StartTimeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            var result = await _tools.RunToolAsync(
                "pg_ctl",
                ["start", "-w", "-t", seconds, "-D", DataDirectory, "-l", LogFilePath],
                options.StartTimeout + TimeSpan.FromSeconds(10),
                ct).ConfigureAwait(false);
            if (result.ExitCode == 0)
            {
                LogStarted(_logger, DataDirectory, Port, (DateTime.UtcNow - started).TotalMilliseconds);
                return;
            }

            var log = ReadLogTail(logOffset);
            var portTaken = log.Contains("could not bind", StringComparison.OrdinalIgnoreCase)
                || log.Contains("Address already in use", StringComparison.OrdinalIgnoreCase);
            if (portTaken && options.Port is null && attempt < maxAttempts)
            {
                // Another program took the port between our check and the server's bind.
                LogPortTaken(_logger, Port);
                continue;
            }

            if (log.Contains("shared memory block is still in use", StringComparison.OrdinalIgnoreCase) && attempt < maxAttempts)
            {
                // Backends of a killed postmaster exit on their own within moments; the interlock waits for them.
                triedPorts.Remove(Port);
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
                continue;
            }

            throw new LocalPostgresException(
                $"PostgreSQL did not start on port {Port} ({DataDirectory}): {result.CombinedOutput}{Environment.NewLine}"
                + $"Last lines of {LogFilePath}:{Environment.NewLine}{log}");
        }
    }

    private async Task WriteManagedConfigAsync(CancellationToken ct)
    {
        var config = new StringBuilder()
            .AppendLine("# Written by PlanTracker's LocalPostgresCluster on every start; edits here are lost.")
            // Trust authentication is acceptable only because nothing but this machine can connect.
            .AppendLine("listen_addresses = '127.0.0.1'")
            .AppendLine(CultureInfo.InvariantCulture, $"port = {Port}")
            // Unix socket paths are limited to ~107 bytes and deep data directories exceed that; TCP suffices.
            .AppendLine("unix_socket_directories = ''")
            // This holds the user's real data: durability is not traded for speed, not even in tests,
            // which should run against the configuration users get.
            .AppendLine("fsync = on")
            .AppendLine("full_page_writes = on")
            .AppendLine("synchronous_commit = on")
            .AppendLine("shared_buffers = 64MB")
            .AppendLine("max_connections = 100")
            // pg_ctl -l appends to one file forever; keep routine noise out of it.
            .AppendLine("log_checkpoints = off")
            .AppendLine("logging_collector = off")
            .ToString();
        var path = Path.Combine(DataDirectory, ManagedConfigFile);
        await File.WriteAllTextAsync(path, config, ct).ConfigureAwait(false);
        await _tools.GiveToServiceUserAsync(path, ct).ConfigureAwait(false);
    }

    private int? ReadRecordedPort()
    {
        var path = Path.Combine(DataDirectory, ManagedConfigFile);
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0] == "port" && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var port))
            {
                return port;
            }
        }

        return null;
    }

    private int ChoosePort(int? requested, HashSet<int> alreadyTried)
    {
        lock (PortOwners)
        {
            if (requested is int fixedPort)
            {
                PortOwners[fixedPort] = DataDirectory;
                return fixedPort;
            }

            var recorded = ReadRecordedPort();
            if (recorded is int previous && !alreadyTried.Contains(previous) && IsAvailableTo(previous) && IsFree(previous))
            {
                PortOwners[previous] = DataDirectory;
                return previous;
            }

            for (var port = FirstPort; port <= IPEndPoint.MaxPort; port++)
            {
                if (!alreadyTried.Contains(port) && IsAvailableTo(port) && IsFree(port))
                {
                    PortOwners[port] = DataDirectory;
                    return port;
                }
            }
        }

        throw new LocalPostgresException($"No free TCP port on 127.0.0.1 from {FirstPort} upward.");
    }

    private bool IsAvailableTo(int port) =>
        !PortOwners.TryGetValue(port, out var owner) || owner == DataDirectory;

    private void ClaimPort(int port)
    {
        lock (PortOwners)
        {
            PortOwners[port] = DataDirectory;
        }
    }

    private static bool IsFree(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }

    private async Task WaitForConnectionsAsync(TimeSpan timeout, CancellationToken ct)
    {
        // pg_ctl -w already waited for "ready"; this covers a reused server that is still recovering.
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false, Timeout = 5 };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(ct).ConfigureAwait(false);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
                return;
            }
            catch (NpgsqlException ex) when (DateTime.UtcNow < deadline)
            {
                LogWaiting(_logger, Port, ex.Message);
                await Task.Delay(250, ct).ConfigureAwait(false);
            }
            catch (NpgsqlException ex)
            {
                throw new LocalPostgresException(
                    $"PostgreSQL on port {Port} ({DataDirectory}) does not accept connections: {ex.Message}{Environment.NewLine}"
                    + $"Last lines of {LogFilePath}:{Environment.NewLine}{ReadLogTail(0)}",
                    ex);
            }
        }
    }

    private string ReadLogTail(long fromOffset)
    {
        try
        {
            using var stream = new FileStream(LogFilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            // The tail is what explains a failure; cap what we read of a log that may have grown for months.
            stream.Seek(Math.Max(fromOffset, stream.Length - 16_384), SeekOrigin.Begin);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return Tail(reader.ReadToEnd(), 20);
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    private static string Tail(string text, int lines) =>
        string.Join(Environment.NewLine, text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).TakeLast(lines));

    [LoggerMessage(Level = LogLevel.Information, Message = "Initialized PostgreSQL cluster in {DataDirectory} ({Milliseconds:0} ms)")]
    private static partial void LogInitialized(ILogger logger, string dataDirectory, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started PostgreSQL in {DataDirectory} on 127.0.0.1:{Port} ({Milliseconds:0} ms)")]
    private static partial void LogStarted(ILogger logger, string dataDirectory, int port, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reusing PostgreSQL already running in {DataDirectory} on 127.0.0.1:{Port}")]
    private static partial void LogReused(ILogger logger, string dataDirectory, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing stale {PidFile}: PID {Pid} is not a PostgreSQL server")]
    private static partial void LogStalePidFile(ILogger logger, string pidFile, int pid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for the killed PostgreSQL server (PID {Pid}) to be reaped")]
    private static partial void LogWaitingForDeadServer(ILogger logger, int pid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Port {Port} was taken before PostgreSQL could bind it; trying another")]
    private static partial void LogPortTaken(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Waiting for PostgreSQL on port {Port}: {Reason}")]
    private static partial void LogWaiting(ILogger logger, int port, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped PostgreSQL in {DataDirectory}")]
    private static partial void LogStopped(ILogger logger, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted PostgreSQL cluster {DataDirectory}")]
    private static partial void LogDeleted(ILogger logger, string dataDirectory);
}
