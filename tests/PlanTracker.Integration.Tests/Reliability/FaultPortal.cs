using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PlanTracker.Integration.Tests.Reliability;

/// <summary>
/// The portal as users meet it: the built PlanTracker.Web.dll in a process of its own on a loopback port, over a
/// database the test owns. A real process, so it can be killed with SIGKILL and its connection pools are its own.
/// </summary>
internal sealed class FaultPortal : IAsyncDisposable
{
    private bool _disposed;

    private FaultPortal(Process process, Uri baseAddress, string logPath)
    {
        Process = process;
        BaseAddress = baseAddress;
        LogPath = logPath;
    }

    public Process Process { get; }

    public Uri BaseAddress { get; }

    public string LogPath { get; }

    public bool HasExited => Process.HasExited;

    /// <summary>
    /// Starts the app and waits for /health/ready. <paramref name="connectionString"/> null: the embedded default, with
    /// its cluster in <paramref name="embeddedDataDirectory"/>. Development, so sign-in cookies work over plain HTTP.
    /// </summary>
    public static async Task<FaultPortal> StartAsync(string? connectionString, string logPath, string? embeddedDataDirectory = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var dll = WebDll();
        var start = new ProcessStartInfo("/bin/sh")
        {
            // exec: the shell becomes the app, so the PID we hold is the app's and SIGKILL reaches it.
            ArgumentList = { "-c", "exec dotnet \"$0\" >>\"$1\" 2>&1", dll, logPath },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["Urls"] = baseAddress.ToString().TrimEnd('/');
        // The daily warning scan judges every plan at start: CPU the fault runs do not need.
        start.Environment["Monitoring__DailyScan"] = "false";
        // The sign-in limit per address is counted in the database and so outlives a killed process: the fault runs sign
        // in a dozen times a minute from loopback and do not measure the limit (BruteForceTests and TwoInstancesTests do).
        start.Environment["Security__SignInPermitsPerMinute"] = "1000";
        if (connectionString is not null)
        {
            start.Environment["ConnectionStrings__PlanTracker"] = connectionString;
        }
        else
        {
            start.Environment.Remove("ConnectionStrings__PlanTracker");
            start.Environment["LocalPostgres__DataDirectory"] = embeddedDataDirectory ?? throw new ArgumentNullException(nameof(embeddedDataDirectory));
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the portal");
        var portal = new FaultPortal(process, baseAddress, logPath);
        await portal.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        return portal;
    }

    public async Task WaitUntilReadyAsync(TimeSpan within)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"The portal stopped while starting (exit {Process.ExitCode}); its log:{Environment.NewLine}{LogTail()}");
            }

            try
            {
                using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The portal did not get ready within {within.TotalSeconds} s; its log:{Environment.NewLine}{LogTail()}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, no stopping of anything the app started.</summary>
    public void Kill()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: false);
        }

        Process.WaitForExit(10_000);
    }

    public string LogTail(int lines = 60)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return string.Join(Environment.NewLine, reader.ReadToEnd().Split('\n').TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!Process.HasExited)
        {
            // SIGTERM: a graceful stop (the embedded default stops its cluster on the way out).
            using var term = Process.Start("kill", ["-TERM", Process.Id.ToString(CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await Process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                Process.Kill();
            }
        }

        Process.Dispose();
    }

    /// <summary>src/PlanTracker.Web/bin/{configuration}/net10.0/PlanTracker.Web.dll of this checkout, built with the tests.</summary>
    public static string WebDll()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent?.Name ?? "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PlanTracker.sln")))
            {
                var dll = Path.Combine(dir.FullName, "src", "PlanTracker.Web", "bin", configuration, "net10.0", "PlanTracker.Web.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"The portal is not built at {dll} (the test project builds it: see its ProjectReference).", dll);
            }
        }

        throw new DirectoryNotFoundException("PlanTracker.sln not found above " + AppContext.BaseDirectory);
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
