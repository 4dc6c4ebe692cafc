using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PlanTracker.Domain;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Adjustments;
using PlanTracker.Infrastructure.Monitoring;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Infrastructure.Reports;

/// <summary>
/// Reads the <see cref="AdjustmentReport"/> of a plan for a window of Beijing days in a fixed, small number of
/// set-based queries whatever the plan's size: the plan, two version look-ups, the warning tallies (one GROUP BY), the
/// warned subjects (DISTINCT ON), the units' 存在问题 (DISTINCT ON per task and unit), the proposals submitted or
/// decided in the window with their changes, one snapshot per distinct base version, the pending count, and the tasks
/// still behind (<see cref="TaskStatusSql"/>). The report is a ministry document: it reads every unit's rows (raw SQL
/// passes no query filter), so callers allow ministry readers only.
/// </summary>
public sealed class AdjustmentReportReader(AppDbContext db, TimeProvider clock)
{
    /// <summary>Longest quote of a unit's 存在问题 (longer ones are cut with an ellipsis).</summary>
    public const int QuoteLength = 120;

    /// <summary>Most units quoted per task; the rest are counted.</summary>
    public const int QuotesPerTask = 8;

    /// <summary>Most warned subjects listed (most severe first).</summary>
    public const int LaggingLimit = 200;


    /// <summary>Beijing today.</summary>
    public DateOnly Today => BeijingTime.Today(clock);

    /// <summary>The window a report opens with: the current year so far, kept inside the plan's years.</summary>
    public static (DateOnly From, DateOnly To) DefaultWindow(DateOnly today, int? startYear, int? endYear)
    {
        var year = Math.Clamp(today.Year, startYear ?? today.Year, Math.Max(startYear ?? today.Year, endYear ?? today.Year));
        var from = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        return (from, today < end && today >= from ? today : end);
    }

    /// <summary>The plan's years (for the window form), or null when the plan is unknown or not published.</summary>
    public async Task<(string Title, int? StartYear, int? EndYear)?> PlanAsync(int planId, CancellationToken cancellationToken = default)
    {
        var plan = await db.Plans.AsNoTracking().Where(p => p.Id == planId)
            .Select(p => new { p.Title, p.StartYear, p.EndYear, Published = db.PlanVersions.Any(v => v.PlanId == p.Id && v.PublishedAt != null) })
            .SingleOrDefaultAsync(cancellationToken);
        return plan is { Published: true } ? (plan.Title, plan.StartYear, plan.EndYear) : null;
    }

    public async Task<AdjustmentReportResult> ReadAsync(int planId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var plan = await db.Plans.AsNoTracking().Where(p => p.Id == planId)
            .Select(p => new { p.Id, p.Title, p.DocumentNumber, p.StartYear, p.EndYear, p.Thresholds })
            .SingleOrDefaultAsync(cancellationToken);
        if (plan is null || await db.CurrentVersionAsync(planId, cancellationToken) is null)
        {
            return AdjustmentReportResult.Unknown;
        }

        if (from > to)
        {
            return AdjustmentReportResult.Refused("报告期的开始日期不能晚于结束日期。");
        }

        if ((plan.StartYear is { } first && from.Year < first) || (plan.EndYear is { } last && to.Year > last))
        {
            return AdjustmentReportResult.Refused($"报告期须在规划期（{plan.StartYear}—{plan.EndYear}年）之内。");
        }

        var start = BeijingTime.StartOf(from);
        var end = BeijingTime.StartOf(to.AddDays(1));
        var atStart = await db.VersionOnAsync(planId, from.AddDays(-1), cancellationToken) ?? await db.VersionOnAsync(planId, from, cancellationToken);
        var atEnd = await db.VersionOnAsync(planId, to, cancellationToken);

        var tallies = await TalliesAsync(planId, start, end, cancellationToken);
        var lagging = await LaggingAsync(planId, start, end, cancellationToken);
        var causes = await CausesAsync(planId, start, end, cancellationToken);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var (proposals, decisions, targets) = await ProposalsAsync(planId, start, end, units, cancellationToken);
        var pending = await db.Adjustments.AsNoTracking()
            .CountAsync(a => a.PlanId == planId && a.Status == AdjustmentStatus.Submitted && a.SubmittedAt < end, cancellationToken);
        var stillBehind = await StillBehindAsync(planId, to, end, plan.Thresholds, cancellationToken);

        var counts = new AdjustmentReportCounts(
            tallies.Sum(t => t.Count),
            tallies.Where(t => t.Colour == StatusColour.Red).Sum(t => t.Count),
            tallies.Where(t => t.Colour == StatusColour.Amber).Sum(t => t.Count),
            proposals.Count,
            decisions.Count(d => d.Approved),
            decisions.Count(d => !d.Approved),
            pending);
        return AdjustmentReportResult.Found(new AdjustmentReport(
            plan.Id, plan.Title, plan.DocumentNumber, plan.StartYear, plan.EndYear, from, to, Today,
            atStart?.Number, atEnd?.Number, counts, tallies, lagging, causes, proposals, decisions, targets, stillBehind));
    }

    private static NpgsqlParameter[] Window(int planId, DateTimeOffset start, DateTimeOffset end) =>
    [
        new("plan", NpgsqlDbType.Integer) { Value = planId },
        new("start", NpgsqlDbType.TimestampTz) { Value = start },
        new("end", NpgsqlDbType.TimestampTz) { Value = end },
    ];

    private Task<IReadOnlyList<WarningTally>> TalliesAsync(int planId, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken) =>
        new MonitoringSql(db).ReadAsync(
            """
            SELECT w.kind, w.colour, count(*)::int
            FROM early_warnings w
            WHERE w.plan_id = @plan AND w.raised_at >= @start AND w.raised_at < @end
            GROUP BY w.kind, w.colour
            ORDER BY w.kind, w.colour
            """,
            Window(planId, start, end),
            r => new WarningTally(Enum.Parse<WarningKind>(r.GetString(0)), Enum.Parse<StatusColour>(r.GetString(1)), r.GetInt32(2)),
            cancellationToken);

    private async Task<IReadOnlyList<LaggingSubject>> LaggingAsync(int planId, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var rows = await new MonitoringSql(db).ReadAsync(
            $"""
            SELECT kind, colour, as_of, reason, subject FROM (
                SELECT DISTINCT ON (w.subject_key) w.kind, w.colour, w.as_of, w.reason,
                       COALESCE(i.name, CASE WHEN n.number IS NULL OR n.number = '' THEN n.title ELSE n.number || ' ' || n.title END, w.subject_key) AS subject,
                       CASE w.colour WHEN '{nameof(StatusColour.Red)}' THEN 0 ELSE 1 END AS severity, w.raised_at
                FROM early_warnings w
                LEFT JOIN plan_nodes n ON n.id = w.task_id
                LEFT JOIN indicators i ON i.id = w.indicator_id
                WHERE w.plan_id = @plan AND w.raised_at >= @start AND w.raised_at < @end AND w.kind IN ('{nameof(WarningKind.Task)}', '{nameof(WarningKind.Indicator)}')
                ORDER BY w.subject_key, w.raised_at DESC, w.id DESC
            ) latest
            ORDER BY severity, CASE kind WHEN '{nameof(WarningKind.Task)}' THEN 0 ELSE 1 END, subject
            LIMIT {LaggingLimit}
            """,
            Window(planId, start, end),
            r => new LaggingSubject(Enum.Parse<WarningKind>(r.GetString(0)), r.GetString(4), Enum.Parse<StatusColour>(r.GetString(1)), r.Date(2), r.GetString(3)),
            cancellationToken);
        return rows;
    }

    private async Task<IReadOnlyList<TaskProblems>> CausesAsync(int planId, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var rows = await new MonitoringSql(db).ReadAsync(
            $"""
            SELECT task_key, task, unit, problems FROM (
                SELECT DISTINCT ON (n.key, r.unit_id) n.key AS task_key,
                       CASE WHEN n.number IS NULL OR n.number = '' THEN n.title ELSE n.number || ' ' || n.title END AS task,
                       u.name AS unit, btrim(r.problems) AS problems, n.position, u.sort_order, u.id AS unit_id
                FROM progress_reports r
                JOIN plan_nodes n ON n.id = r.task_id
                JOIN plan_versions v ON v.id = n.plan_version_id AND v.plan_id = @plan
                JOIN units u ON u.id = r.unit_id
                WHERE r.status = '{nameof(ReportStatus.Approved)}' AND r.approved_at >= @start AND r.approved_at < @end
                  AND COALESCE(btrim(r.problems), '') <> ''
                  AND n.key IN (SELECT w.task_key FROM early_warnings w
                                WHERE w.plan_id = @plan AND w.raised_at >= @start AND w.raised_at < @end AND w.task_key IS NOT NULL)
                ORDER BY n.key, r.unit_id, r.approved_at DESC, r.id DESC
            ) latest
            ORDER BY position, task_key, sort_order, unit_id
            """,
            Window(planId, start, end),
            r => (Key: r.GetGuid(0), Task: r.GetString(1), Unit: r.GetString(2), Problems: r.GetString(3)),
            cancellationToken);
        return [.. rows.GroupBy(r => r.Key).Select(g => new TaskProblems(
            g.Key,
            g.First().Task,
            [.. g.Select(r => new UnitQuote(r.Unit, Trim(r.Problems)))]))];
    }

    /// <summary>A unit's words, on one line and cut at <see cref="QuoteLength"/> characters.</summary>
    public static string Trim(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var oneLine = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return oneLine.Length <= QuoteLength ? oneLine : oneLine[..QuoteLength] + "……";
    }

    private async Task<(IReadOnlyList<ProposalEntry>, IReadOnlyList<DecisionEntry>, IReadOnlyList<TargetChangeRow>)> ProposalsAsync(
        int planId, DateTimeOffset start, DateTimeOffset end, IReadOnlyDictionary<int, string> units, CancellationToken cancellationToken)
    {
        var adjustments = await db.Adjustments.AsNoTracking()
            .Where(a => a.PlanId == planId
                && ((a.SubmittedAt >= start && a.SubmittedAt < end) || (a.DecidedAt >= start && a.DecidedAt < end && (a.Status == AdjustmentStatus.Approved || a.Status == AdjustmentStatus.Rejected))))
            .OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id)
            .Select(a => new
            {
                a.Id,
                a.Title,
                a.Reason,
                a.Status,
                a.ProposedBy,
                a.ProposedByUnitId,
                a.SubmittedAt,
                a.DecidedAt,
                a.DecidedBy,
                a.DecisionComment,
                a.BasedOnVersionId,
                ResultingVersion = db.PlanVersions.Where(v => v.Id == a.ResultingVersionId).Select(v => (int?)v.Number).FirstOrDefault(),
                Changes = a.Changes.OrderBy(c => c.Ordinal).ToList(),
                Evidence = a.Evidence.Count,
            })
            .ToListAsync(cancellationToken);

        var snapshots = new Dictionary<int, PlanSnapshot>();
        foreach (var versionId in adjustments.Select(a => a.BasedOnVersionId).Distinct().Order())
        {
            snapshots[versionId] = await db.SnapshotAsync(versionId, cancellationToken);
        }

        IReadOnlyList<(PlanChange Change, ChangeText Text)> Described(int basedOn, IEnumerable<AdjustmentChange> changes) =>
            [.. changes.Select(PlanChanges.FromStored).Select(c => (c, PlanChangeText.Describe(c, snapshots[basedOn], units)))];

        var proposals = new List<ProposalEntry>();
        var decisions = new List<DecisionEntry>();
        var targets = new List<TargetChangeRow>();
        foreach (var a in adjustments)
        {
            var described = Described(a.BasedOnVersionId, a.Changes);
            if (a.SubmittedAt >= start && a.SubmittedAt < end)
            {
                var proposer = a.ProposedByUnitId is { } unit && units.TryGetValue(unit, out var unitName)
                    ? $"{unitName}（{a.ProposedBy}）"
                    : a.ProposedBy ?? "—";
                proposals.Add(new ProposalEntry(a.Id, a.Title, proposer, Day(a.SubmittedAt!.Value), a.Reason, a.Status, [.. described.Select(d => d.Text)], a.Evidence));
            }

            if (a.DecidedAt is { } decidedAt && decidedAt >= start && decidedAt < end && a.Status is AdjustmentStatus.Approved or AdjustmentStatus.Rejected)
            {
                var approved = a.Status == AdjustmentStatus.Approved;
                decisions.Add(new DecisionEntry(a.Id, a.Title, approved, a.DecidedBy, Day(decidedAt), a.DecisionComment, a.ResultingVersion));
                if (approved)
                {
                    targets.AddRange(described.Where(d => d.Change is ReviseTarget)
                        .Select(d => new TargetChangeRow(d.Text.Subject, d.Text.Before, d.Text.After, a.Id, a.Title, a.ResultingVersion)));
                }
            }
        }

        return (proposals, [.. decisions.OrderBy(d => d.DecidedOn).ThenBy(d => d.Id)], targets);
    }

    private async Task<IReadOnlyList<UnaddressedTask>> StillBehindAsync(int planId, DateOnly to, DateTimeOffset end, MonitoringThresholds thresholds, CancellationToken cancellationToken)
    {
        var parameters = TaskStatusSql.Parameters(planId, to).ToList();
        parameters.Add(new NpgsqlParameter("end", NpgsqlDbType.TimestampTz) { Value = end });
        var rows = await new MonitoringSql(db).ReadAsync(
            TaskStatusSql.Ctes + $"""
                SELECT s.task_key, CASE WHEN t.number IS NULL OR t.number = '' THEN t.title ELSE t.number || ' ' || t.title END,
                       s.starts_on, s.ends_on, s.percent, s.colour_rank
                FROM task_status s
                JOIN monitored_task t ON t.id = s.task_id
                WHERE s.colour_rank >= 2
                  AND NOT EXISTS (
                      SELECT 1 FROM adjustments a JOIN adjustment_changes c ON c.adjustment_id = a.id
                      WHERE a.plan_id = @plan AND a.status <> '{nameof(AdjustmentStatus.Draft)}' AND a.created_at < @end
                        AND (c.subject_key = s.task_key OR strpos(c.payload::text, s.task_key::text) > 0))
                ORDER BY s.colour_rank DESC, s.position
                """,
            parameters,
            r => (Key: r.GetGuid(0), Task: r.GetString(1), StartsOn: r.Date(2), EndsOn: r.Date(3), Percent: r.NullableDecimal(4), Colour: TaskStatusSql.Colour(r.GetInt32(5))),
            cancellationToken);
        return [.. rows.Select(r =>
        {
            var assessment = TaskStatusRules.Assess(
                new TaskFacts(new TaskSpan(r.StartsOn, r.EndsOn), r.Percent is { } p ? new ApprovedProgress(p, null) : null), to, thresholds);
            return new UnaddressedTask(r.Key, r.Task, r.Colour, assessment.ExpectedPercent, r.Percent, assessment.Reason);
        })];
    }

    private static DateOnly Day(DateTimeOffset at) => BeijingTime.Day(at);
}
