using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Evaluation;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Infrastructure.Evaluation;

/// <summary>
/// Reads evaluation figures and keeps the issued reports: drafts are written from today's figures by the callers
/// (<see cref="EvaluationDocument"/>, <see cref="EvaluationAnnex"/>); issuing stores the exact documents and figures once, in one
/// transaction, and later reads of an issued report return those bytes, not a new draft.
/// </summary>
public sealed class EvaluationReports(AppDbContext db, EvaluationReader reader, TimeProvider clock)
{
    public async Task<EvaluationResult> FiguresAsync(EvaluationScope scope, CancellationToken cancellationToken = default) =>
        await reader.ReadAsync(scope, cancellationToken);

    /// <summary>The report issued for exactly this scope, if any.</summary>
    public Task<IssuedReport?> IssuedAsync(EvaluationScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var kind = scope.Kind.ToString();
        return db.IssuedReports.AsNoTracking()
            .Where(r => r.PlanId == scope.PlanId && r.Kind == kind && r.From == scope.From && r.To == scope.To && r.UnitId == scope.UnitId)
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Issues (印发) the report of <paramref name="scope"/>: writes it from today's figures and keeps documents and figures
    /// as they are. A report can be issued once; a second attempt is refused with when and by whom it was.
    /// </summary>
    public async Task<IssueResult> IssueAsync(EvaluationScope scope, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (await IssuedAsync(scope, cancellationToken) is { } existing)
        {
            return IssueResult.Refused($"该报告已于{Beijing(existing.IssuedAt):yyyy年M月d日 HH:mm}由{existing.IssuedBy}印发，不能重复印发。", existing);
        }

        var result = await reader.ReadAsync(scope, cancellationToken);
        if (result.Figures is not { } figures)
        {
            return IssueResult.Refused(result.Refusal!, null);
        }

        var docx = EvaluationDocument.Write(figures);
        var issued = new IssuedReport(
            scope.PlanId, scope.Kind.ToString(), scope.From, scope.To, scope.UnitId, figures.Scope.Title,
            FiguresComparison.ToJson(figures), docx, EvaluationAnnex.Write(figures), Convert.ToHexStringLower(SHA256.HashData(docx)), actor, clock.GetUtcNow());
        db.IssuedReports.Add(issued);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two planners issued at once: the unique index let one through.
            db.ChangeTracker.Clear();
            if (await IssuedAsync(scope, cancellationToken) is not { } raced)
            {
                throw;
            }

            return IssueResult.Refused($"该报告已于{Beijing(raced.IssuedAt):yyyy年M月d日 HH:mm}由{raced.IssuedBy}印发，不能重复印发。", raced);
        }

        return new IssueResult(issued, null);
    }

    /// <summary>What has changed in the figures since the report was issued (today's read of the same scope).</summary>
    public async Task<IReadOnlyList<FigureChange>?> ChangesSinceAsync(IssuedReport issued, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issued);
        var then = FiguresComparison.FromJson(issued.FiguresJson);
        var now = await reader.ReadAsync(then.Scope, cancellationToken);
        return now.Figures is { } figures ? FiguresComparison.Compare(then, figures) : null;
    }

    private static DateTime Beijing(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).DateTime;
}

public sealed record IssueResult(IssuedReport? Issued, string? Refusal, IssuedReport? Existing = null)
{
    public bool Succeeded => Refusal is null;

    public static IssueResult Refused(string message, IssuedReport? existing) => new(null, message, existing);
}
