using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PlanTracker.Domain.Auditing;
using PlanTracker.Domain.PlanImport;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Infrastructure.PlanImport;

/// <summary>
/// Imports a plan text: parse, refuse what is not a plan, recognise a text already imported, and store the
/// plan with its first version, its outline, its indicators and the audit entry in one transaction.
/// </summary>
public sealed class PlanImportService(AppDbContext db, TimeProvider clock, ILogger<PlanImportService> logger)
{
    public async Task<PlanImportOutcome> ImportAsync(string text, PlanImportOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        var normalized = PlanTextReader.Normalize(text);
        var parsed = PlanTextParser.Parse(normalized);
        if (parsed.Plan is null)
        {
            return PlanImportOutcome.Refused(parsed.Error ?? "未找到规划结构");
        }

        var plan = parsed.Plan;
        var sha256 = Sha256Hex(normalized);
        var existing = await db.PlanVersions.AsNoTracking()
            .Where(v => v.SourceSha256 == sha256)
            .Select(v => new { v.PlanId, v.Plan!.Title })
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return PlanImportOutcome.Unchanged(plan, existing.PlanId, $"该文本已导入（规划 #{existing.PlanId}《{existing.Title}》），未作任何更改");
        }

        if (plan.DocumentNumber is not null
            && await db.Plans.AsNoTracking().AnyAsync(p => p.DocumentNumber == plan.DocumentNumber, cancellationToken))
        {
            return PlanImportOutcome.Refused($"文号为 {plan.DocumentNumber} 的规划已存在，且文本不同；已发布规划的修改须通过动态调整提出");
        }

        if (options.DryRun)
        {
            return PlanImportOutcome.DryRun(plan);
        }

        var now = clock.GetUtcNow();
        var entity = ImportedPlanBuilder.Build(plan, normalized, sha256, now);
        if (options.Publish)
        {
            entity.Versions.Single().Publish(now);
        }

        // The audit entry needs the plan's id, so two saves; one transaction, so neither stands alone.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Plans.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry(
            now,
            options.ActorId,
            options.ActorName,
            options.ActorUnitId,
            options.Publish ? "import-and-publish" : "import",
            nameof(Plan),
            entity.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            beforeJson: null,
            afterJson: JsonSerializer.Serialize(new
            {
                entity.Title,
                entity.DocumentNumber,
                entity.Issuer,
                entity.IssueDate,
                entity.StartYear,
                entity.EndYear,
                Nodes = entity.Versions.Single().Nodes.Count,
                Indicators = entity.Versions.Single().Indicators.Count,
                Sha256 = sha256,
            }),
            options.RequestId));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        logger.LogInformation("Imported plan {PlanId} {Title} ({DocumentNumber}) with {NodeCount} nodes and {IndicatorCount} indicators", entity.Id, entity.Title, entity.DocumentNumber, entity.Versions.Single().Nodes.Count, entity.Versions.Single().Indicators.Count);
        return PlanImportOutcome.Imported(plan, entity.Id);
    }

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

public sealed record PlanImportOptions
{
    public bool DryRun { get; init; }

    /// <summary>Publish the imported text as version 1 at once (the shipped plan is already in force).</summary>
    public bool Publish { get; init; }

    public string? ActorId { get; init; }

    public string? ActorName { get; init; }

    public int? ActorUnitId { get; init; }

    public string? RequestId { get; init; }
}

public enum PlanImportResult
{
    Imported,
    Unchanged,
    DryRun,
    Refused,
}

public sealed record PlanImportOutcome(PlanImportResult Result, ParsedPlan? Plan, int? PlanId, string? Message)
{
    public bool Succeeded => Result != PlanImportResult.Refused;

    public static PlanImportOutcome Imported(ParsedPlan plan, int planId) => new(PlanImportResult.Imported, plan, planId, null);

    public static PlanImportOutcome Unchanged(ParsedPlan plan, int planId, string message) => new(PlanImportResult.Unchanged, plan, planId, message);

    public static PlanImportOutcome DryRun(ParsedPlan plan) => new(PlanImportResult.DryRun, plan, null, null);

    public static PlanImportOutcome Refused(string message) => new(PlanImportResult.Refused, null, null, message);
}
