using PlanTracker.Domain.PlanImport;
using PlanTracker.Domain.Plans;

namespace PlanTracker.Domain.Tests.PlanImport;

/// <summary>Variants of the 印发通知 that wraps a plan: document-number brackets, date numerals, periods.</summary>
public sealed class CoverNoticeTests
{
    private static ParsedPlan ParseWithNotice(string title, string documentNumberLine, string signatureLine) =>
        TestPlans.Parse($"""
            {title}
            关于印发{title}的通知
            {documentNumberLine}
            各有关单位：现将《{title}》印发给你们，请认真贯彻执行。特此通知。
            {signatureLine}
            {title}
            为落实部署，制定本规划。
            一、总体要求
            坚持创新驱动。
            """);

    [Theory]
    [InlineData("国科发计〔2012〕70号", "国科发计〔2012〕70号")]
    [InlineData("湘科发[2021]12号", "湘科发[2021]12号")]
    [InlineData("京政发（2020）3号", "京政发（2020）3号")]
    [InlineData("文号：鄂文旅发〔2021〕5号", "鄂文旅发〔2021〕5号")]
    public void Parse_DocumentNumberInAnyBrackets_IsRead(string line, string expected)
    {
        // Act
        var plan = ParseWithNotice("某某“十四五”专项规划", line, "某某厅2021年3月1日");

        // Assert
        plan.DocumentNumber.Should().Be(expected);
    }

    [Theory]
    [InlineData("科学技术部二Ｏ一二年一月二十九日", "科学技术部", 2012, 1, 29)]
    [InlineData("科学技术部二〇一二年一月二十九日", "科学技术部", 2012, 1, 29)]
    [InlineData("某省科技厅二O二一年十二月十日", "某省科技厅", 2021, 12, 10)]
    [InlineData("某省科技厅　二零二一年十一月三十日", "某省科技厅", 2021, 11, 30)]
    [InlineData("某省科技厅2021年6月8日", "某省科技厅", 2021, 6, 8)]
    public void Parse_SignatureWithChineseNumeralDate_ReadsIssuerAndDate(string signature, string issuer, int year, int month, int day)
    {
        // Act
        var plan = ParseWithNotice("某某“十四五”专项规划", "某发〔2021〕1号", signature);

        // Assert
        plan.Issuer.Should().Be(issuer);
        plan.IssueDate.Should().Be(new DateOnly(year, month, day));
    }

    [Theory]
    [InlineData("某某“十一五”专项规划", 2006, 2010)]
    [InlineData("某某“十二五”专项规划", 2011, 2015)]
    [InlineData("某某“十三五”专项规划", 2016, 2020)]
    [InlineData("某某“十四五”专项规划", 2021, 2025)]
    [InlineData("某某“十五五”专项规划", 2026, 2030)]
    [InlineData("某某发展规划（2021—2025年）", 2021, 2025)]
    [InlineData("某某发展规划（2021-2035年）", 2021, 2035)]
    public void Parse_TitleWithPeriod_ReadsStartAndEndYear(string title, int start, int end)
    {
        // Act
        var plan = ParseWithNotice(title, "某发〔2021〕1号", "某某厅2021年3月1日");

        // Assert
        plan.Title.Should().Be(title);
        plan.StartYear.Should().Be(start);
        plan.EndYear.Should().Be(end);
    }

    [Fact]
    public void Parse_NoticeLines_AreNotOutlineNodes()
    {
        // Act
        var plan = ParseWithNotice("某某“十四五”专项规划", "某发〔2021〕1号", "某某厅2021年3月1日");

        // Assert
        plan.Nodes.Select(n => n.Kind).Should().Equal(NodeKind.Paragraph, NodeKind.Chapter);
        plan.Nodes[0].Text.Should().Be("为落实部署，制定本规划。");
    }

    [Fact]
    public void Parse_InvalidDate_IsNotRead()
    {
        // Act
        var plan = ParseWithNotice("某某“十四五”专项规划", "某发〔2021〕1号", "某某厅二〇二一年二月三十日");

        // Assert
        plan.IssueDate.Should().BeNull();
    }
}
