using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Progress;

/// <summary>
/// Evidence files (佐证材料) of a report: upload and delete by the unit's reporter while the report is editable, each
/// in one transaction with the report; download by whoever may see the report (the data scope filters the files by
/// their unit, so another unit's file id finds nothing).
/// </summary>
public sealed class EvidenceStore(AppDbContext db, ReportWritePipeline pipeline, CurrentUser user)
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
    /// Checks every file (size, signature, extension) before touching the database, then through the report's write
    /// pipeline starts the report if need be (evidence may come before the text), checks the report's limits and stores
    /// all the files, or none.
    /// </summary>
    public async Task<WriteResult> UploadAsync(int periodId, int taskId, IReadOnlyList<IFormFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            return WriteResult.Refused(EvidenceRefusal.NoFile);
        }

        var accepted = new List<(string Name, string ContentType, byte[] Content)>();
        foreach (var file in files)
        {
            var name = FileSignature.SanitiseName(file.FileName);
            var shown = name.Length > 0 ? name : "?";
            if (file.Length == 0)
            {
                return WriteResult.Refused(EvidenceRefusal.Empty, shown);
            }

            if (file.Length > EvidenceLimits.MaxFileBytes)
            {
                return WriteResult.Refused(EvidenceRefusal.TooLarge, shown);
            }

            var content = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadExactlyAsync(content, cancellationToken);
            }

            var sniffed = FileSignature.Detect(name, content);
            if (sniffed.Refusal is { } refusal)
            {
                return WriteResult.Refused(refusal, shown);
            }

            accepted.Add((name, sniffed.ContentType!, content));
        }

        // The report is locked before it is read: a submit in flight finishes first, and this upload then finds the
        // report submitted (and is refused) instead of slipping a file into a report whose submitted version does not
        // list it; two uploads take turns and each sees the other's files against the limits.
        var write = new ReportWrite("upload", async (decision, token) =>
        {
            var report = decision.Report;
            if (report.EditabilityIn(decision.Context.PeriodStatus).Refusal is not null)
            {
                return WriteResult.Refused(EvidenceRefusal.NotEditable);
            }

            var existing = await db.EvidenceFiles
                .Where(e => e.ProgressReportId == report.Id)
                .GroupBy(e => 1)
                .Select(g => new { Count = g.Count(), Bytes = g.Sum(e => e.SizeBytes) })
                .SingleOrDefaultAsync(token);
            if (EvidenceLimits.Check(existing?.Count ?? 0, existing?.Bytes ?? 0, accepted.Count, accepted.Sum(a => (long)a.Content.Length)) is { } over)
            {
                return WriteResult.Refused(over, accepted[^1].Name);
            }

            // One insert per file; the audit interceptor records name, size and SHA-256 but never the bytes ("Content").
            foreach (var (name, contentType, content) in accepted)
            {
                db.EvidenceFiles.Add(new EvidenceFile(report.Id, report.UnitId, name, contentType, content, decision.Actor, decision.Now));
            }

            return WriteResult.Done;
        })
        {
            ByUnit = true,
            Start = ReportStart.BeforeTheDecision,
        };
        return await pipeline.UnitReportAsync(periodId, taskId, write, cancellationToken);
    }

    /// <summary>Deletes a file of the unit's report while the report is editable and the period open (or the report reopened).</summary>
    public Task<WriteResult> DeleteAsync(int periodId, int taskId, long fileId, CancellationToken cancellationToken)
    {
        var write = new ReportWrite("delete evidence", async (decision, token) =>
        {
            var file = await db.EvidenceFiles.SingleOrDefaultAsync(e => e.Id == fileId && e.ProgressReportId == decision.Report.Id, token);
            if (file is null)
            {
                return WriteResult.NotFound;
            }

            if (decision.Report.EditabilityIn(decision.Context.PeriodStatus).Refusal is not null)
            {
                return WriteResult.Refused(EvidenceRefusal.NotEditable, file.FileName);
            }

            db.EvidenceFiles.Remove(file);
            return WriteResult.Done;
        })
        {
            ByUnit = true,
        };
        return pipeline.UnitReportAsync(periodId, taskId, write, cancellationToken);
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
