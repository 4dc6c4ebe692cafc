using System.Globalization;
using System.Text;

namespace PlanTracker.Load;

/// <summary>A target the run is held to (docs/reliability.md, "Load") and whether the run met it.</summary>
public sealed record Verdict(string Text, bool Met);

/// <summary>The run in docs/reliability.md's words: the "## Load" section and, with a fault phase, "## Fault during load".</summary>
public static class LoadReport
{
    public const double MaxUnavailableMs = 2000;
    public const double MaxRecoverySeconds = 10;

    public static List<Verdict> Verdicts(LoadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var v = result.Verification;
        var verdicts = new List<Verdict>
        {
            new($"no server error (5xx) outside the fault window: {result.ServerErrorsOutsideFault}", result.ServerErrorsOutsideFault == 0),
            new($"no request without an answer (timeout {Browser.RequestTimeout.TotalSeconds:0} s, refused connection) outside the fault window: {result.FailedOutsideFault}", result.FailedOutsideFault == 0),
            new($"acknowledged writes persisted ÷ acknowledged = {v.AcknowledgedPersisted} ÷ {v.Acknowledged} = {v.Ratio:0.000}", v.AcknowledgedPersisted == v.Acknowledged),
            new($"no acknowledged write stored twice: {v.Duplicates}", v.Duplicates == 0),
            new($"stored content equal to what was sent: {v.ContentMismatches} differ", v.ContentMismatches == 0),
            new($"no half-written report or write: {v.HalfWritten}", v.HalfWritten == 0),
            new($"no refused write stored: {v.RefusedButStored}", v.RefusedButStored == 0),
            new($"submissions acknowledged during the run: {v.AcknowledgedSubmits}", v.AcknowledgedSubmits > 0),
        };
        if (result.Fault is { } f)
        {
            verdicts.Add(new($"while PostgreSQL was down, every answer the Chinese 503 page: {f.UnavailableChinese} of {f.RequestsWhileDown}", f.RequestsWhileDown > 0 && f.OtherStatuses == 0));
            verdicts.Add(new($"503 within {MaxUnavailableMs / 1000:0} s: slowest {f.MaxUnavailableMs:0} ms", f.UnavailableChinese > 0 && f.MaxUnavailableMs <= MaxUnavailableMs));
            verdicts.Add(new($"/health/ready unhealthy while down: {f.ReadyProbesUnhealthy} of {f.ReadyProbesWhileDown} probes", f.ReadyProbesWhileDown > 0 && f.ReadyProbesUnhealthy == f.ReadyProbesWhileDown));
            verdicts.Add(new($"serving again within {MaxRecoverySeconds:0} s of PostgreSQL's return, without a restart: {(f.RecoveredAfterSeconds is { } r ? r.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "never")}", f.RecoveredAfterSeconds is <= MaxRecoverySeconds));
        }

        return verdicts;
    }

    public static string Markdown(LoadResult result, IReadOnlyList<string> about)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(about);
        var s = result.Settings;
        var v = result.Verification;
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine("## Load").AppendLine();
        md.AppendLine(inv, $"`bash bench/load.sh` — {s.Users} simulated users for {s.Seconds:0} s (ran {result.Seconds:0} s) from loopback, {result.StartedAt:yyyy-MM-dd HH:mm} UTC{(s.Fault is null ? string.Empty : ", with PostgreSQL stopped in the middle (see the next section)")}.").AppendLine();
        foreach (var line in about)
        {
            md.AppendLine("- " + line);
        }

        md.AppendLine(inv, $"- Mix: {result.Mix.Reporters} reporters (inbox → a task not yet sent → save a draft → submit {s.SubmitShare:P0} of them), {result.Mix.Reviewers} unit reviewers (inbox → a report waiting → review, or return {s.ReturnShare:P0}), {result.Mix.Planners} planners (plan, units, task and indicator dashboards, the completeness matrix; now and then approve or return a reviewed report), {result.Mix.Evaluators} evaluator(s) (the annual evaluation report page, then its .docx or .xlsx).");
        md.AppendLine(inv, $"- Each user its own account, cookies, connections and client address (X-Forwarded-For, as behind the ministry's TLS proxy), signs in through the form, parses the antiforgery token from every form it posts; think time {s.ThinkSeconds:0.#} s ± 50 % between pages, three times that while typing; users start over {Math.Min(s.RampSeconds, s.Seconds / 4):0} s.");
        if (result.Fault is { } window)
        {
            md.AppendLine().AppendLine(inv, $"Requests in flight when PostgreSQL was stopped ({window.StoppingAt:0} s) or started before the app served again ({window.StartedAt + (window.RecoveredAfterSeconds ?? 0):0} s) are left out of this table: they are the next section's.");
        }

        md.AppendLine().AppendLine("| page | count | p50 ms | p95 ms | p99 ms | max ms | 5xx | no answer | 422 (refused, told why) | other 4xx |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in result.Pages)
        {
            md.AppendLine(inv, $"| `{p.Page}` | {p.Count:N0} | {p.P50:0} | {p.P95:0} | {p.P99:0} | {p.Max:0} | {p.ServerErrors} | {p.Failed} | {p.Refused} | {p.Other4xx} |");
        }

        md.AppendLine().AppendLine(inv, $"{result.Requests:N0} requests, {result.ServerErrors} answered 5xx ({result.ServerErrorsOutsideFault} outside the fault window), {result.FailedRequests} got no answer ({result.FailedOutsideFault} outside the fault window).");
        md.AppendLine().AppendLine("**Ledger.** The tool writes down every write it sends, with a mark of its own in the text or comment, and what the server answered. Afterwards it looks each one up in PostgreSQL:");
        md.AppendLine("a submission must be there exactly once as a submitted version with the content sent, with its 报送 event at the same instant and the audit entry that brought the text in; a draft save as exactly one audit entry with its content (and as the report's content where it was the run's last write on that report); a review, return or approval as exactly one event by its user with its comment, and the report's audited update to that status.").AppendLine();
        md.AppendLine("| writes | count |").AppendLine("|---|---:|");
        foreach (var (kind, count) in result.Writes)
        {
            md.AppendLine(inv, $"| {kind} | {count:N0} |");
        }

        md.AppendLine().AppendLine(inv, $"- Acknowledged writes persisted ÷ acknowledged: **{v.AcknowledgedPersisted:N0} ÷ {v.Acknowledged:N0} = {v.Ratio:0.000}**; submissions alone {v.AcknowledgedSubmitsPersisted:N0} ÷ {v.AcknowledgedSubmits:N0} = {v.SubmitRatio:0.000}.");
        md.AppendLine(inv, $"- Stored twice: {v.Duplicates}; content different from what was sent: {v.ContentMismatches}; half-written (a version without its event, a status its last step did not set, a failed write partly there): {v.HalfWritten}.");
        md.AppendLine(inv, $"- Writes the user was told failed (5xx or no answer): {v.FailedWrites}, of which stored whole all the same: {v.FailedButStoredWhole} (the commit landed, the answer did not: the page shows the stored state on reload). Refused writes (422, e.g. someone else changed the report first): {v.RefusedWrites}, stored: {v.RefusedButStored}.");
        md.AppendLine();
        md.AppendLine("Targets: " + string.Join("; ", Verdicts(result).Where(x => !x.Text.StartsWith("while", StringComparison.Ordinal) && !x.Text.StartsWith("503", StringComparison.Ordinal) && !x.Text.StartsWith("/health", StringComparison.Ordinal) && !x.Text.StartsWith("serving", StringComparison.Ordinal)).Select(x => (x.Met ? "met — " : "**NOT met** — ") + x.Text)) + ".");

        if (result.Fault is { } f)
        {
            md.AppendLine().AppendLine("## Fault during load").AppendLine();
            md.AppendLine(inv, $"`BENCH_LOAD_FAULT=pg-stop bash bench/load.sh` — in the run above, at {f.StoppedAt:0} s PostgreSQL was stopped with `pg_ctl stop -m immediate` (no checkpoint, as a crash), left down {f.StartedAt - f.StoppedAt - f.StartCommandSeconds:0} s, then started again (`pg_ctl start -w` took {f.StartCommandSeconds:0.0} s: crash recovery from the WAL). The app was not restarted. A probe asked `/health/ready` and a signed-in page four times a second.").AppendLine();
            md.AppendLine("| while PostgreSQL was down (from the stop's return to the start command) | |").AppendLine("|---|---|");
            md.AppendLine(inv, $"| requests of the virtual users that needed the database (a page that needs none, the sign-in form, answered as usual) | {f.RequestsWhileDown:N0} |");
            md.AppendLine(inv, $"| answered 503 with the Chinese page (服务暂时不可用) | {f.UnavailableChinese:N0} ({(f.RequestsWhileDown == 0 ? 0 : (double)f.UnavailableChinese / f.RequestsWhileDown):P1}) |");
            md.AppendLine(inv, $"| answered otherwise | {f.OtherStatuses:N0}{(f.OtherStatuses > 0 ? " (" + f.OtherStatusSummary + ")" : string.Empty)} |");
            md.AppendLine(inv, $"| slowest 503 | {f.MaxUnavailableMs:0} ms (target ≤ {MaxUnavailableMs:0}) |");
            md.AppendLine(inv, $"| slowest answer of any kind | {f.MaxMsWhileDown:0} ms |");
            md.AppendLine(inv, $"| `/health/ready` unhealthy | {f.ReadyProbesUnhealthy} of {f.ReadyProbesWhileDown} probes |");
            md.AppendLine(inv, $"| requests in flight when the stop began (their connection cut under them) / of them answered 5xx | {f.InFlightAtStop:N0} / {f.InFlightAtStopServerErrors:N0} |");
            md.AppendLine().AppendLine("| after PostgreSQL's return | |").AppendLine("|---|---|");
            md.AppendLine(inv, $"| signed-in page answers 200 again (and from then on) | {(f.RecoveredAfterSeconds is { } r ? r.ToString("0.0", inv) + " s" : "never during the run")} (target ≤ {MaxRecoverySeconds:0} s) |");
            md.AppendLine(inv, $"| `/health/ready` healthy again | {(f.ReadyAfterSeconds is { } h ? h.ToString("0.0", inv) + " s" : "never during the run")} |");
            md.AppendLine(inv, $"| 5xx after that | {f.ServerErrorsAfterRecovery} |");
            md.AppendLine(inv, $"| acknowledged writes persisted ÷ acknowledged (whole run) | {v.Ratio:0.000} |");
            md.AppendLine(inv, $"| writes told failed / of them stored whole / half-written | {v.FailedWrites} / {v.FailedButStoredWhole} / {v.HalfWritten} |");
            md.AppendLine();
            md.AppendLine(f.OtherStatuses == 0
                ? "What the user sees: while the database is down, the page \"服务暂时不可用 — 数据库暂时无法连接，请稍后刷新重试。已保存的数据不会丢失。\" (HTTP 503, Retry-After 5); a report being saved or submitted at that moment is refused with that page and not stored whole or at all (the ledger above) — the entry page shows the stored state once the database is back."
                : string.Create(inv, $"What the user sees: {f.UnavailableChinese:N0} answers were the Chinese page \"服务暂时不可用 — 数据库暂时无法连接，请稍后刷新重试。已保存的数据不会丢失。\" (HTTP 503); {f.OtherStatuses:N0} were not ({f.OtherStatusSummary}) — a signed-in person got no page that explains, which the target below does not allow. A write sent at that moment is refused and not stored, or stored whole (the ledger above)."));
            md.AppendLine().AppendLine("What is kept: everything acknowledged before, during and after the stop — persisted ÷ acknowledged above; PostgreSQL's crash recovery replays the WAL of every committed transaction (fsync, synchronous_commit and full_page_writes on, checked by the script before the run).");
            md.AppendLine().AppendLine("Targets: " + string.Join("; ", Verdicts(result).Where(x => x.Text.StartsWith("while", StringComparison.Ordinal) || x.Text.StartsWith("503", StringComparison.Ordinal) || x.Text.StartsWith("/health", StringComparison.Ordinal) || x.Text.StartsWith("serving", StringComparison.Ordinal)).Select(x => (x.Met ? "met — " : "**NOT met** — ") + x.Text)) + ".");
        }

        return md.ToString();
    }
}
