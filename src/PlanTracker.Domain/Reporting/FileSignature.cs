using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace PlanTracker.Domain.Reporting;

/// <summary>The kinds of evidence the portal accepts.</summary>
public enum EvidenceKind
{
    Pdf,
    Png,
    Jpeg,
    Gif,
    Docx,
    Xlsx,
    Pptx,

    /// <summary>A legacy Office compound file (.doc, .xls, .ppt).</summary>
    LegacyOffice,
}

/// <summary>What the sniffer decided: the kind and content type, or why the file is refused.</summary>
public sealed record SniffResult(EvidenceKind? Kind, string? ContentType, EvidenceRefusal? Refusal)
{
    public bool Accepted => Refusal is null;

    public static SniffResult Refused(EvidenceRefusal refusal) => new(null, null, refusal);
}

/// <summary>
/// Decides a file's type from its first bytes (its signature), never from its name, then requires the name's
/// extension to agree. An Office Open XML file is a zip: only its directory and a bounded read of
/// <c>[Content_Types].xml</c> are inspected, with caps on the entry count and the declared sizes, so a zip bomb is
/// refused without being inflated.
/// </summary>
public static class FileSignature
{
    public const int MaxNameLength = 200;

    /// <summary>More entries than any real document has; beyond it the zip is refused unread.</summary>
    public const int MaxZipEntries = 2000;

    /// <summary>The most uncompressed bytes the zip's directory may declare (a 10 MB document inflating past this is a bomb).</summary>
    public const long MaxZipUncompressedBytes = 200L * 1024 * 1024;

    private const int MaxContentTypesBytes = 256 * 1024;

    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Gif87 = "GIF87a"u8.ToArray();
    private static readonly byte[] Gif89 = "GIF89a"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Cfb = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>The kind of <paramref name="content"/> and, when the extension of <paramref name="fileName"/> agrees, its content type.</summary>
    public static SniffResult Detect(string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0)
        {
            return SniffResult.Refused(EvidenceRefusal.Empty);
        }

        if (content.Length > EvidenceLimits.MaxFileBytes)
        {
            return SniffResult.Refused(EvidenceRefusal.TooLarge);
        }

        var kind = KindOf(content);
        if (kind is not { } k)
        {
            return SniffResult.Refused(EvidenceRefusal.UnknownType);
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var type = ContentTypeOf(k, extension);
        return type is null ? SniffResult.Refused(EvidenceRefusal.ExtensionMismatch) : new SniffResult(k, type, null);
    }

    /// <summary>The kind the bytes say, or null for anything not accepted.</summary>
    public static EvidenceKind? KindOf(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var span = content.AsSpan();
        return span.StartsWith(Pdf) ? EvidenceKind.Pdf
            : span.StartsWith(Png) ? EvidenceKind.Png
            : span.StartsWith(Jpeg) ? EvidenceKind.Jpeg
            : span.StartsWith(Gif87) || span.StartsWith(Gif89) ? EvidenceKind.Gif
            : span.StartsWith(Cfb) ? EvidenceKind.LegacyOffice
            : span.StartsWith(Zip) ? OfficeOpenXmlKind(content)
            : null;
    }

    /// <summary>
    /// The file name as stored and offered back: no directory part, no control or format characters (a right-to-left
    /// override could disguise the extension), trimmed, at most <see cref="MaxNameLength"/> characters with the
    /// extension kept. Empty when nothing is left.
    /// </summary>
    public static string SanitiseName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        var lastPart = name.Replace('\\', '/');
        lastPart = lastPart[(lastPart.LastIndexOf('/') + 1)..];
        var builder = new StringBuilder(lastPart.Length);
        foreach (var c in lastPart)
        {
            var category = char.GetUnicodeCategory(c);
            if (!char.IsControl(c) && category is not (UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?'))
            {
                builder.Append(c);
            }
        }

        var clean = builder.ToString().Trim().Trim('.').Trim();
        if (clean.Length <= MaxNameLength)
        {
            return clean;
        }

        var extension = Path.GetExtension(clean);
        extension = extension.Length > 10 ? string.Empty : extension;
        return clean[..(MaxNameLength - extension.Length)].TrimEnd() + extension;
    }

    private static string? ContentTypeOf(EvidenceKind kind, string extension) => (kind, extension) switch
    {
        (EvidenceKind.Pdf, ".pdf") => "application/pdf",
        (EvidenceKind.Png, ".png") => "image/png",
        (EvidenceKind.Jpeg, ".jpg" or ".jpeg") => "image/jpeg",
        (EvidenceKind.Gif, ".gif") => "image/gif",
        (EvidenceKind.Docx, ".docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (EvidenceKind.Xlsx, ".xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (EvidenceKind.Pptx, ".pptx") => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (EvidenceKind.LegacyOffice, ".doc") => "application/msword",
        (EvidenceKind.LegacyOffice, ".xls") => "application/vnd.ms-excel",
        (EvidenceKind.LegacyOffice, ".ppt") => "application/vnd.ms-powerpoint",
        _ => null,
    };

    /// <summary>A zip is Office Open XML when it has <c>[Content_Types].xml</c> naming the main part of a document, workbook or presentation.</summary>
    private static EvidenceKind? OfficeOpenXmlKind(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var entries = zip.Entries;
            if (entries.Count > MaxZipEntries)
            {
                return null;
            }

            long declared = 0;
            foreach (var entry in entries)
            {
                declared += entry.Length;
                if (entry.Length < 0 || declared > MaxZipUncompressedBytes)
                {
                    return null;
                }
            }

            var types = zip.GetEntry("[Content_Types].xml");
            if (types is null || types.Length > MaxContentTypesBytes)
            {
                return null;
            }

            var xml = ReadBounded(types);
            var kind = xml.Contains("wordprocessingml.document.main+xml", StringComparison.Ordinal) && zip.GetEntry("word/document.xml") is not null ? EvidenceKind.Docx
                : xml.Contains("spreadsheetml.sheet.main+xml", StringComparison.Ordinal) && zip.GetEntry("xl/workbook.xml") is not null ? EvidenceKind.Xlsx
                : xml.Contains("presentationml.presentation.main+xml", StringComparison.Ordinal) && zip.GetEntry("ppt/presentation.xml") is not null ? EvidenceKind.Pptx
                : (EvidenceKind?)null;
            return kind;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Reads at most <see cref="MaxContentTypesBytes"/> inflated bytes, whatever the entry claims.</summary>
    private static string ReadBounded(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        var buffer = new byte[MaxContentTypesBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }
}
