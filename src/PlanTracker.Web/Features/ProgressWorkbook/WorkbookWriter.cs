using Microsoft.EntityFrameworkCore;
using Npgsql;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Progress;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.ProgressWorkbook;

/// <summary>What an upload came to: not found, applied (with counts), or refused with every error.</summary>
public sealed record UploadResult(bool NotFound, int ReportsSaved, int ValuesSaved, IReadOnlyList<WorkbookError> Errors)
{
    public static readonly UploadResult Missing404 = new(true, 0, 0, []);

    public bool Succeeded => !NotFound && Errors.Count == 0;

    public static UploadResult Refused(params WorkbookError[] errors) => new(false, 0, 0, errors);
}

/// <summary>
/// Applies an uploaded workbook in one transaction: loads the unit's reports and values, checks the file against them
/// (<see cref="WorkbookParser"/>), lets <see cref="ProgressReport.SaveDraft"/> and <see cref="IndicatorValue.Save"/>
/// decide each row, and stores all of it or none of it. Drafts only: the unit submits on the web.
/// </summary>
public sealed class WorkbookWriter(AppDbContext db, WorkbookSource source, RefusalWords words, CurrentUser user, TimeProvider clock)
{
    public async Task<UploadResult> UploadAsync(int periodId, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // As for a save on the web: the period's close waits for this upload, or this upload reads the period closed.
        await PlanTracker.Web.Features.Progress.ReportLocks.PeriodAsync(db, periodId, cancellationToken);
        var state = await source.LoadAsync(periodId, tracked: true, cancellationToken);
        if (state is null)
        {
            return UploadResult.Missing404;
        }

        if (!state.Data.PeriodOpen && !state.Data.Tasks.Any(t => t.Editable))
        {
            return UploadResult.Refused(new WorkbookError(null, null, null, $"填报期“{state.Data.PeriodLabel}”未开放，不能上传。"));
        }

        var parsed = WorkbookParser.Parse(content, state.Data, words);
        if (!parsed.Succeeded)
        {
            return UploadResult.Refused([.. parsed.Errors]);
        }

        var now = clock.GetUtcNow();
        var errors = new List<WorkbookError>();
        var reportsSaved = 0;
        foreach (var entry in parsed.Tasks)
        {
            var report = state.Reports.GetValueOrDefault(entry.TaskId);
            if (report is null)
            {
                if (IsEmpty(entry.Draft))
                {
                    continue;
                }

                report = ProgressReport.Start(periodId, entry.TaskId, state.UnitId, user.UserName, now);
                db.ProgressReports.Add(report);
            }
            else if (report.Content() is var before && Same(before, entry.Draft))
            {
                continue;
            }

            if (report.SaveDraft(entry.Draft, state.Data.Window, now).Refusal is { } refusal)
            {
                errors.Add(new WorkbookError(WorkbookLayout.ReportsSheet, entry.Row, null, words.Sentence(refusal)));
                continue;
            }

            reportsSaved++;
        }

        var valuesSaved = 0;
        foreach (var entry in parsed.Indicators)
        {
            var figure = entry.Figure;
            var value = state.Values.GetValueOrDefault(entry.IndicatorId);
            if (value is null)
            {
                value = new IndicatorValue(entry.IndicatorId, state.UnitId, periodId, null, null, null, null, null, now);
                db.IndicatorValues.Add(value);
            }
            else if (new IndicatorFigure(value.Value, value.ValueText, value.UnitOfMeasure, value.Source, value.Note) == figure)
            {
                continue;
            }

            if (value.Save(figure.Value, figure.ValueText, figure.UnitOfMeasure, figure.Source, figure.Note, user.UserName, now).Refusal is { } refusal)
            {
                errors.Add(new WorkbookError(WorkbookLayout.IndicatorsSheet, entry.Row, null, words.Sentence(refusal)));
                continue;
            }

            valuesSaved++;
        }

        if (errors.Count > 0)
        {
            // Nothing is stored: the transaction is disposed without a commit and the tracked changes are dropped.
            db.ChangeTracker.Clear();
            return UploadResult.Refused([.. errors]);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return UploadResult.Refused(new WorkbookError(null, null, null, "上传期间有报告在门户中被修改，未保存任何内容：请重新下载模板后再填报。"));
        }

        await transaction.CommitAsync(cancellationToken);
        return new UploadResult(false, reportsSaved, valuesSaved, []);
    }

    private static bool IsEmpty(ReportDraft draft) =>
        draft.Progress is null && draft.PercentComplete is null && draft.ProgressText is null && draft.Achievements is null && draft.Problems is null
        && draft.NextSteps is null && draft.InvestmentWan is null && draft.InvestmentSources.Count == 0 && draft.Milestones.Count == 0;

    /// <summary>A row as downloaded is not a change: the report keeps its time stamp and no audit entry is written.</summary>
    private static bool Same(ReportDraft a, ReportDraft b) =>
        (a.Progress, a.PercentComplete, a.ProgressText, a.Achievements, a.Problems, a.NextSteps, a.InvestmentWan)
            == (b.Progress, b.PercentComplete, b.ProgressText, b.Achievements, b.Problems, b.NextSteps, b.InvestmentWan)
        && a.InvestmentSources.OrderBy(s => s.Source).SequenceEqual(b.InvestmentSources.Where(s => s.AmountWan != 0).OrderBy(s => s.Source))
        && a.Milestones.OrderBy(m => m.ReachedOn).ThenBy(m => m.Title, StringComparer.Ordinal).SequenceEqual(b.Milestones.OrderBy(m => m.ReachedOn).ThenBy(m => m.Title, StringComparer.Ordinal));
}
