using PlanTracker.Domain.Reporting;

namespace PlanTracker.Domain.Tests.Reporting;

public sealed class TextDiffTests
{
    [Fact]
    public void Compare_SameText_IsOneSameRun()
    {
        TextDiff.Compare("建成试点园区3个。带动就业1200人。", "建成试点园区3个。带动就业1200人。")
            .Should().Equal(new DiffRun(DiffKind.Same, "建成试点园区3个。带动就业1200人。"));
    }

    [Fact]
    public void Compare_AChangedFigureInsideASentence_MarksOnlyTheFigure()
    {
        var runs = TextDiff.Compare("建成试点园区3个。带动就业1200人。", "建成试点园区5个。带动就业1200人。");

        runs.Should().Equal(
            new DiffRun(DiffKind.Same, "建成试点园区"),
            new DiffRun(DiffKind.Deleted, "3"),
            new DiffRun(DiffKind.Inserted, "5"),
            new DiffRun(DiffKind.Same, "个。带动就业1200人。"));
    }

    [Fact]
    public void Compare_AnAddedSentence_IsOneInsertion_AndARemovedOneIsOneDeletion()
    {
        TextDiff.Compare("第一句。第三句。", "第一句。第二句。第三句。").Should().Equal(
            new DiffRun(DiffKind.Same, "第一句。"),
            new DiffRun(DiffKind.Inserted, "第二句。"),
            new DiffRun(DiffKind.Same, "第三句。"));
        TextDiff.Compare("第一句；第二句！第三句？", "第一句；第三句？").Should().Equal(
            new DiffRun(DiffKind.Same, "第一句；"),
            new DiffRun(DiffKind.Deleted, "第二句！"),
            new DiffRun(DiffKind.Same, "第三句？"));
    }

    [Theory]
    [InlineData(null, "新写的内容。", DiffKind.Inserted)]
    [InlineData("原有内容。", null, DiffKind.Deleted)]
    public void Compare_FromOrToNothing_IsWhollyInsertedOrDeleted(string? before, string? after, DiffKind kind)
    {
        TextDiff.Compare(before, after).Should().ContainSingle().Which.Kind.Should().Be(kind);
    }

    [Fact]
    public void Compare_BothEmpty_IsNoRun()
    {
        TextDiff.Compare(null, string.Empty).Should().BeEmpty();
        TextDiff.Differs(null, string.Empty).Should().BeFalse();
    }

    [Fact]
    public void Compare_KeepsMarkupAsPlainText_ForTheViewToEncode()
    {
        var runs = TextDiff.Compare("甲。", "甲。<b>乙</b>");

        runs.Should().Equal(new DiffRun(DiffKind.Same, "甲。"), new DiffRun(DiffKind.Inserted, "<b>乙</b>"));
    }

    [Fact]
    public void Compare_PuttingTheRunsBackTogether_GivesBothTexts()
    {
        const string before = "推进现代服务业综合试点，已在5个城市开展。资金到位率80%；部分项目滞后！";
        const string after = "推进现代服务业综合试点，已在7个城市开展，新增2个。资金到位率95%；\n项目均按期推进。";

        var runs = TextDiff.Compare(before, after);

        string.Concat(runs.Where(r => r.Kind != DiffKind.Inserted).Select(r => r.Text)).Should().Be(before);
        string.Concat(runs.Where(r => r.Kind != DiffKind.Deleted).Select(r => r.Text)).Should().Be(after);
    }

    [Fact]
    public void Compare_TwoLongRewrittenTexts_AreDeletedAndInsertedWhole_WithoutCharacterMatching()
    {
        var before = new string('甲', 600);
        var after = new string('乙', 600);

        TextDiff.Compare(before, after).Should().Equal(new DiffRun(DiffKind.Deleted, before), new DiffRun(DiffKind.Inserted, after));
    }

    [Fact]
    public void Sentences_CutsAfterEachEnd_AndKeepsEverything()
    {
        TextDiff.Sentences("一。二；三！四？五\n六").Should().Equal("一。", "二；", "三！", "四？", "五\n", "六");
    }
}
