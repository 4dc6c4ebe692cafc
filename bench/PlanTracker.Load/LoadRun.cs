using System.Diagnostics;
using System.Text.Json;

namespace PlanTracker.Load;

/// <summary>What a run does. Times in seconds.</summary>
public sealed record LoadSettings(Uri BaseAddress, string ConnectionString, int Users, double Seconds, string OutputDirectory)
{
    public string AccountsFile { get; init; } = "load-accounts.tsv";

    public double ThinkSeconds { get; init; } = 6;

    /// <summary>The share of saved drafts the reporter goes on to submit.</summary>
    public double SubmitShare { get; init; } = 0.75;

    /// <summary>The share of reviews and decisions that send the report back instead.</summary>
    public double ReturnShare { get; init; } = 0.15;

    /// <summary>Users start spread over this many seconds (sign-ins do not all land at once).</summary>
    public double RampSeconds { get; init; } = 30;

    public int Seed { get; init; } = 1;

    public FaultPlan? Fault { get; init; }

    /// <summary>Where requests go instead of a socket (the tests' in-process server); null for real connections.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Func<HttpMessageHandler>? Handler { get; init; }
}

/// <summary>PostgreSQL stopped in the middle of the run: the commands that stop and start it, when, and for how long.</summary>
public sealed record FaultPlan(string StopCommand, string StartCommand, double AtSeconds, double DownSeconds);

/// <summary>What the fault phase measured.</summary>
public sealed record FaultFigures(
    double StoppingAt,
    double StoppedAt,
    double StartedAt,
    double StartCommandSeconds,
    int RequestsWhileDown,
    int UnavailableChinese,
    int OtherStatuses,
    double MaxUnavailableMs,
    double MaxMsWhileDown,
    string OtherStatusSummary,
    int ReadyProbesWhileDown,
    int ReadyProbesUnhealthy,
    double? RecoveredAfterSeconds,
    double? ReadyAfterSeconds,
    int ServerErrorsAfterRecovery,
    int InFlightAtStop,
    int InFlightAtStopServerErrors);

/// <summary>The run's figures, written as results.json beside the request log and the ledger.</summary>
public sealed record LoadResult(
    DateTimeOffset StartedAt,
    LoadSettings Settings,
    Mix Mix,
    double Seconds,
    IReadOnlyList<PageFigures> Pages,
    int Requests,
    int ServerErrors,
    int ServerErrorsOutsideFault,
    int FailedRequests,
    int FailedOutsideFault,
    IReadOnlyDictionary<string, int> Writes,
    Verification Verification,
    FaultFigures? Fault);

/// <summary>
/// A whole run: accounts, targets, the virtual users for the given time (with the fault phase when asked), then the ledger
/// held against PostgreSQL once it is up.
/// </summary>
public static class LoadRun
{
    public static async Task<LoadResult> RunAsync(LoadSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.OutputDirectory);
        var mix = Mix.Of(settings.Users);
        var accounts = await AccountProvisioning.EnsureAsync(settings.ConnectionString, settings.AccountsFile, mix, log, cancellationToken);
        var targets = await Targets.ReadAsync(settings.ConnectionString, cancellationToken);
        await log.WriteLineAsync($"mix: {mix.Reporters} reporters, {mix.Reviewers} reviewers, {mix.Planners} planners, {mix.Evaluators} evaluators; {targets.Plans.Count} plans, {targets.UnitIds.Count} units");

        var recorder = new Recorder();
        var probes = new Recorder();
        var ledger = new Ledger(DateTimeOffset.UtcNow.ToString("MMddHHmmss", System.Globalization.CultureInfo.InvariantCulture));
        var startedAt = DateTimeOffset.UtcNow;
        var end = settings.Seconds;
        var ramp = Math.Min(settings.RampSeconds, settings.Seconds / 4);
        var users = accounts.Select((account, i) => new VirtualUser(account, i, settings, targets, recorder, ledger)
            .RunAsync(ramp * i / accounts.Count, end, cancellationToken)).ToList();

        using var probeStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fault = settings.Fault is { } plan ? FaultAsync(plan, recorder, log, cancellationToken) : Task.FromResult<(double, double, double, double)?>(null);
        var probing = settings.Fault is not null ? ProbeAsync(settings, accounts.First(a => a.Role == "Planner"), probes, probeStop.Token) : Task.CompletedTask;
        var progress = ProgressAsync(recorder, ledger, end, log, probeStop.Token);

        await Task.WhenAll(users);
        var faultTimes = await fault;
        await probeStop.CancelAsync();
        await probing;
        await progress;
        var seconds = recorder.Now;

        var records = recorder.Records.ToList();
        await recorder.WriteCsvAsync(Path.Combine(settings.OutputDirectory, "requests.csv"), cancellationToken);
        await probes.WriteCsvAsync(Path.Combine(settings.OutputDirectory, "probes.csv"), cancellationToken);
        await ledger.WriteAsync(Path.Combine(settings.OutputDirectory, "ledger.jsonl"), cancellationToken);

        FaultFigures? faultFigures = null;
        Func<RequestRecord, bool> outsideFault = _ => true;
        if (faultTimes is var (stopping, stopped, started, startCommand))
        {
            faultFigures = Fault(records, probes.Records.ToList(), stopping, stopped, started, startCommand);
            var recovered = started + (faultFigures.RecoveredAfterSeconds ?? (seconds - started));

            // The fault's own: what was still in flight when the stop began (its connection was cut under it) and what
            // started before the app served again.
            outsideFault = r => EndOf(r) < stopping || r.At > recovered;
        }

        await log.WriteLineAsync($"run over after {seconds:0} s: {records.Count} requests; verifying the ledger ({ledger.Entries.Count} writes) against PostgreSQL …");
        var verification = await VerifyWhenUpAsync(settings.ConnectionString, ledger.Entries, log, cancellationToken);
        var writes = ledger.Entries.GroupBy(e => $"{e.Kind} {e.Outcome}").OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        var result = new LoadResult(
            startedAt,
            settings with { ConnectionString = "(not shown)" },
            mix,
            seconds,
            Recorder.Figures(records.Where(outsideFault)),
            records.Count,
            records.Count(r => r.IsServerError),
            records.Where(outsideFault).Count(r => r.IsServerError),
            records.Count(r => r.IsFailed),
            records.Where(outsideFault).Count(r => r.IsFailed),
            writes,
            verification,
            faultFigures);
        await File.WriteAllTextAsync(Path.Combine(settings.OutputDirectory, "results.json"), JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        return result;
    }

    /// <summary>
    /// The tool's own pooled connections did not outlive a PostgreSQL restart: they are dropped, and the check is tried
    /// again for a minute while the database is not reachable.
    /// </summary>
    private static async Task<Verification> VerifyWhenUpAsync(string connectionString, IReadOnlyCollection<LedgerEntry> ledger, TextWriter log, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            try
            {
                return await Verifier.VerifyAsync(connectionString, ledger, cancellationToken);
            }
            catch (Npgsql.NpgsqlException ex) when (attempt < 12)
            {
                await log.WriteLineAsync($"verification: PostgreSQL not reachable ({ex.Message}); again in 5 s");
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            }
        }
    }

    /// <summary>
    /// At the set time: stop PostgreSQL (immediate), wait, start it again. Returns run-seconds of the stop command's start
    /// and return, and of the start's return.
    /// </summary>
    private static async Task<(double Stopping, double Stopped, double Started, double StartCommand)?> FaultAsync(FaultPlan plan, Recorder clock, TextWriter log, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, plan.AtSeconds - clock.Now)), cancellationToken);
        var stopping = clock.Now;
        await log.WriteLineAsync($"[{stopping:0}s] fault: stopping PostgreSQL ({plan.StopCommand})");
        await ShellAsync(plan.StopCommand, cancellationToken);
        var stopped = clock.Now;
        await Task.Delay(TimeSpan.FromSeconds(plan.DownSeconds), cancellationToken);
        var starting = clock.Now;
        await log.WriteLineAsync($"[{starting:0}s] fault: starting PostgreSQL again");
        await ShellAsync(plan.StartCommand, cancellationToken);
        var started = clock.Now;
        await log.WriteLineAsync($"[{started:0}s] fault: PostgreSQL accepts connections again");
        return (stopping, stopped, started, started - starting);
    }

    private static async Task ShellAsync(string command, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardOutput = false, UseShellExecute = false })
            ?? throw new InvalidOperationException("could not start bash");
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{command}` exited with {process.ExitCode}");
        }
    }

    /// <summary>
    /// Four times a second each, in two loops of their own (a slow answer of one does not hold up the other): /health/ready
    /// without a session, as a monitor sees it, and a signed-in page, as a person does.
    /// </summary>
    private static Task ProbeAsync(LoadSettings settings, Account planner, Recorder probes, CancellationToken cancellationToken) =>
        Task.WhenAll(
            ProbeLoopAsync(settings, "10.255.255.1", probes, null, "probe GET /health/ready", "/health/ready", cancellationToken),
            ProbeLoopAsync(settings, "10.255.255.2", probes, planner, "probe GET /monitoring", "/monitoring", cancellationToken));

    private static async Task ProbeLoopAsync(LoadSettings settings, string address, Recorder probes, Account? account, string name, string path, CancellationToken cancellationToken)
    {
        using var browser = new Browser(settings, address, "probe", probes);
        var signedIn = account is null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var tick = Task.Delay(250, cancellationToken);
                signedIn = signedIn || await browser.SignInAsync(account!.UserName, account.Password, cancellationToken);
                if (signedIn)
                {
                    var page = await browser.GetAsync(name, path, cancellationToken);
                    signedIn = account is null || !(page.IsRedirect && page.Location?.Contains("/account/signin", StringComparison.Ordinal) == true);
                }

                await tick;
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private static async Task ProgressAsync(Recorder recorder, Ledger ledger, double end, TextWriter log, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
                var records = recorder.Records;
                await log.WriteLineAsync($"[{recorder.Now:0}/{end:0}s] {records.Count} requests, {records.Count(r => r.IsServerError)} 5xx, {records.Count(r => r.IsFailed)} failed, {ledger.Entries.Count(e => e.Outcome == WriteOutcome.Acknowledged)} writes acknowledged");
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private static double EndOf(RequestRecord r) => r.At + (r.Milliseconds / 1000);

    private static FaultFigures Fault(List<RequestRecord> records, List<RequestRecord> probes, double stopping, double stopped, double started, double startCommand)
    {
        var inFlight = records.Where(r => r.At < stopped && EndOf(r) >= stopping).ToList();

        // Down for certain: from the stop's return to the start command's beginning. While `pg_ctl start -w` runs,
        // PostgreSQL accepts connections a little before pg_ctl sees it (it polls), so a 200 then is right, not a miss.
        var starting = started - startCommand;
        var down = records.Where(r => r.At >= stopped && r.At < starting).ToList();
        var unavailable = down.Where(r => r.ChineseUnavailable).ToList();

        // A page that needs no database (the sign-in form) may well answer 200 while it is down: that is not a failure.
        var other = down.Where(r => !r.ChineseUnavailable && r.Status is not (>= 200 and < 400)).ToList();
        var ready = probes.Where(p => p.Page == "probe GET /health/ready" && p.At >= stopped && p.At < starting).ToList();

        // Back: the first signed-in probe after the start from which every probe page answers 200.
        var pages = probes.Where(p => p.Page == "probe GET /monitoring" && p.At >= started).OrderBy(p => p.At).ToList();
        double? recovered = null;
        for (var i = 0; i < pages.Count; i++)
        {
            if (pages.Skip(i).All(p => p.Status == 200))
            {
                recovered = pages[i].At + (pages[i].Milliseconds / 1000) - started;
                break;
            }
        }

        var readyAfter = probes.Where(p => p.Page == "probe GET /health/ready" && p.At >= started && p.Status == 200).Select(p => (double?)(p.At + (p.Milliseconds / 1000) - started)).FirstOrDefault();
        var recoveredAt = started + (recovered ?? double.MaxValue / 2);
        return new FaultFigures(
            stopping,
            stopped,
            started,
            startCommand,
            down.Count - down.Count(r => r.Status is >= 200 and < 400),
            unavailable.Count,
            other.Count,
            unavailable.Count == 0 ? 0 : unavailable.Max(r => r.Milliseconds),
            down.Count == 0 ? 0 : down.Max(r => r.Milliseconds),
            string.Join(", ", other.GroupBy(r => (r.Page, r.Status)).OrderByDescending(g => g.Count()).Take(8).Select(g => $"{(g.Key.Status == 0 ? "no answer" : g.Key.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))} × {g.Count()} on `{g.Key.Page}`")),
            ready.Count,
            ready.Count(p => p.Status != 200),
            recovered,
            readyAfter,
            records.Count(r => r.At > recoveredAt && r.IsServerError),
            inFlight.Count,
            inFlight.Count(r => r.IsServerError));
    }
}
