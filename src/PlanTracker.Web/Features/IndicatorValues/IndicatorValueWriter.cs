using Microsoft.EntityFrameworkCore;
using Npgsql;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Progress;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.IndicatorValues;

/// <summary>
/// The write side of 指标值填报: the unit's whole page is saved (or submitted) in one transaction, all or nothing; the
/// ministry approves or returns one value at a time. Each value carries its row version: a stale form is refused.
/// </summary>
public sealed class IndicatorValueWriter(AppDbContext db, IndicatorValuePages pages, RefusalWords words, CurrentUser user, TimeProvider clock)
{
    /// <summary>
    /// 保存 stores every row as a draft; 报送 (<paramref name="submit"/>) also submits every filled row. Any refusal — a
    /// row the domain will not take, an incomplete row on submit, a stale row — refuses the whole page: nothing is stored.
    /// </summary>
    public async Task<IndicatorWriteResult> SaveAsync(int periodId, IndicatorValuesInput input, bool submit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (user.UnitId is not int unitId)
        {
            return IndicatorWriteResult.Missing404;
        }

        // The period's row is locked before its status is read: a close waits for this save, or this save reads the
        // period closed — no value is stored after the close that should have locked it (as for reports).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ReportLocks.PeriodAsync(db, periodId, cancellationToken);
        if (await pages.PeriodAsync(periodId, cancellationToken) is not { } period)
        {
            return IndicatorWriteResult.Missing404;
        }

        var indicators = (await pages.IndicatorsAsync(period.PlanId, cancellationToken)).ToDictionary(i => i.Id);
        var rows = input.Rows;
        if (rows.Any(r => !indicators.ContainsKey(r.IndicatorId)) || rows.Select(r => r.IndicatorId).Distinct().Count() != rows.Count)
        {
            // An indicator of another plan, a national-only one, or a row twice: not something the page offered.
            return IndicatorWriteResult.Missing404;
        }

        if (period.Status != PeriodStatus.Open)
        {
            return IndicatorWriteResult.Refused("IndicatorValues.Refusal.PeriodNotOpen", []);
        }

        var stored = await db.IndicatorValues.UnitValuesOf([.. rows.Select(r => indicators[r.IndicatorId])], periodId, unitId, cancellationToken);
        var now = clock.GetUtcNow();
        var problems = new List<string>();
        var toSubmit = new List<(IndicatorHead Indicator, IndicatorValue Value)>();
        foreach (var row in rows)
        {
            var indicator = indicators[row.IndicatorId];
            stored.TryGetValue(row.IndicatorId, out var value);
            if (value is null ? row.RowVersion is not null : row.RowVersion != value.RowVersion)
            {
                return Discard(IndicatorWriteResult.Stale with { Details = [indicator.Name] });
            }

            if (value is null)
            {
                if (row.IsBlank)
                {
                    continue;
                }

                value = new IndicatorValue(row.IndicatorId, unitId, periodId, null, null, null, null, null, now);
                db.IndicatorValues.Add(value);
            }

            var unitOfMeasure = string.IsNullOrWhiteSpace(row.UnitOfMeasure) ? indicator.Unit : row.UnitOfMeasure;
            if (value.Save(row.Value, row.ValueText, unitOfMeasure, row.Source, row.Note, user.UserName, now).Refusal is { } refusal)
            {
                problems.Add($"{indicator.Name}：{words.Sentence(refusal)}");
            }
            else if (submit && !row.IsBlank)
            {
                toSubmit.Add((indicator, value));
            }
        }

        if (problems.Count > 0)
        {
            return Discard(IndicatorWriteResult.Refused("IndicatorValues.Refusal.Invalid", problems));
        }

        if (submit)
        {
            if (toSubmit.Count == 0)
            {
                return Discard(IndicatorWriteResult.Refused("IndicatorValues.Refusal.NothingToSubmit", []));
            }

            problems.AddRange(toSubmit
                .Select(s => (s.Indicator, Outcome: s.Value.Submit(user.UserName, now)))
                .Where(s => s.Outcome.Refusal is not null)
                .Select(s => $"{s.Indicator.Name}：{words.Sentence(s.Outcome.Refusal!)}"));
            if (problems.Count > 0)
            {
                return Discard(IndicatorWriteResult.Refused("IndicatorValues.Refusal.Incomplete", problems));
            }
        }

        var result = await StoreAsync(cancellationToken);
        if (result.Succeeded)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>The ministry approves (通过) or returns (退回, with its reason) one submitted value of the period.</summary>
    public async Task<IndicatorWriteResult> DecideAsync(int periodId, long valueId, ValueStepInput input, bool isReturn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var value = await db.IndicatorValues.SingleOrDefaultAsync(v => v.Id == valueId && v.PeriodId == periodId && v.UnitId != null, cancellationToken);
        if (value is null)
        {
            return IndicatorWriteResult.Missing404;
        }

        if (input.RowVersion != value.RowVersion)
        {
            return IndicatorWriteResult.Stale;
        }

        var now = clock.GetUtcNow();
        var outcome = isReturn ? value.Return(user.UserName, input.Comment, now) : value.Approve(user.UserName, now);
        if (outcome.Refusal is { } refusal)
        {
            return IndicatorWriteResult.Refused("IndicatorValues.Refusal." + refusal.Reason, refusal.Reason == ReportRefusalReason.ReasonRequired ? [] : [words.Sentence(refusal)], showLatest: true);
        }

        var result = await StoreAsync(cancellationToken);
        if (result.Succeeded)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>Forgets every change of a refused page (the transaction is rolled back on dispose).</summary>
    private IndicatorWriteResult Discard(IndicatorWriteResult result)
    {
        db.ChangeTracker.Clear();
        return result;
    }

    private async Task<IndicatorWriteResult> StoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return IndicatorWriteResult.Done;
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone else saved a value (or started it) since the page was drawn.
            return Discard(IndicatorWriteResult.Stale);
        }
    }
}
