using System.IO.Compression;
using PlanTracker.Infrastructure.Spreadsheets;
using PlanTracker.Web.Features.ProgressWorkbook;

namespace PlanTracker.Web.Tests.ProgressWorkbook;

/// <summary>The checks an upload passes before the Open XML SDK reads a byte of XML.</summary>
public sealed class XlsxGuardTests
{
    [Fact]
    public void Check_ATemplateThePortalWrote_Passes()
    {
        var bytes = WorkbookTemplate.Write(new WorkbookData("110000", "北京", 1, "2013年度", new(new(2013, 1, 1), new(2013, 12, 31)), true, [], []));

        XlsxGuard.Check(bytes).Should().BeNull();
    }

    [Fact]
    public void Check_AnOleCompoundFile_IsAPasswordProtectedWorkbook_SaidPlainly()
    {
        byte[] encrypted = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

        XlsxGuard.Check(encrypted).Should().Be(XlsxRefusal.PasswordProtectedOrLegacy);
        WorkbookParser.FileMessage(XlsxRefusal.PasswordProtectedOrLegacy).Should().StartWith("工作簿设有密码");
    }

    [Fact]
    public void Check_AnEntryThatInflatesAThousandTimes_IsAZipBomb()
    {
        var bomb = Zip(("[Content_Types].xml", new byte[100]), ("xl/workbook.xml", new byte[100]), ("xl/worksheets/sheet1.xml", new byte[50 * 1024 * 1024]));
        bomb.Length.Should().BeLessThan((int)XlsxLimits.Default.MaxFileBytes, "the bomb is small on disk");

        XlsxGuard.Check(bomb).Should().Be(XlsxRefusal.ZipBomb);
    }

    [Fact]
    public void Check_MoreEntriesThanAWorkbookHas_IsAZipBomb()
    {
        var many = Zip([("[Content_Types].xml", new byte[10]), ("xl/workbook.xml", new byte[10]), .. Enumerable.Range(0, 400).Select(i => ($"xl/media/{i}.bin", new byte[10]))]);

        XlsxGuard.Check(many).Should().Be(XlsxRefusal.ZipBomb);
    }

    [Fact]
    public void Check_MoreInflatedBytesThanTheLimit_IsAZipBomb()
    {
        var limits = XlsxLimits.Default with { MaxUncompressedBytes = 1024 * 1024 };
        var big = Zip(("[Content_Types].xml", new byte[10]), ("xl/workbook.xml", new byte[10]), ("xl/sharedStrings.xml", new byte[2 * 1024 * 1024]));

        XlsxGuard.Check(big, limits).Should().Be(XlsxRefusal.ZipBomb);
    }

    [Fact]
    public void Check_TooLargeGarbageNonWorkbooksAndMacros_AreRefusedEachForItsReason()
    {
        XlsxGuard.Check([]).Should().Be(XlsxRefusal.Empty);
        XlsxGuard.Check(new byte[(5 * 1024 * 1024) + 1]).Should().Be(XlsxRefusal.TooLarge);
        XlsxGuard.Check("这不是工作簿"u8.ToArray()).Should().Be(XlsxRefusal.Malformed);
        XlsxGuard.Check([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]).Should().Be(XlsxRefusal.Malformed);
        XlsxGuard.Check(Zip(("word/document.xml", new byte[10]), ("[Content_Types].xml", new byte[10]))).Should().Be(XlsxRefusal.NotAWorkbook);
        XlsxGuard.Check(Zip(("[Content_Types].xml", new byte[10]), ("xl/workbook.xml", new byte[10]), ("xl/vbaProject.bin", new byte[10]))).Should().Be(XlsxRefusal.HasMacros);
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                entry.Write(content);
            }
        }

        return stream.ToArray();
    }
}
