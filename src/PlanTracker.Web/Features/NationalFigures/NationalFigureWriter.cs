using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Progress;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.NationalFigures;

/// <summary>
/// Stores a national figure (the indicator value without a unit) as the ministry's own: saved, submitted and approved in
/// one transaction, by the planner who typed it, through <see cref="IndicatorValue"/>'s own steps. An approved value is
/// read-only, so correcting one replaces it: the old row is deleted (the audit log keeps it) and the new one goes
/// through the same three steps. The row version the form was drawn with must still be the stored one.
/// </summary>
public sealed class NationalFigureWriter(AppDbContext db, NationalFigurePages pages, RefusalWords words, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public async Task<NationalFigureResult> SaveAsync(int planId, int indicatorId, NationalFigureInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var indicator = await pages.IndicatorAsync(planId, indicatorId, cancellationToken);
        if (indicator is null || !await db.ReportingPeriods.AnyAsync(p => p.Id == input.PeriodId && p.PlanId == planId, cancellationToken))
        {
            return NationalFigureResult.Missing404;
        }

        decimal? number = null;
        if (!string.IsNullOrWhiteSpace(input.Value))
        {
            if (!decimal.TryParse(input.Value.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
            {
                return NationalFigureResult.Refused(localizer["NationalFigures.NotANumber", input.Value.Trim()].Value);
            }

            number = parsed;
        }

        var unitOfMeasure = string.IsNullOrWhiteSpace(input.UnitOfMeasure) ? indicator.Unit : input.UnitOfMeasure;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = pages.SameIndicator(planId, indicator.Key);
        var stored = await db.IndicatorValues
            .Where(v => v.UnitId == null && v.PeriodId == input.PeriodId && ids.Contains(v.IndicatorId))
            .OrderByDescending(v => v.IndicatorId == indicatorId).ThenByDescending(v => v.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (stored is null ? input.RowVersion is not null : input.RowVersion != stored.RowVersion)
        {
            return Stale();
        }

        var now = clock.GetUtcNow();
        var reuse = stored is not null && stored.IsEditable && stored.IndicatorId == indicatorId;
        var figure = reuse ? stored! : new IndicatorValue(indicatorId, null, input.PeriodId, null, null, null, null, null, now);
        foreach (var step in new Func<ReportOutcome>[]
        {
            () => figure.Save(number, input.ValueText, unitOfMeasure, input.Source, input.Note, user.UserName, now),
            () => figure.Submit(user.UserName, now),
            () => figure.Approve(user.UserName, now),
        })
        {
            if (step().Refusal is { } refusal)
            {
                db.ChangeTracker.Clear();
                return NationalFigureResult.Refused(words.Sentence(refusal));
            }
        }

        try
        {
            if (!reuse)
            {
                if (stored is not null)
                {
                    // The row version read above is the one the delete checks: a save in between makes it fail.
                    db.IndicatorValues.Remove(stored);
                    await db.SaveChangesAsync(cancellationToken);
                }

                db.IndicatorValues.Add(figure);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return NationalFigureResult.Done;
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Stale();
        }
    }

    private NationalFigureResult Stale()
    {
        db.ChangeTracker.Clear();
        return NationalFigureResult.Refused(localizer["NationalFigures.Stale"].Value);
    }
}
