using System.Security.Cryptography;

namespace PlanTracker.Domain.Reporting;

/// <summary>
/// A supporting document (佐证材料) attached to a progress report: a PDF, an image or an Office file whose type the
/// server decided from its first bytes (<see cref="FileSignature"/>), never from the name the browser sent.
/// </summary>
/// <remarks>
/// Stored in PostgreSQL (<c>bytea</c>), not on a disk: a file goes in in the same transaction as the report it
/// supports, database backups include it, and every app instance reads the same rows. The files are small
/// (<see cref="EvidenceLimits"/>), so the database carries them without trouble.
/// </remarks>
public sealed class EvidenceFile
{
    private EvidenceFile()
    {
        FileName = string.Empty;
        ContentType = string.Empty;
        Sha256 = string.Empty;
        Content = [];
    }

    /// <param name="fileName">Already sanitised by <see cref="FileSignature.SanitiseName"/>.</param>
    /// <param name="contentType">The type <see cref="FileSignature.Detect"/> decided.</param>
    public EvidenceFile(long progressReportId, int unitId, string fileName, string contentType, byte[] content, string? uploadedBy, DateTimeOffset uploadedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0)
        {
            throw new ArgumentException("An evidence file is never empty.", nameof(content));
        }

        ProgressReportId = progressReportId;
        UnitId = unitId;
        FileName = fileName;
        ContentType = contentType;
        SizeBytes = content.Length;
        Sha256 = HashOf(content);
        Content = content;
        UploadedBy = uploadedBy;
        UploadedAt = uploadedAt;
    }

    public long Id { get; private set; }

    public long ProgressReportId { get; private set; }

    /// <summary>The report's unit, copied so the data scope filters files without a join.</summary>
    public int UnitId { get; private set; }

    public string FileName { get; private set; }

    public string ContentType { get; private set; }

    public long SizeBytes { get; private set; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/> (64 characters).</summary>
    public string Sha256 { get; private set; }

    public byte[] Content { get; private set; }

    public string? UploadedBy { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    public static string HashOf(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}

/// <summary>How much evidence a report may carry.</summary>
public static class EvidenceLimits
{
    public const int MaxFileBytes = 10 * 1024 * 1024;

    public const int MaxFilesPerReport = 10;

    public const long MaxBytesPerReport = 50L * 1024 * 1024;

    /// <summary>Whether <paramref name="adding"/> more files of <paramref name="addingBytes"/> fit beside what the report already has.</summary>
    public static EvidenceRefusal? Check(int existingCount, long existingBytes, int adding, long addingBytes) =>
        existingCount + adding > MaxFilesPerReport ? EvidenceRefusal.TooManyFiles
        : existingBytes + addingBytes > MaxBytesPerReport ? EvidenceRefusal.ReportTooLarge
        : null;
}

/// <summary>Why a file was not accepted; each has a sentence in the resources (<c>Evidence.Refusal.*</c>).</summary>
public enum EvidenceRefusal
{
    Empty,
    TooLarge,
    UnknownType,
    ExtensionMismatch,
    TooManyFiles,
    ReportTooLarge,
    NotEditable,
    NoFile,
}
