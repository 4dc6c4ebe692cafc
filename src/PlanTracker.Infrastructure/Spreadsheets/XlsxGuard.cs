using System.IO.Compression;

namespace PlanTracker.Infrastructure.Spreadsheets;

/// <summary>Why an uploaded file is not taken as a workbook.</summary>
public enum XlsxRefusal
{
    Empty,

    /// <summary>Larger than <see cref="XlsxLimits.MaxFileBytes"/>.</summary>
    TooLarge,

    /// <summary>An OLE compound file (D0 CF 11 E0): an encrypted (password-protected) workbook or a legacy .xls.</summary>
    PasswordProtectedOrLegacy,

    /// <summary>Not a zip, or a zip that cannot be read.</summary>
    Malformed,

    /// <summary>A zip without <c>xl/workbook.xml</c>: not a workbook.</summary>
    NotAWorkbook,

    /// <summary>A workbook with macros (<c>xl/vbaProject.bin</c>).</summary>
    HasMacros,

    /// <summary>Too many entries, too many inflated bytes, an entry that inflates more than it declares or more than a real workbook compresses: a zip bomb.</summary>
    ZipBomb,
}

/// <summary>The bounds a workbook upload must stay inside before any XML of it is parsed.</summary>
public sealed record XlsxLimits(long MaxFileBytes, int MaxEntries, long MaxUncompressedBytes, int MaxCompressionRatio)
{
    /// <summary>5 MB on disk, 300 parts, 60 MB of XML, and no part shrunk more than 200 times (real sheets stay far below).</summary>
    public static readonly XlsxLimits Default = new(5L * 1024 * 1024, 300, 60L * 1024 * 1024, 200);
}

/// <summary>
/// Checks an uploaded .xlsx with <see cref="ZipArchive"/> before the Open XML SDK sees it: the signature (an encrypted
/// workbook is an OLE compound file, not a zip), the entry count, the sizes the zip's directory declares, the
/// compression ratio, and then inflates every entry through a counter that stops at the declared size, so a directory
/// that lies about sizes is caught too. Only a file that passes is handed to <see cref="XlsxReader"/>.
/// </summary>
public static class XlsxGuard
{
    private static readonly byte[] Cfb = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>Entries smaller than this may compress as much as they like (an empty sheet's XML shrinks 300 times).</summary>
    private const long RatioCheckedFromBytes = 1024 * 1024;

    /// <summary>Null when the bytes are a plausible, bounded workbook; the refusal otherwise.</summary>
    public static XlsxRefusal? Check(byte[] content, XlsxLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        limits ??= XlsxLimits.Default;
        if (content.Length == 0)
        {
            return XlsxRefusal.Empty;
        }

        if (content.Length > limits.MaxFileBytes)
        {
            return XlsxRefusal.TooLarge;
        }

        if (content.AsSpan().StartsWith(Cfb))
        {
            return XlsxRefusal.PasswordProtectedOrLegacy;
        }

        if (!content.AsSpan().StartsWith(Zip))
        {
            return XlsxRefusal.Malformed;
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var entries = zip.Entries;
            if (entries.Count > limits.MaxEntries)
            {
                return XlsxRefusal.ZipBomb;
            }

            long declared = 0;
            foreach (var entry in entries)
            {
                declared += entry.Length;
                if (entry.Length < 0 || entry.CompressedLength < 0 || declared > limits.MaxUncompressedBytes)
                {
                    return XlsxRefusal.ZipBomb;
                }

                if (entry.Length >= RatioCheckedFromBytes && entry.Length > (long)limits.MaxCompressionRatio * Math.Max(entry.CompressedLength, 1))
                {
                    return XlsxRefusal.ZipBomb;
                }
            }

            if (zip.GetEntry("xl/workbook.xml") is null || zip.GetEntry("[Content_Types].xml") is null)
            {
                return XlsxRefusal.NotAWorkbook;
            }

            if (zip.GetEntry("xl/vbaProject.bin") is not null)
            {
                return XlsxRefusal.HasMacros;
            }

            foreach (var entry in entries)
            {
                if (!InflatesAsDeclared(entry))
                {
                    return XlsxRefusal.ZipBomb;
                }
            }

            return null;
        }
        catch (InvalidDataException)
        {
            return XlsxRefusal.Malformed;
        }
        catch (NotSupportedException)
        {
            // An unknown compression method or an encrypted zip entry.
            return XlsxRefusal.Malformed;
        }
    }

    /// <summary>Inflates the entry, stopping one byte past what it declares: more than declared is a lie, refused.</summary>
    private static bool InflatesAsDeclared(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, entry.Length - total + 1))) > 0)
        {
            total += read;
            if (total > entry.Length)
            {
                return false;
            }
        }

        return true;
    }
}
