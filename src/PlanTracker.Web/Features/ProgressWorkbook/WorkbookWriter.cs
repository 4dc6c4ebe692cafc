using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Progress;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.ProgressWorkbook;

/// <summary>What an applied upload stored: how many report drafts and indicator values changed.</summary>
public sealed record WorkbookSaved(int Reports, int Values);

/// <summary>
/// Applies an uploaded workbook through the report write pipeline (<see cref="ReportWritePipeline.UnitPeriodAsync"/>:
/// one transaction, the period's row and then all of the unit's reports of the period locked): loads the unit's
/// reports and values, checks the file against them (<see cref="WorkbookParser"/>), lets
/// <see cref="ProgressReport.SaveDraft"/> and <see cref="IndicatorValue.Save"/> decide each row, and stores all of it
/// or none of it. Drafts only: the unit submits on the web. The answer is <see cref="WorkbookSaved"/> when done, or
/// refused with <see cref="WorkbookRefusal"/> (the errors, each located by sheet and row).
/// </summary>
public sealed class WorkbookWriter(AppDbContext db, WorkbookSource source, ReportWritePipeline pipeline, RefusalWords words, CurrentUser user, TimeProvider clock)
{
    public async Task<WriteResult> UploadAsync(int periodId, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (user.UnitId is not int unitId)
        {
            return WriteResult.NotFound;
        }

        return await pipeline.UnitPeriodAsync(periodId, unitId, "upload workbook", token => ApplyAsync(periodId, content, token), cancellationToken);
    }

    private async Task<WriteResult> ApplyAsync(int periodId, byte[] content, CancellationToken cancellationToken)
    {
        var state = await source.LoadAsync(periodId, tracked: true, cancellationToken);
        if (state is null)
        {
            return WriteResult.NotFound;
        }

        if (!state.Data.PeriodOpen && !state.Data.Tasks.Any(t => t.Editable))
        {
            return WriteResult.Refused(WorkbookRefusal.PeriodNotOpen, state.Data.PeriodLabel);
        }

        var parsed = WorkbookParser.Parse(content, state.Data, words);
        if (!parsed.Succeeded)
        {
            return WriteResult.Refused(WorkbookRefusal.Errors, parsed.Errors);
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

                report = pipeline.Start(periodId, entry.TaskId, state.UnitId, now);
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

        // With any error nothing is stored: the pipeline drops the tracked changes and the transaction is not committed.
        return errors.Count > 0 ? WriteResult.Refused(WorkbookRefusal.Errors, errors) : WriteResult.With(new WorkbookSaved(reportsSaved, valuesSaved));
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

/// <summary>Why an upload was refused as a whole. Worded as <c>Workbook.Refusal.*</c>.</summary>
public enum WorkbookRefusal
{
    /// <summary>The period takes no entries and no report of the unit is reopened. The period's label.</summary>
    PeriodNotOpen,

    /// <summary>The workbook has errors, every one listed. The list of <see cref="WorkbookError"/>s.</summary>
    Errors,
}
