using System.IO.Compression;
using System.Text;
using PlanTracker.Domain.Reporting;

namespace PlanTracker.Domain.Tests.Reporting;

/// <summary>The type of an evidence file is decided by its first bytes; the name's extension must agree.</summary>
public sealed class EvidenceSignatureTests
{
    public static readonly byte[] PdfBytes = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    public static readonly byte[] PngBytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
    public static readonly byte[] JpegBytes = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46, 0];
    public static readonly byte[] GifBytes = Encoding.ASCII.GetBytes("GIF89a\x01\x00\x01\x00");
    public static readonly byte[] CfbBytes = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
    public static readonly byte[] ExeBytes = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00];
    public static readonly byte[] HtmlBytes = Encoding.UTF8.GetBytes("<!DOCTYPE html><script>alert(1)</script>");

    [Theory]
    [InlineData("报告.pdf", "pdf", EvidenceKind.Pdf, "application/pdf")]
    [InlineData("现场.PNG", "png", EvidenceKind.Png, "image/png")]
    [InlineData("照片.jpg", "jpeg", EvidenceKind.Jpeg, "image/jpeg")]
    [InlineData("照片.jpeg", "jpeg", EvidenceKind.Jpeg, "image/jpeg")]
    [InlineData("动图.gif", "gif", EvidenceKind.Gif, "image/gif")]
    [InlineData("旧文档.doc", "cfb", EvidenceKind.LegacyOffice, "application/msword")]
    [InlineData("旧表格.xls", "cfb", EvidenceKind.LegacyOffice, "application/vnd.ms-excel")]
    [InlineData("旧幻灯片.ppt", "cfb", EvidenceKind.LegacyOffice, "application/vnd.ms-powerpoint")]
    [InlineData("总结.docx", "docx", EvidenceKind.Docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("台账.xlsx", "xlsx", EvidenceKind.Xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("汇报.pptx", "pptx", EvidenceKind.Pptx, "application/vnd.openxmlformats-officedocument.presentationml.presentation")]
    public void EachAcceptedType_IsRecognisedBySignature(string name, string sample, EvidenceKind kind, string contentType)
    {
        var result = FileSignature.Detect(name, Sample(sample));

        result.Accepted.Should().BeTrue();
        result.Kind.Should().Be(kind);
        result.ContentType.Should().Be(contentType);
    }

    [Theory]
    [InlineData("exe")]
    [InlineData("html")]
    public void ARenamedExecutableOrPage_NamedPdf_IsRefused(string sample)
    {
        FileSignature.Detect("报告.pdf", Sample(sample)).Refusal.Should().Be(EvidenceRefusal.UnknownType);
    }

    [Fact]
    public void APdfNamedPng_IsRefused_TheExtensionMustAgree()
    {
        FileSignature.Detect("图片.png", PdfBytes).Refusal.Should().Be(EvidenceRefusal.ExtensionMismatch);
        FileSignature.Detect("无扩展名", PdfBytes).Refusal.Should().Be(EvidenceRefusal.ExtensionMismatch);
        FileSignature.Detect("总结.xlsx", Sample("docx")).Refusal.Should().Be(EvidenceRefusal.ExtensionMismatch);
    }

    [Fact]
    public void AZipThatIsNotOfficeOpenXml_IsRefused()
    {
        var zip = Zip(("readme.txt", "hello"), ("data/a.csv", "1,2,3"));
        FileSignature.Detect("资料.docx", zip).Refusal.Should().Be(EvidenceRefusal.UnknownType);

        // [Content_Types].xml alone, without the document part, is not a document either.
        var hollow = Zip(("[Content_Types].xml", ContentTypes("wordprocessingml.document.main+xml")));
        FileSignature.Detect("资料.docx", hollow).Refusal.Should().Be(EvidenceRefusal.UnknownType);

        // A truncated zip (the signature, then garbage) is refused, not thrown.
        FileSignature.Detect("资料.docx", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3]).Refusal.Should().Be(EvidenceRefusal.UnknownType);
    }

    [Fact]
    public void AZipWithTooManyEntries_IsRefusedWithoutInflatingIt()
    {
        var entries = Enumerable.Range(0, FileSignature.MaxZipEntries + 1).Select(i => ($"word/media/{i}.bin", "x")).ToList();
        entries.Add(("[Content_Types].xml", ContentTypes("wordprocessingml.document.main+xml")));
        entries.Add(("word/document.xml", "<w:document/>"));

        FileSignature.Detect("炸弹.docx", Zip([.. entries])).Refusal.Should().Be(EvidenceRefusal.UnknownType);
    }

    [Fact]
    public void AZipDeclaringHugeUncompressedContent_IsRefused()
    {
        // 201 MB of zeros compresses to about 200 KB: the declared size alone refuses it.
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(archive, "[Content_Types].xml", ContentTypes("wordprocessingml.document.main+xml"));
            Add(archive, "word/document.xml", "<w:document/>");
            using var bomb = archive.CreateEntry("word/media/zeros.bin", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 201; i++)
            {
                bomb.Write(zeros);
            }
        }

        FileSignature.Detect("炸弹.docx", stream.ToArray()).Refusal.Should().Be(EvidenceRefusal.UnknownType);
    }

    [Fact]
    public void AnEmptyFile_IsRefused()
    {
        FileSignature.Detect("空.pdf", []).Refusal.Should().Be(EvidenceRefusal.Empty);
    }

    [Fact]
    public void AFileOver10MB_IsRefused()
    {
        var big = new byte[EvidenceLimits.MaxFileBytes + 1];
        PdfBytes.CopyTo(big, 0);

        FileSignature.Detect("大.pdf", big).Refusal.Should().Be(EvidenceRefusal.TooLarge);
    }

    [Theory]
    [InlineData("C:\\Users\\张三\\Desktop\\进展报告.pdf", "进展报告.pdf")]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("报告\u202Efdp.exe", "报告fdp.exe")]
    [InlineData("  a\tb\r\nc.pdf  ", "abc.pdf")]
    [InlineData("", "")]
    public void Names_AreSanitised(string name, string expected)
    {
        FileSignature.SanitiseName(name).Should().Be(expected);
    }

    [Fact]
    public void ALongName_IsCutTo200_KeepingItsExtension()
    {
        var name = FileSignature.SanitiseName(new string('长', 300) + ".pdf");

        name.Should().HaveLength(FileSignature.MaxNameLength).And.EndWith(".pdf");
    }

    [Fact]
    public void AFile_CarriesItsSizeAndSha256()
    {
        var file = new EvidenceFile(7, 3, "报告.pdf", "application/pdf", PdfBytes, "bj-reporter", DateTimeOffset.UnixEpoch);

        file.SizeBytes.Should().Be(PdfBytes.Length);
        file.Sha256.Should().MatchRegex("^[0-9a-f]{64}$").And.Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(PdfBytes)));
    }

    [Fact]
    public void Limits_TenFilesAnd50MBAReport()
    {
        EvidenceLimits.Check(9, 0, 1, 100).Should().BeNull();
        EvidenceLimits.Check(10, 0, 1, 100).Should().Be(EvidenceRefusal.TooManyFiles);
        EvidenceLimits.Check(5, 45L * 1024 * 1024, 1, 6L * 1024 * 1024).Should().Be(EvidenceRefusal.ReportTooLarge);
    }

    /// <summary>The smallest Office Open XML package of each kind: its content types and its main part.</summary>
    public static byte[] OfficeOpenXml(string kind) => kind switch
    {
        "docx" => Zip(("[Content_Types].xml", ContentTypes("wordprocessingml.document.main+xml")), ("word/document.xml", "<w:document/>")),
        "xlsx" => Zip(("[Content_Types].xml", ContentTypes("spreadsheetml.sheet.main+xml")), ("xl/workbook.xml", "<workbook/>")),
        _ => Zip(("[Content_Types].xml", ContentTypes("presentationml.presentation.main+xml")), ("ppt/presentation.xml", "<p:presentation/>")),
    };

    private static byte[] Sample(string sample) => sample switch
    {
        "pdf" => PdfBytes,
        "png" => PngBytes,
        "jpeg" => JpegBytes,
        "gif" => GifBytes,
        "cfb" => CfbBytes,
        "exe" => ExeBytes,
        "html" => HtmlBytes,
        _ => OfficeOpenXml(sample),
    };

    private static string ContentTypes(string main) =>
        $"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/main\" ContentType=\"application/vnd.openxmlformats-officedocument.{main}\"/></Types>";

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                Add(archive, name, text);
            }
        }

        return stream.ToArray();
    }

    private static void Add(ZipArchive archive, string name, string text)
    {
        using var entry = archive.CreateEntry(name).Open();
        entry.Write(Encoding.UTF8.GetBytes(text));
    }
}
