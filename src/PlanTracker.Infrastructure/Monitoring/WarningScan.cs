using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using PlanTracker.Domain.Auditing;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Auditing;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Infrastructure.Monitoring;

/// <summary>
/// The early-warning scan (预警扫描) of one plan on one day: computes the status of every task, every assignment (a
/// unit's part of a task), every reporting unit and every indicator; compares each with the colour last recorded in
/// <c>monitored_statuses</c>; and, in one transaction, records the colours that changed and raises an
/// <see cref="EarlyWarning"/> for each change that <see cref="StatusColours.RaisesWarning"/> calls a warning, with the
/// reason sentence of the domain rules and the approved report the status was judged on.
/// Idempotent: a second scan of the same day finds every colour already recorded and raises nothing. Two scans of the
/// same plan never interleave (a transaction-scoped advisory lock per plan).
/// Writes are set-based (a plan has some 11,000 subjects, and a first scan raises thousands of warnings): one upsert of
/// the changed colours, one insert of the new warnings from arrays, and one audit entry for the scan that says what it
/// did (a planner's answer to a warning is audited per warning, through the context).
/// </summary>
public sealed class WarningScan(AppDbContext db, IAuditActor actor, TimeProvider clock, ILogger<WarningScan> logger)
{
    /// <summary>
    /// The row of <c>monitored_statuses</c> whose <see cref="MonitoredStatus.Since"/> is the last day the plan was
    /// scanned (its colour is always grey): the daily scan's memory, kept without a table of its own.
    /// </summary>
    public const string LastScanKey = "scan:last-day";

    /// <summary>First half of the advisory lock key; the plan id is the second.</summary>
    private const int LockSpace = 7_301_124;

    private const string Upsert = """
        INSERT INTO monitored_statuses (plan_id, subject_key, colour, since)
        SELECT @plan, t.key, t.colour, @as_of FROM unnest(@keys, @colours) AS t(key, colour)
        ON CONFLICT (plan_id, subject_key) DO UPDATE SET colour = excluded.colour, since = excluded.since
        """;

    private static readonly string MarkScanned = $"""
        INSERT INTO monitored_statuses (plan_id, subject_key, colour, since) VALUES (@plan, @key, '{nameof(StatusColour.Grey)}', @as_of)
        ON CONFLICT (plan_id, subject_key) DO UPDATE SET since = GREATEST(monitored_statuses.since, excluded.since)
        """;

    private static readonly string InsertWarnings = $"""
        INSERT INTO early_warnings (plan_id, kind, subject_key, task_key, task_id, unit_id, indicator_id, evidence_report_id,
                                    colour, previous_colour, reason, as_of, raised_at, state)
        SELECT @plan, t.kind, t.subject_key, t.task_key, t.task_id, t.unit_id, t.indicator_id, t.evidence_report_id,
               t.colour, t.previous_colour, t.reason, @as_of, @raised_at, '{nameof(WarningState.Open)}'
        FROM unnest(@kinds, @subject_keys, @task_keys, @task_ids, @unit_ids, @indicator_ids, @evidence, @colours, @previous, @reasons)
             WITH ORDINALITY AS t(kind, subject_key, task_key, task_id, unit_id, indicator_id, evidence_report_id, colour, previous_colour, reason, n)
        ORDER BY t.n
        """;

    private static readonly string ChangedSinceScan = $"""
        SELECT p.id AS "Value" FROM plans p JOIN monitoring_data_versions m ON m.plan_id = p.id
        WHERE p.status = '{nameof(PlanStatus.Published)}' AND m.version > COALESCE(m.scanned_version, 0)
        ORDER BY p.id
        """;

    /// <summary>The last day the plan was scanned, or null if never.</summary>
    public Task<DateOnly?> LastScannedAsync(int planId, CancellationToken cancellationToken = default) =>
        db.MonitoredStatuses.AsNoTracking()
            .Where(s => s.PlanId == planId && s.SubjectKey == LastScanKey)
            .Select(s => (DateOnly?)s.Since)
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>The published plans whose data changed since their last scan (a report approved, returned, a value, a period …).</summary>
    public Task<List<int>> ChangedSinceScanAsync(CancellationToken cancellationToken = default) =>
        db.Database.SqlQueryRaw<int>(ChangedSinceScan).ToListAsync(cancellationToken);

    /// <summary>The published plans, which the daily scan goes through.</summary>
    public Task<List<int>> PublishedPlanIdsAsync(CancellationToken cancellationToken = default) =>
        db.Plans.AsNoTracking().Where(p => p.Status == PlanStatus.Published).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);

    /// <summary>Scans the plan as of <paramref name="asOf"/> (a Beijing day); null when there is no such published plan.</summary>
    public async Task<WarningScanResult?> ScanAsync(int planId, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var plan = await db.Plans.AsNoTracking()
            .Where(p => p.Id == planId && p.Status == PlanStatus.Published)
            .Select(p => new { p.Thresholds })
            .SingleOrDefaultAsync(cancellationToken);
        if (plan is null)
        {
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(@space, @plan)", [Int("space", LockSpace), Int("plan", planId)], cancellationToken);

        // The data version the statuses are computed from: a change after this read moves it past what is recorded
        // below, and the next check scans again (DailyWarningScan).
        var dataVersion = (await db.Database.SqlQueryRaw<long>("SELECT COALESCE((SELECT version FROM monitoring_data_versions WHERE plan_id = @plan), 0) AS \"Value\"", Int("plan", planId)).ToListAsync(cancellationToken)).Single();
        var statuses = await ComputeAsync(planId, asOf, plan.Thresholds, cancellationToken);
        var recorded = await db.MonitoredStatuses.AsNoTracking()
            .Where(s => s.PlanId == planId && s.SubjectKey != LastScanKey)
            .Select(s => new { s.SubjectKey, s.Colour })
            .ToDictionaryAsync(s => s.SubjectKey, s => s.Colour, StringComparer.Ordinal, cancellationToken);

        var now = clock.GetUtcNow();
        var changedKeys = new List<string>();
        var changedColours = new List<string>();
        var warnings = new List<EarlyWarning>();
        foreach (var status in statuses)
        {
            StatusColour? before = recorded.TryGetValue(status.Subject.Key, out var colour) ? colour : null;
            if (before == status.Colour)
            {
                continue;
            }

            changedKeys.Add(status.Subject.Key);
            changedColours.Add(status.Colour.ToString());
            if (StatusColours.RaisesWarning(before, status.Colour))
            {
                warnings.Add(new EarlyWarning(planId, status.Subject, status.Colour, before, status.Reason(), asOf, now));
            }
        }

        if (changedKeys.Count > 0)
        {
            await db.Database.ExecuteSqlRawAsync(
                Upsert,
                [Int("plan", planId), Day(asOf), new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = changedKeys.ToArray() }, new NpgsqlParameter("colours", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = changedColours.ToArray() }],
                cancellationToken);
        }

        await db.Database.ExecuteSqlRawAsync(MarkScanned, [Int("plan", planId), Day(asOf), new NpgsqlParameter("key", NpgsqlDbType.Text) { Value = LastScanKey }], cancellationToken);
        await db.Database.ExecuteSqlRawAsync(
            "UPDATE monitoring_data_versions SET scanned_version = GREATEST(COALESCE(scanned_version, 0), @version) WHERE plan_id = @plan",
            [Int("plan", planId), new NpgsqlParameter("version", NpgsqlDbType.Bigint) { Value = dataVersion }],
            cancellationToken);
        if (warnings.Count > 0)
        {
            await db.Database.ExecuteSqlRawAsync(InsertWarnings, WarningParameters(planId, asOf, now, warnings), cancellationToken);
        }

        db.AuditEntries.Add(new AuditEntry(
            now,
            actor.UserId,
            actor.UserName,
            actor.UnitId,
            "warning-scan",
            nameof(Plan),
            planId.ToString(CultureInfo.InvariantCulture),
            null,
            JsonSerializer.Serialize(new { asOf = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), subjects = statuses.Count, changed = changedKeys.Count, raised = warnings.Count }),
            actor.RequestId));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var result = new WarningScanResult(planId, asOf, statuses.Count, changedKeys.Count, warnings.Count, watch.Elapsed);
        logger.LogInformation(
            "Warning scan of plan {PlanId} as of {AsOf}: {Subjects} subjects, {Changed} changed, {Raised} warnings raised in {ElapsedMs} ms",
            planId, asOf, result.Subjects, result.Changed, result.Raised, (long)result.Elapsed.TotalMilliseconds);
        return result;
    }

    /// <summary>Every subject's status on the day: assignments, tasks, units, indicators (in that order).</summary>
    public async Task<IReadOnlyList<SubjectStatus>> ComputeAsync(int planId, DateOnly asOf, MonitoringThresholds thresholds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var sql = new MonitoringSql(db);
        var assignments = await sql.TaskUnitsAsync(planId, asOf, cancellationToken: cancellationToken);
        var statuses = new List<SubjectStatus>(assignments.Count * 2);
        foreach (var row in assignments)
        {
            statuses.Add(new SubjectStatus(
                WarningSubject.TaskUnit(row.TaskKey, row.TaskId, row.UnitId, row.ApprovedReportId),
                row.Colour,
                () => TaskStatusRules.Assess(row.Facts, asOf, thresholds).Reason));
        }

        // A task's evidence is the newest approved report among its units (the one that moved its average last).
        var evidence = assignments.Where(a => a.ApprovedReportId is not null)
            .GroupBy(a => a.TaskId)
            .ToDictionary(g => g.Key, g => g.Max(a => a.ApprovedReportId));
        foreach (var task in await TasksAsync(sql, planId, asOf, cancellationToken))
        {
            var facts = new TaskFacts(new TaskSpan(task.StartsOn, task.EndsOn), task.Percent is { } percent ? new ApprovedProgress(percent, null) : null);
            statuses.Add(new SubjectStatus(
                WarningSubject.Task(task.TaskKey, task.TaskId, evidence.GetValueOrDefault(task.TaskId)),
                task.Colour,
                () => TaskStatusRules.Assess(facts, asOf, thresholds).Reason));
        }

        foreach (var unit in assignments.GroupBy(a => a.UnitId))
        {
            var assessment = UnitStatusRule.Assess([.. unit], thresholds);
            statuses.Add(new SubjectStatus(WarningSubject.Unit(unit.Key), assessment.Colour, () => assessment.Reason));
        }

        statuses.AddRange(await IndicatorsAsync(sql, planId, asOf, thresholds, cancellationToken));
        return statuses;
    }

    private static Task<IReadOnlyList<TaskStatusRow>> TasksAsync(MonitoringSql sql, int planId, DateOnly asOf, CancellationToken cancellationToken) =>
        sql.ReadAsync(
            TaskStatusSql.Ctes + " SELECT task_id, task_key, starts_on, ends_on, percent, colour_rank FROM task_status ORDER BY position",
            TaskStatusSql.Parameters(planId, asOf),
            r => new TaskStatusRow(r.GetInt32(0), r.GetGuid(1), r.Date(2), r.Date(3), r.NullableDecimal(4), TaskStatusSql.Colour(r.GetInt32(5))),
            cancellationToken);

    private async Task<IEnumerable<SubjectStatus>> IndicatorsAsync(MonitoringSql sql, int planId, DateOnly asOf, MonitoringThresholds thresholds, CancellationToken cancellationToken)
    {
        var versionId = await db.PlanVersions.AsNoTracking()
            .Where(v => v.PlanId == planId && v.Status == PlanVersionStatus.Published)
            .OrderByDescending(v => v.Number)
            .Select(v => (int?)v.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (versionId is null)
        {
            return [];
        }

        var indicators = await db.Indicators.AsNoTracking().Where(i => i.PlanVersionId == versionId).OrderBy(i => i.Ordinal).ToListAsync(cancellationToken);
        var actuals = (await sql.ActualsAsync(planId, cancellationToken: cancellationToken)).ToLookup(a => a.IndicatorId, a => a.AsYearValue);
        var statuses = new List<SubjectStatus>(indicators.Count);
        foreach (var indicator in indicators)
        {
            if (IndicatorFacts.From(indicator, actuals[indicator.Id]) is not { } facts || facts.TargetYear < facts.BaselineYear)
            {
                continue;
            }

            var assessment = IndicatorStatusRules.Assess(facts, asOf, thresholds);
            statuses.Add(new SubjectStatus(WarningSubject.Indicator(indicator.Key, indicator.Id), assessment.Colour, () => assessment.Reason));
        }

        return statuses;
    }

    private static NpgsqlParameter[] WarningParameters(int planId, DateOnly asOf, DateTimeOffset now, List<EarlyWarning> warnings) =>
    [
        Int("plan", planId),
        Day(asOf),
        new("raised_at", NpgsqlDbType.TimestampTz) { Value = now.ToUniversalTime() },
        Texts("kinds", warnings.Select(w => w.Kind.ToString())),
        Texts("subject_keys", warnings.Select(w => w.SubjectKey)),
        new("task_keys", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = warnings.Select(w => w.TaskKey).ToArray() },
        Ints("task_ids", warnings.Select(w => w.TaskId)),
        Ints("unit_ids", warnings.Select(w => w.UnitId)),
        Ints("indicator_ids", warnings.Select(w => w.IndicatorId)),
        new("evidence", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = warnings.Select(w => w.EvidenceReportId).ToArray() },
        Texts("colours", warnings.Select(w => w.Colour.ToString())),
        Texts("previous", warnings.Select(w => w.PreviousColour?.ToString())),
        Texts("reasons", warnings.Select(w => w.Reason)),
    ];

    private static NpgsqlParameter Texts(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };

    private static NpgsqlParameter Ints(string name, IEnumerable<int?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = values.ToArray() };

    private static NpgsqlParameter Int(string name, int value) => new(name, NpgsqlDbType.Integer) { Value = value };

    private static NpgsqlParameter Day(DateOnly day) => new("as_of", NpgsqlDbType.Date) { Value = day };

    private sealed record TaskStatusRow(int TaskId, Guid TaskKey, DateOnly StartsOn, DateOnly EndsOn, decimal? Percent, StatusColour Colour);
}

/// <summary>One subject's status on the scanned day; the reason sentence is written only when a warning needs it.</summary>
public sealed record SubjectStatus(WarningSubject Subject, StatusColour Colour, Func<string> Reason);

/// <summary>What a scan did: how many subjects it judged, how many changed colour, how many warnings it raised.</summary>
public sealed record WarningScanResult(int PlanId, DateOnly AsOf, int Subjects, int Changed, int Raised, TimeSpan Elapsed);
