using System.Globalization;
using PlanTracker.Load;

// plantracker-load run --url URL --connection CS --out DIR [options]: see bench/load.sh, which starts everything it needs.
if (args.Length > 0 && args[0] == "verify")
{
    // plantracker-load verify --connection CS --ledger FILE: holds a run's ledger against PostgreSQL again.
    var index = Array.IndexOf(args, "--ledger");
    var ledgerFile = index > 0 && index + 1 < args.Length ? args[index + 1] : throw new ArgumentException("--ledger is required");
    var connectionAt = Array.IndexOf(args, "--connection");
    var entries = await Ledger.ReadAsync(ledgerFile, CancellationToken.None);
    var checkedLedger = await Verifier.VerifyAsync(args[connectionAt + 1], entries, CancellationToken.None);
    Console.WriteLine($"persisted ÷ acknowledged = {checkedLedger.AcknowledgedPersisted} ÷ {checkedLedger.Acknowledged} = {checkedLedger.Ratio:0.000}; duplicates {checkedLedger.Duplicates}, content differs {checkedLedger.ContentMismatches}, half-written {checkedLedger.HalfWritten}, failed {checkedLedger.FailedWrites} (stored whole {checkedLedger.FailedButStoredWhole}), refused {checkedLedger.RefusedWrites} (stored {checkedLedger.RefusedButStored})");
    foreach (var problem in checkedLedger.Problems)
    {
        Console.WriteLine(problem);
    }

    return checkedLedger.Holds ? 0 : 3;
}

if (args.Length == 0 || args[0] != "run")
{
    Console.Error.WriteLine("usage: plantracker-load run --url URL --connection CS --out DIR [--users 200] [--seconds 600] [--think 6] [--accounts FILE]");
    Console.Error.WriteLine("       [--fault-stop CMD --fault-start CMD [--fault-at SECONDS] [--fault-down 15]] [--markdown FILE] [--about FILE]");
    return 2;
}

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
double Number(string name, double fallback) => Option(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

var seconds = Number("--seconds", 600);
var output = Option("--out") ?? "load-run";
var settings = new LoadSettings(
    new Uri(Option("--url") ?? throw new ArgumentException("--url is required")),
    Option("--connection") ?? throw new ArgumentException("--connection is required"),
    (int)Number("--users", 200),
    seconds,
    output)
{
    AccountsFile = Option("--accounts") ?? Path.Combine(output, "accounts.tsv"),
    ThinkSeconds = Number("--think", 6),
    Seed = (int)Number("--seed", 1),
    Fault = Option("--fault-stop") is { } stop
        ? new FaultPlan(stop, Option("--fault-start") ?? throw new ArgumentException("--fault-start is required with --fault-stop"), Number("--fault-at", seconds / 2), Number("--fault-down", 15))
        : null,
};

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var result = await LoadRun.RunAsync(settings, Console.Out, cancel.Token);
var about = Option("--about") is { } aboutFile ? await File.ReadAllLinesAsync(aboutFile) : [];
var markdown = LoadReport.Markdown(result, about);
if (Option("--markdown") is { } markdownFile)
{
    await File.WriteAllTextAsync(markdownFile, markdown);
}

Console.WriteLine(markdown);
var verdicts = LoadReport.Verdicts(result);
foreach (var failure in verdicts.Where(v => !v.Met))
{
    Console.Error.WriteLine("NOT MET: " + failure.Text);
}

foreach (var problem in result.Verification.Problems.Take(20))
{
    Console.Error.WriteLine("ledger: " + problem);
}

return verdicts.All(v => v.Met) ? 0 : 3;
