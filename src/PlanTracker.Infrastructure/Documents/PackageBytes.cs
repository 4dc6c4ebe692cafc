using System.IO.Compression;
using System.Text.RegularExpressions;

namespace PlanTracker.Infrastructure.Documents;

/// <summary>
/// Makes an Office package (.docx, .xlsx) byte-for-byte repeatable: the zip is rewritten with its entries in a fixed
/// order, each dated 1980-01-01, and the package-level relationships the SDK names by random ids get fixed ones. The
/// same content then gives the same file, so reports can be compared between runs, cached or checked by their hash.
/// </summary>
public static partial class PackageBytes
{
    private static readonly DateTime ZipEpoch = new(1980, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public static byte[] Deterministic(byte[] package)
    {
        ArgumentNullException.ThrowIfNull(package);
        using var input = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries.OrderBy(e => e.FullName == "[Content_Types].xml" ? 0 : 1).ThenBy(e => e.FullName, StringComparer.Ordinal))
            {
                var copy = zip.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = ZipEpoch;
                using var from = entry.Open();
                using var to = copy.Open();
                if (entry.FullName == "_rels/.rels")
                {
                    // Nothing refers to package-level relationships by id, so renumbering them changes no meaning.
                    using var reader = new StreamReader(from);
                    var n = 0;
                    var rels = RandomRelationshipId().Replace(reader.ReadToEnd(), _ => $"Id=\"rIdPackage{++n}\"");
                    to.Write(System.Text.Encoding.UTF8.GetBytes(rels));
                }
                else
                {
                    from.CopyTo(to);
                }
            }
        }

        return output.ToArray();
    }

    [GeneratedRegex("Id=\"R[0-9a-f]+\"")]
    private static partial Regex RandomRelationshipId();
}
