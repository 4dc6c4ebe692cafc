using System.Globalization;
using Npgsql;
using PlanTracker.Domain.Reporting;

namespace PlanTracker.Load;

/// <summary>The ledger held against PostgreSQL after the run.</summary>
public sealed record Verification(
    int Acknowledged,
    int AcknowledgedPersisted,
    int AcknowledgedSubmits,
    int AcknowledgedSubmitsPersisted,
    int Duplicates,
    int ContentMismatches,
    int FailedWrites,
    int FailedButStoredWhole,
    int HalfWritten,
    int RefusedWrites,
    int RefusedButStored,
    IReadOnlyList<string> Problems)
{
    /// <summary>Persisted ÷ acknowledged over every kind of write (1 when nothing was acknowledged).</summary>
    public double Ratio => Acknowledged == 0 ? 1 : (double)AcknowledgedPersisted / Acknowledged;

    public double SubmitRatio => AcknowledgedSubmits == 0 ? 1 : (double)AcknowledgedSubmitsPersisted / AcknowledgedSubmits;

    /// <summary>Everything acknowledged is there exactly once, with the content sent, and nothing exists by halves.</summary>
    public bool Holds => AcknowledgedPersisted == Acknowledged && Duplicates == 0 && ContentMismatches == 0 && HalfWritten == 0 && RefusedButStored == 0;
}

/// <summary>
/// Finds every write of the ledger in PostgreSQL by its mark. An acknowledged submit must be there exactly once as a
/// submitted version with the content sent, its 报送 event at the same instant and its audit entry; a save as exactly
/// one audit entry of the report with the content sent (and, where no later write of the run touched the report, as
/// the report's content now); a review, return or approval as exactly one event by its user with the comment sent, and
/// its audit entry. A write that failed must be absent or whole; a refused one absent.
/// </summary>
public static class Verifier
{
    private sealed record VersionRow(long ReportId, string? ProgressText, string? Progress, decimal? Percent, string? Achievements, string? Problems, string? NextSteps, decimal? Investment, string Milestones, string? By, DateTimeOffset At);

    private sealed record EventRow(long ReportId, string Step, string? Actor, string? Comment, DateTimeOffset At);

    private sealed record AuditRow(long ReportId, string? UserName, string? Status, string? TextAfter, string? TextBefore, DateTimeOffset At);

    private sealed record ReportRow(long Id, int PeriodId, int TaskId, int UnitId, string Status, string? ProgressText, string? Progress, decimal? Percent, string? Achievements, string? Problems, string? NextSteps, decimal? Investment, string Milestones);

    public static async Task<Verification> VerifyAsync(string connectionString, IReadOnlyCollection<LedgerEntry> ledger, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (ledger.Count == 0)
        {
            return new Verification(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, problems);
        }

        var since = ledger.Min(e => e.SentAt).AddMinutes(-1);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        var reports = await ReportsAsync(connection, ledger, cancellationToken);
        var reportIds = reports.Select(r => r.Id).ToArray();
        var versions = await VersionsAsync(connection, reportIds, since, cancellationToken);
        var events = await EventsAsync(connection, reportIds, since, cancellationToken);
        var audit = await AuditAsync(connection, reportIds, since, cancellationToken);

        var byKey = reports.ToDictionary(r => (r.PeriodId, r.TaskId, r.UnitId));
        long? ReportOf(LedgerEntry e) => e.ReportId ?? (byKey.TryGetValue((e.PeriodId, e.TaskId, e.UnitId), out var r) ? r.Id : null);
        var lastWriteOf = ledger.Where(e => ReportOf(e) is not null).GroupBy(e => ReportOf(e)!.Value).ToDictionary(g => g.Key, g => g.MaxBy(e => e.Sequence)!.Sequence);

        int acknowledged = 0, persisted = 0, submits = 0, submitsPersisted = 0, duplicates = 0, mismatches = 0;
        int failed = 0, failedStored = 0, halfWritten = 0, refused = 0, refusedStored = 0;
        foreach (var entry in ledger.OrderBy(e => e.Sequence))
        {
            var reportId = ReportOf(entry);
            var markedEvents = events.Where(v => Has(v.Comment, entry.Mark)).ToList();
            var markedVersions = versions.Where(v => Has(v.ProgressText, entry.Mark)).ToList();

            // The audit entries that brought this write's text into the report (a later update repeats it in "before").
            var auditCount = audit.Count(a => Has(a.TextAfter, entry.Mark) && !Has(a.TextBefore, entry.Mark));

            // What of this write is in the database, and is it whole?
            bool present, whole, exact;
            switch (entry.Kind)
            {
                case WriteKind.Submit:
                    {
                        var submitted = markedVersions.Select(v => events.Count(e => e.ReportId == v.ReportId && e.Step == "Submitted" && e.At == v.At && e.Actor == entry.UserName)).ToList();
                        present = markedVersions.Count > 0 || auditCount > 0;
                        whole = markedVersions.Count == 1 && submitted[0] == 1 && auditCount >= 1 && markedVersions[0].ReportId == reportId;
                        exact = whole && SameContent(entry.Content!, markedVersions[0]);
                        duplicates += Math.Max(0, markedVersions.Count - 1);
                        break;
                    }

                case WriteKind.Save:
                    present = auditCount > 0;
                    whole = auditCount == 1;
                    exact = whole;
                    if (whole && reportId is { } id && lastWriteOf[id] == entry.Sequence && entry.Outcome == WriteOutcome.Acknowledged)
                    {
                        // The last write of the run on this report: the report holds exactly what was sent.
                        var report = reports.Single(r => r.Id == id);
                        exact = report.Status is "Draft" or "Returned" && SameContent(entry.Content!, report);
                    }

                    duplicates += Math.Max(0, auditCount - 1);
                    break;
                default:
                    {
                        var step = entry.Kind switch { WriteKind.UnitReview => "Reviewed", WriteKind.Approve => "Approved", _ => "Returned" };

                        // Events are not audited themselves: the report's own update to the step's status, by the same
                        // person at the same moment, is.
                        auditCount = markedEvents.Count == 1
                            ? audit.Count(a => a.ReportId == markedEvents[0].ReportId && a.UserName == entry.UserName && a.Status == step && Math.Abs((a.At - markedEvents[0].At).TotalSeconds) < 5)
                            : 0;
                        present = markedEvents.Count > 0;
                        whole = markedEvents.Count == 1 && auditCount >= 1 && markedEvents[0].ReportId == reportId;
                        exact = whole && markedEvents[0].Step == step && markedEvents[0].Actor == entry.UserName && markedEvents[0].Comment == entry.Comment;
                        duplicates += Math.Max(0, markedEvents.Count - 1);
                        break;
                    }
            }

            switch (entry.Outcome)
            {
                case WriteOutcome.Acknowledged:
                    acknowledged++;
                    if (entry.Kind == WriteKind.Submit)
                    {
                        submits++;
                    }

                    if (whole)
                    {
                        persisted++;
                        if (entry.Kind == WriteKind.Submit)
                        {
                            submitsPersisted++;
                        }
                    }
                    else
                    {
                        problems.Add($"acknowledged {entry.Kind} {entry.Mark} by {entry.UserName}: not found whole (report {reportId?.ToString(CultureInfo.InvariantCulture) ?? "none"}, versions {markedVersions.Count}, events {markedEvents.Count}, audit {auditCount})");
                    }

                    if (whole && !exact)
                    {
                        mismatches++;
                        problems.Add($"acknowledged {entry.Kind} {entry.Mark}: stored content differs from what was sent");
                    }

                    break;
                case WriteOutcome.Failed:
                    failed++;
                    if (present && whole)
                    {
                        failedStored++;
                    }
                    else if (present)
                    {
                        halfWritten++;
                        problems.Add($"failed {entry.Kind} {entry.Mark}: partly stored (versions {markedVersions.Count}, events {markedEvents.Count}, audit {auditCount})");
                    }

                    break;
                default:
                    refused++;
                    if (present)
                    {
                        refusedStored++;
                        problems.Add($"refused {entry.Kind} {entry.Mark} (HTTP {entry.Status}): stored all the same");
                    }

                    break;
            }
        }

        halfWritten += HalfWrittenReports(reports, versions, events, problems);
        return new Verification(acknowledged, persisted, submits, submitsPersisted, duplicates, mismatches, failed, failedStored, halfWritten, refused, refusedStored, problems);
    }

    /// <summary>
    /// Reports the run touched that are not whole: a version without its 报送 event (or the reverse), or a status that is
    /// not the one its last step of the run set.
    /// </summary>
    private static int HalfWrittenReports(List<ReportRow> reports, List<VersionRow> versions, List<EventRow> events, List<string> problems)
    {
        var count = 0;
        foreach (var report in reports)
        {
            var reportVersions = versions.Where(v => v.ReportId == report.Id).ToList();
            var submittedEvents = events.Where(e => e.ReportId == report.Id && e.Step == "Submitted").ToList();
            var unpaired = reportVersions.Count(v => !submittedEvents.Any(e => e.At == v.At)) + submittedEvents.Count(e => !reportVersions.Any(v => v.At == e.At));
            var last = events.Where(e => e.ReportId == report.Id).MaxBy(e => e.At);
            var expected = last?.Step switch { null => report.Status, "Created" => "Draft", "Reopened" => report.Status, var step => step };
            if (unpaired > 0 || expected != report.Status)
            {
                count++;
                problems.Add($"report {report.Id}: {unpaired} version/event without its pair, status {report.Status} after last step {last?.Step ?? "none"}");
            }
        }

        return count;
    }

    private static bool Has(string? text, string mark) => text?.Contains(mark, StringComparison.Ordinal) == true;

    private static bool SameContent(ReportContent sent, VersionRow stored) =>
        Same(sent, stored.Progress, stored.Percent, stored.ProgressText, stored.Achievements, stored.Problems, stored.NextSteps, stored.Investment, stored.Milestones);

    private static bool SameContent(ReportContent sent, ReportRow stored) =>
        Same(sent, stored.Progress, stored.Percent, stored.ProgressText, stored.Achievements, stored.Problems, stored.NextSteps, stored.Investment, stored.Milestones);

    private static bool Same(ReportContent sent, string? progress, decimal? percent, string? progressText, string? achievements, string? problems, string? nextSteps, decimal? investment, string milestones) =>
        sent.Progress == progress && sent.PercentComplete == percent && sent.ProgressText == progressText && sent.Achievements == achievements
        && sent.Problems == problems && sent.NextSteps == nextSteps && sent.InvestmentWan == investment
        && milestones.Contains(sent.MilestoneTitle, StringComparison.Ordinal)
        && milestones.Contains(sent.MilestoneDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static async Task<List<ReportRow>> ReportsAsync(NpgsqlConnection connection, IReadOnlyCollection<LedgerEntry> ledger, CancellationToken cancellationToken)
    {
        var keyed = ledger.Where(e => e.ReportId is null).Select(e => (e.PeriodId, e.TaskId, e.UnitId)).Distinct().ToList();
        await using var command = new NpgsqlCommand(
            """
            SELECT r.id, r.period_id, r.task_id, r.unit_id, r.status, r.progress_text, r.progress, r.percent_complete, r.achievements, r.problems, r.next_steps, r.investment_wan, r.milestones::text
            FROM progress_reports r
            WHERE r.id = ANY(@ids)
               OR (r.period_id, r.task_id, r.unit_id) IN (SELECT * FROM unnest(@periods, @tasks, @units))
            """,
            connection);
        command.Parameters.AddWithValue("ids", ledger.Where(e => e.ReportId is not null).Select(e => e.ReportId!.Value).Distinct().ToArray());
        command.Parameters.AddWithValue("periods", keyed.Select(k => k.PeriodId).ToArray());
        command.Parameters.AddWithValue("tasks", keyed.Select(k => k.TaskId).ToArray());
        command.Parameters.AddWithValue("units", keyed.Select(k => k.UnitId).ToArray());
        var rows = new List<ReportRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ReportRow(reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4), Text(reader, 5), Text(reader, 6), Number(reader, 7), Text(reader, 8), Text(reader, 9), Text(reader, 10), Number(reader, 11), reader.GetString(12)));
        }

        return rows;
    }

    private static async Task<List<VersionRow>> VersionsAsync(NpgsqlConnection connection, long[] reportIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT v.progress_report_id, v.content->>'progressText', v.content->>'progress', (v.content->>'percentComplete')::numeric,
                   v.content->>'achievements', v.content->>'problems', v.content->>'nextSteps', (v.content->>'investmentWan')::numeric,
                   coalesce(v.content->'milestones', '[]'::jsonb)::text, v.submitted_by, v.submitted_at
            FROM progress_report_versions v
            WHERE v.progress_report_id = ANY(@ids) AND v.submitted_at >= @since
            """,
            connection);
        command.Parameters.AddWithValue("ids", reportIds);
        command.Parameters.AddWithValue("since", since);
        var rows = new List<VersionRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new VersionRow(reader.GetInt64(0), Text(reader, 1), EnumName<TaskProgress>(Text(reader, 2)), Number(reader, 3), Text(reader, 4), Text(reader, 5), Text(reader, 6), Number(reader, 7), reader.GetString(8), Text(reader, 9), reader.GetFieldValue<DateTimeOffset>(10)));
        }

        return rows;
    }

    private static async Task<List<EventRow>> EventsAsync(NpgsqlConnection connection, long[] reportIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT e.progress_report_id, e.step, e.actor, e.comment, e.at FROM progress_report_events e WHERE e.progress_report_id = ANY(@ids) AND e.at >= @since",
            connection);
        command.Parameters.AddWithValue("ids", reportIds);
        command.Parameters.AddWithValue("since", since);
        var rows = new List<EventRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new EventRow(reader.GetInt64(0), reader.GetString(1), Text(reader, 2), Text(reader, 3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return rows;
    }

    /// <summary>The audit entries of the touched reports written since the run began: who, the status and text after, the text before.</summary>
    private static async Task<List<AuditRow>> AuditAsync(NpgsqlConnection connection, long[] reportIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT a.entity_id::bigint, a.user_name, a.after->>'Status', a.after->>'ProgressText', a.before->>'ProgressText', a.occurred_at
            FROM audit_log a
            WHERE a.entity_type = 'ProgressReport' AND a.entity_id = ANY(@ids) AND a.occurred_at >= @since AND a.after IS NOT NULL
            """,
            connection);
        command.Parameters.AddWithValue("ids", reportIds.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray());
        command.Parameters.AddWithValue("since", since);
        var rows = new List<AuditRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new AuditRow(reader.GetInt64(0), Text(reader, 1), EnumName<ReportStatus>(Text(reader, 2)), Text(reader, 3), Text(reader, 4), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return rows;
    }

    /// <summary>The audit log and the submitted versions keep enums as their numbers; the report row as their names.</summary>
    private static string? EnumName<T>(string? stored)
        where T : struct, Enum =>
        stored is null ? null : int.TryParse(stored, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? Enum.GetName(typeof(T), n) : stored;

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static decimal? Number(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDecimal(ordinal);
}
