namespace PlanTracker.Domain.Evaluation;

/// <summary>
/// An evaluation report as the ministry issued it (印发): the exact Word document and Excel annex, and the figures behind
/// them as JSON. Later corrections to reports or values do not touch it; the portal compares its figures with today's
/// to show what has changed since. Issued once per plan, kind, window and unit; never edited, never deleted.
/// </summary>
public sealed class IssuedReport
{
    private IssuedReport()
    {
        Kind = string.Empty;
        Title = string.Empty;
        FiguresJson = "{}";
        Docx = [];
        Xlsx = [];
        DocxSha256 = string.Empty;
        IssuedBy = string.Empty;
    }

    public IssuedReport(
        int planId, string kind, DateOnly from, DateOnly to, int? unitId, string title, string figuresJson, byte[] docx, byte[] xlsx, string docxSha256, string issuedBy, DateTimeOffset issuedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(figuresJson);
        ArgumentException.ThrowIfNullOrWhiteSpace(issuedBy);
        ArgumentNullException.ThrowIfNull(docx);
        ArgumentNullException.ThrowIfNull(xlsx);
        PlanId = planId;
        Kind = kind;
        From = from;
        To = to;
        UnitId = unitId;
        Title = title;
        FiguresJson = figuresJson;
        Docx = docx;
        Xlsx = xlsx;
        DocxSha256 = docxSha256;
        IssuedBy = issuedBy;
        IssuedAt = issuedAt;
    }

    public int Id { get; private set; }

    public int PlanId { get; private set; }

    /// <summary>Annual or MidTerm.</summary>
    public string Kind { get; private set; }

    public DateOnly From { get; private set; }

    public DateOnly To { get; private set; }

    /// <summary>Set for a province's own report.</summary>
    public int? UnitId { get; private set; }

    public string Title { get; private set; }

    /// <summary>The figures the documents were written from, as issued.</summary>
    public string FiguresJson { get; private set; }

    public byte[] Docx { get; private set; }

    public byte[] Xlsx { get; private set; }

    /// <summary>SHA-256 of <see cref="Docx"/> (hex), printed on the page so a copy can be checked against the original.</summary>
    public string DocxSha256 { get; private set; }

    public string IssuedBy { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }
}
