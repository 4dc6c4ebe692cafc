using Microsoft.EntityFrameworkCore;
using Npgsql;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Progress;

/// <summary>
/// Evidence files (佐证材料) of a report: upload and delete by the unit's reporter while the report is editable, each
/// in one transaction with the report; download by whoever may see the report (the data scope filters the files by
/// their unit, so another unit's file id finds nothing).
/// </summary>
public sealed class EvidenceStore(AppDbContext db, ProgressPages pages, CurrentUser user, TimeProvider clock)
{
    /// <summary>The entry page's section: the report's files, and upload and delete while the reporter may edit.</summary>
    public async Task<EvidenceSection> ForEntryAsync(EntryViewModel entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var files = entry.ReportId is long reportId ? await ListAsync(reportId, cancellationToken) : [];
        return new EvidenceSection(files, entry.CanEdit, entry.Context.PeriodId, entry.Context.TaskId, null);
    }

    /// <summary>The planner report page's section: the files to read, nothing to change.</summary>
    public async Task<EvidenceSection> ForReportAsync(long reportId, CancellationToken cancellationToken = default) =>
        new(await ListAsync(reportId, cancellationToken), false, null, null, reportId);

    public async Task<IReadOnlyList<EvidenceRow>> ListAsync(long reportId, CancellationToken cancellationToken) =>
        await db.EvidenceFiles.AsNoTracking()
            .Where(e => e.ProgressReportId == reportId)
            .OrderBy(e => e.UploadedAt).ThenBy(e => e.Id)
            .Select(e => new EvidenceRow(e.Id, e.FileName, e.ContentType, e.SizeBytes, e.Sha256, e.UploadedBy, e.UploadedAt))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Checks every file (size, signature, extension) before touching the database, then in one transaction starts the
    /// report if need be, locks it, checks the report's limits and stores all the files, or none.
    /// </summary>
    public async Task<EvidenceResult> UploadAsync(int periodId, int taskId, IReadOnlyList<IFormFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            return EvidenceResult.Refused(EvidenceRefusal.NoFile, string.Empty);
        }

        var accepted = new List<(string Name, string ContentType, byte[] Content)>();
        foreach (var file in files)
        {
            var name = FileSignature.SanitiseName(file.FileName);
            var shown = name.Length > 0 ? name : "?";
            if (file.Length == 0)
            {
                return EvidenceResult.Refused(EvidenceRefusal.Empty, shown);
            }

            if (file.Length > EvidenceLimits.MaxFileBytes)
            {
                return EvidenceResult.Refused(EvidenceRefusal.TooLarge, shown);
            }

            var content = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadExactlyAsync(content, cancellationToken);
            }

            var sniffed = FileSignature.Detect(name, content);
            if (sniffed.Refusal is { } refusal)
            {
                return EvidenceResult.Refused(refusal, shown);
            }

            accepted.Add((name, sniffed.ContentType!, content));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ReportLocks.PeriodAsync(db, periodId, cancellationToken);
        var context = await pages.ContextAsync(periodId, taskId, cancellationToken);
        if (context is null)
        {
            return EvidenceResult.Missing404;
        }

        // Locked before it is read: a submit in flight finishes first, and this upload then finds the report submitted
        // (and is refused) instead of slipping a file into a report whose submitted version does not list it.
        var now = clock.GetUtcNow();
        await ReportLocks.ReportAsync(db, periodId, taskId, context.UnitId, cancellationToken);
        var report = await db.ReportOf(periodId, taskId, context.UnitId).SingleOrDefaultAsync(cancellationToken);

        // A closed period locks its reports, except one a planner reopened for the unit.
        if (context.PeriodStatus != PeriodStatus.Open && report?.IsReopened != true)
        {
            return new EvidenceResult(false, "Progress.Refusal.PeriodNotOpen", null);
        }

        if (report is null)
        {
            // Evidence may come before the text: the upload starts the report, as a first save would.
            report = ProgressReport.Start(periodId, taskId, context.UnitId, user.UserName, now);
            db.ProgressReports.Add(report);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // A save in another tab started the report at the same moment: nothing is stored, the page shows it.
                db.ChangeTracker.Clear();
                return EvidenceResult.Conflict;
            }
        }
        else if (!report.IsEditable)
        {
            return EvidenceResult.Refused(EvidenceRefusal.NotEditable, string.Empty);
        }

        // Two uploads to one report at once would each see room for the tenth file: the row lock makes them take turns.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM progress_reports WHERE id = {report.Id} FOR UPDATE", cancellationToken);
        var existing = await db.EvidenceFiles
            .Where(e => e.ProgressReportId == report.Id)
            .GroupBy(e => 1)
            .Select(g => new { Count = g.Count(), Bytes = g.Sum(e => e.SizeBytes) })
            .SingleOrDefaultAsync(cancellationToken);
        if (EvidenceLimits.Check(existing?.Count ?? 0, existing?.Bytes ?? 0, accepted.Count, accepted.Sum(a => (long)a.Content.Length)) is { } over)
        {
            return EvidenceResult.Refused(over, accepted[^1].Name);
        }

        // One insert per file; the audit interceptor records name, size and SHA-256 but never the bytes ("Content").
        foreach (var (name, contentType, content) in accepted)
        {
            db.EvidenceFiles.Add(new EvidenceFile(report.Id, report.UnitId, name, contentType, content, user.UserName, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return EvidenceResult.Done;
    }

    /// <summary>Deletes a file of the unit's report while the report is editable and the period open.</summary>
    public async Task<EvidenceResult> DeleteAsync(int periodId, int taskId, long fileId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ReportLocks.PeriodAsync(db, periodId, cancellationToken);
        var context = await pages.ContextAsync(periodId, taskId, cancellationToken);
        if (context is not null)
        {
            await ReportLocks.ReportAsync(db, periodId, taskId, context.UnitId, cancellationToken);
        }

        var report = context is null
            ? null
            : await db.ReportOf(periodId, taskId, context.UnitId).SingleOrDefaultAsync(cancellationToken);
        var file = report is null
            ? null
            : await db.EvidenceFiles.SingleOrDefaultAsync(e => e.Id == fileId && e.ProgressReportId == report.Id, cancellationToken);
        if (context is null || report is null || file is null)
        {
            return EvidenceResult.Missing404;
        }

        if (context.PeriodStatus != PeriodStatus.Open && !report.IsReopened)
        {
            return new EvidenceResult(false, "Progress.Refusal.PeriodNotOpen", null);
        }

        if (!report.IsEditable)
        {
            return EvidenceResult.Refused(EvidenceRefusal.NotEditable, file.FileName);
        }

        db.EvidenceFiles.Remove(file);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return EvidenceResult.Done;
    }

    /// <summary>A file of the user's unit's report on this period and task; null when there is none (or it is another unit's).</summary>
    public async Task<EvidenceDownload?> ForUnitAsync(int periodId, int taskId, long fileId, CancellationToken cancellationToken)
    {
        if (user.UnitId is not int unitId)
        {
            return null;
        }

        return await db.EvidenceFiles.AsNoTracking()
            .Where(e => e.Id == fileId && e.UnitId == unitId && db.ReportOf(periodId, taskId, unitId).Any(r => r.Id == e.ProgressReportId))
            .Select(e => new EvidenceDownload(e.FileName, e.ContentType, e.Content))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>A file of the report, for the ministry's report page.</summary>
    public async Task<EvidenceDownload?> ForReportAsync(long reportId, long fileId, CancellationToken cancellationToken) =>
        await db.EvidenceFiles.AsNoTracking()
            .Where(e => e.Id == fileId && e.ProgressReportId == reportId && db.ProgressReports.Any(r => r.Id == e.ProgressReportId))
            .Select(e => new EvidenceDownload(e.FileName, e.ContentType, e.Content))
            .SingleOrDefaultAsync(cancellationToken);
}

/// <summary>A file as the list shows it.</summary>
public sealed record EvidenceRow(long Id, string FileName, string ContentType, long SizeBytes, string Sha256, string? UploadedBy, DateTimeOffset UploadedAt);

/// <summary>The evidence section of a page: on the entry page with its period and task, on the report page with the report id.</summary>
public sealed record EvidenceSection(IReadOnlyList<EvidenceRow> Files, bool CanChange, int? PeriodId, int? TaskId, long? ReportId);

public sealed record EvidenceDownload(string FileName, string ContentType, byte[] Content);

/// <summary>What an upload or delete came to: not found, done, or refused with a resource key and the file it names.</summary>
public sealed record EvidenceResult(bool NotFound, string? RefusalKey, string? FileName)
{
    public static readonly EvidenceResult Missing404 = new(true, null, null);

    public static readonly EvidenceResult Done = new(false, null, null);

    /// <summary>The report changed under the upload (started by another tab at the same moment): answered 409.</summary>
    public static readonly EvidenceResult Conflict = new(false, WriteResult.Stale.RefusalKey, null);

    public bool IsConflict => RefusalKey == WriteResult.Stale.RefusalKey;

    public bool Succeeded => !NotFound && RefusalKey is null;

    public static EvidenceResult Refused(EvidenceRefusal refusal, string fileName) => new(false, "Evidence.Refusal." + refusal, fileName);
}
