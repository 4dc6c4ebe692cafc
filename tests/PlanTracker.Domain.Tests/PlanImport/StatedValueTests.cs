using PlanTracker.Domain.Indicators;

namespace PlanTracker.Domain.Tests.PlanImport;

public sealed class StatedValueTests
{
    public static TheoryData<string?, TargetComparison, double?, double?> Values => new()
    {
        { "≥50", TargetComparison.AtLeast, 50, null },
        { ">=50", TargetComparison.AtLeast, 50, null },
        { "不低于50", TargetComparison.AtLeast, 50, null },
        { "＞10", TargetComparison.GreaterThan, 10, null },
        { ">10", TargetComparison.GreaterThan, 10, null },
        { "超过10", TargetComparison.GreaterThan, 10, null },
        { "≤5", TargetComparison.AtMost, null, 5 },
        { "不高于5", TargetComparison.AtMost, null, 5 },
        { "不超过5", TargetComparison.AtMost, null, 5 },
        { "＜5", TargetComparison.LessThan, null, 5 },
        { "40—45", TargetComparison.Range, 40, 45 },
        { "40-45", TargetComparison.Range, 40, 45 },
        { "40～45", TargetComparison.Range, 40, 45 },
        { "40~45", TargetComparison.Range, 40, 45 },
        { "3-5", TargetComparison.Range, 3, 5 },
        { "100", TargetComparison.Exactly, 100, 100 },
        { "1.44", TargetComparison.Exactly, 1.44, 1.44 },
        { "10000", TargetComparison.Exactly, 10000, 10000 },
        { "１００", TargetComparison.Exactly, 100, 100 },
        { "≥５０％", TargetComparison.AtLeast, 50, null },
        { "50%", TargetComparison.Exactly, 50, 50 },
        { "18家", TargetComparison.Exactly, 18, 18 },
        { "10,000", TargetComparison.Exactly, 10000, 10000 },
        { "—", TargetComparison.None, null, null },
        { "-", TargetComparison.None, null, null },
        { "–", TargetComparison.None, null, null },
        { "", TargetComparison.None, null, null },
        { "   ", TargetComparison.None, null, null },
        { null, TargetComparison.None, null, null },
        { "新增一批", TargetComparison.Qualitative, null, null },
        { "建立现代文物治理体系", TargetComparison.Qualitative, null, null },
        { "1、2、3", TargetComparison.Qualitative, null, null },
        { "99999999999999999999999999999999999", TargetComparison.Qualitative, null, null },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Parse_WrittenValue_ReadsComparisonAndBounds(string? written, TargetComparison comparison, double? lower, double? upper)
    {
        // Act
        var value = StatedValue.Parse(written);

        // Assert
        value.Comparison.Should().Be(comparison);
        value.Lower.Should().Be(lower is null ? null : (decimal)lower.Value);
        value.Upper.Should().Be(upper is null ? null : (decimal)upper.Value);
    }

    [Theory]
    [InlineData("  ≥50 ", "≥50")]
    [InlineData("新增一批", "新增一批")]
    [InlineData(null, "")]
    public void Parse_WrittenValue_KeepsTextAsWrittenTrimmed(string? written, string expected)
    {
        // Act
        var value = StatedValue.Parse(written);

        // Assert
        value.Text.Should().Be(expected);
    }
}
