using PlanTracker.Domain.Plans;
using PlanTracker.Web.Features.Plans;

namespace PlanTracker.Web.Tests.Plans;

public sealed class NodeLabelAndTextSegmentsTests
{
    [Theory]
    [InlineData(NodeKind.Chapter, "三", "大力改造提升生产性服务业", "三、大力改造提升生产性服务业")]
    [InlineData(NodeKind.Chapter, "第一章", "总体要求", "第一章 总体要求")]
    [InlineData(NodeKind.Section, "（一）", "指导思想", "（一）指导思想")]
    [InlineData(NodeKind.Section, "第二节", "目标", "第二节 目标")]
    [InlineData(NodeKind.Item, "1", "指导思想", "1. 指导思想")]
    [InlineData(NodeKind.Item, "（1）", "安全", "（1）安全")]
    [InlineData(NodeKind.SpecialColumn, "1", "构筑文物安全防护体系", "专栏1 构筑文物安全防护体系")]
    [InlineData(NodeKind.SpecialColumn, null, "电子商务", "电子商务")]
    [InlineData(NodeKind.Chapter, null, "附录：专业名词和术语解释", "附录：专业名词和术语解释")]
    public void Of_NumberedAsThePlanWritesIt(NodeKind kind, string? number, string title, string expected)
    {
        NodeLabel.Of(kind, number, title).Should().Be(expected);
    }

    [Fact]
    public void MarkTasks_CutsTextAtTaskSpans_AndBreaksParagraphsAtNewlines()
    {
        // "专栏：甲\n开展A，B。" starting at offset 100; tasks A (offset 109) and B (offset 111).
        const string text = "专栏：甲\n开展A，B。";

        var segments = TextSegments.MarkTasks(text, 100, [(1, new SourceSpan(107, 1)), (2, new SourceSpan(109, 1))]);

        segments.Select(s => (s.Text, s.TaskId, s.IsParagraphBreak)).Should().Equal(
            ("专栏：甲", null, false),
            (string.Empty, null, true),
            ("开展", null, false),
            ("A", 1, false),
            ("，", null, false),
            ("B", 2, false),
            ("。", null, false));
        TextSegments.ToParagraphs(segments).Should().HaveCount(2);
    }

    [Fact]
    public void MarkTasks_OverlappingOrOutsideSpans_AreLeftUnmarkedRatherThanGarbled()
    {
        var segments = TextSegments.MarkTasks("甲乙丙丁", 0, [(1, new SourceSpan(0, 3)), (2, new SourceSpan(1, 1)), (3, new SourceSpan(3, 5))]);

        string.Concat(segments.Select(s => s.Text)).Should().Be("甲乙丙丁");
        segments.Where(s => s.TaskId != null).Select(s => s.TaskId).Should().Equal(1);
    }

    [Fact]
    public void Snippet_MarksTheMatchWithContextAndEllipses()
    {
        var text = new string('前', 50) + "电子商务" + new string('后', 50);

        var snippet = TextSegments.Snippet(text, "电子商务", radius: 5);

        snippet.Should().HaveCount(3);
        snippet[0].Text.Should().Be("…前前前前前");
        snippet[1].Should().Be(new TextSegment("电子商务", IsMatch: true));
        snippet[2].Text.Should().Be("后后后后后…");
    }
}
