using System.Text;
using PlanTracker.Infrastructure.Auditing;
using PlanTracker.Infrastructure.PlanImport;

namespace PlanTracker.Web.Features.PlanDrafts;

/// <summary>
/// Reads an uploaded or pasted plan text, previews what the parser makes of it without storing anything, and
/// stores it as a draft. The import re-parses the text it is given: a parse result never comes from the browser.
/// </summary>
public sealed class DraftImport(PlanImportService importer, IAuditActor actor)
{
    /// <summary>The text of the upload (read strictly as UTF-8) or, without one, of the paste; or a reason in Chinese.</summary>
    public static async Task<PlanTextReadResult> ReadAsync(IFormFile? file, string? pasted, CancellationToken cancellationToken)
    {
        if (file is { Length: > 0 })
        {
            // Kestrel caps the request body (30 MB), so reading it whole lets the reader say how large it was.
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            return PlanTextReader.Read(buffer.ToArray());
        }

        return PlanTextReader.Read(Encoding.UTF8.GetBytes(pasted ?? string.Empty));
    }

    /// <summary>Parses and checks the text as the import would (not a plan, already imported, same 文号), storing nothing.</summary>
    public async Task<DraftImportResult> PreviewAsync(string text, CancellationToken cancellationToken)
    {
        var outcome = await importer.ImportAsync(text, new PlanImportOptions { DryRun = true }, cancellationToken);
        return outcome.Result == PlanImportResult.DryRun
            ? new DraftImportResult(new DraftPreviewViewModel(outcome.Plan!, PlanTextReader.Normalize(text)), null, null)
            : new DraftImportResult(null, null, outcome.Message);
    }

    /// <summary>Stores the text as a new plan with a draft version 1, the signed-in planner as the actor.</summary>
    public async Task<DraftImportResult> ImportAsync(string text, CancellationToken cancellationToken)
    {
        var outcome = await importer.ImportAsync(text, new PlanImportOptions
        {
            ActorId = actor.UserId,
            ActorName = actor.UserName,
            ActorUnitId = actor.UnitId,
            RequestId = actor.RequestId,
        }, cancellationToken);
        return outcome.Result == PlanImportResult.Imported
            ? new DraftImportResult(null, outcome.PlanId, null)
            : new DraftImportResult(null, null, outcome.Message);
    }
}

public sealed record DraftImportResult(DraftPreviewViewModel? Preview, int? PlanId, string? Error);
