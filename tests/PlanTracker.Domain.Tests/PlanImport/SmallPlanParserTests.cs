using System.Text.Json;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.PlanImport;
using PlanTracker.Domain.Plans;

namespace PlanTracker.Domain.Tests.PlanImport;

/// <summary>Heading habits and blocks the two real plans do not have, written out as small texts.</summary>
public sealed class SmallPlanParserTests
{
    [Fact]
    public void Parse_ChapterAndSectionOrdinals_BuildsChaptersAndSections()
    {
        // Arrange
        const string text = """
            某省科技创新发展规划（2021—2025年）
            某省人民政府办公厅
            2021年9月30日
            第一章　发展基础
            第一节 主要成绩
            全省研发投入持续增长。
            第二节　面临形势
            创新能力仍需提升。
            第二章  总体要求
            坚持创新驱动。
            """;

        // Act
        var plan = TestPlans.Parse(text);

        // Assert
        plan.StartYear.Should().Be(2021);
        plan.EndYear.Should().Be(2025);
        plan.Issuer.Should().Be("某省人民政府办公厅");
        plan.IssueDate.Should().Be(new DateOnly(2021, 9, 30));
        plan.Nodes.Select(n => (n.Kind, n.Number, n.Title)).Should().Equal(
            (NodeKind.Chapter, "第一章", "发展基础"),
            (NodeKind.Chapter, "第二章", "总体要求"));
        plan.Nodes[0].Children.Select(n => (n.Kind, n.Number, n.Title)).Should().Equal(
            (NodeKind.Section, "第一节", "主要成绩"),
            (NodeKind.Section, "第二节", "面临形势"));
        plan.Nodes[0].Children[1].Children.Single().Text.Should().Be("创新能力仍需提升。");
    }

    [Fact]
    public void Parse_BracketedItemsUnderNumberedItems_NestsThemAsItems()
    {
        // Arrange
        const string text = """
            某市“十三五”科技发展规划
            一、重点任务
            1.强化基础研究
            （1）建设重点实验室
            围绕优势学科布局实验室。
            （2）培育新型研发机构
            2.推动成果转化
            3.全市技术合同成交额年均增长10%以上，确保目标如期实现。
            """;

        // Act
        var plan = TestPlans.Parse(text);
        var chapter = plan.Nodes.Single();

        // Assert
        plan.StartYear.Should().Be(2016);
        plan.EndYear.Should().Be(2020);
        chapter.Children.Select(n => (n.Kind, n.Number)).Should().Equal(
            (NodeKind.Item, "1"), (NodeKind.Item, "2"));
        chapter.Children[0].Children.Select(n => (n.Kind, n.Number, n.Title)).Should().Equal(
            (NodeKind.Item, "（1）", "建设重点实验室"),
            (NodeKind.Item, "（2）", "培育新型研发机构"));
        chapter.Children[1].Children.Single().Kind.Should().Be(NodeKind.Paragraph, "a numbered whole sentence is body text");
    }

    [Fact]
    public void Parse_NumberedSpecialColumn_MakesNumberedTasks()
    {
        // Arrange
        const string text = """
            某省文物事业发展“十四五”规划
            一、加强文物保护
            （一）夯实基础
            开展文物普查。
            专栏1　重大工程
            1.文物平安工程：实施安防工程全覆盖。
            2.数字文物工程:建设数字资源平台，
            实现资源共享。
            （二）推进利用
            """;

        // Act
        var plan = TestPlans.Parse(text);
        var section = plan.Nodes[0].Children[0];
        var column = section.Children[1];

        // Assert
        column.Should().BeEquivalentTo(new { Kind = NodeKind.SpecialColumn, Number = "1", Title = "重大工程" });
        column.Children.Select(t => (t.Kind, t.Number, t.Title, t.Text)).Should().Equal(
            (NodeKind.Task, "1", "文物平安工程", "实施安防工程全覆盖。"),
            (NodeKind.Task, "2", "数字文物工程", "建设数字资源平台，\n实现资源共享。"));
        text.Substring(column.Children[1].Span.Start, column.Children[1].Span.Length).Should().EndWith("实现资源共享。");
        plan.Nodes[0].Children[1].Number.Should().Be("（二）");
    }

    [Fact]
    public void Parse_UnnumberedColumnWithColonSeparator_SplitsList()
    {
        // Arrange
        const string text = """
            某某专项规划
            一、任务
            专栏: 智慧交通
            开展车路协同技术研发；智能信号控制系统；交通大数据平台等。
            """;

        // Act
        var column = TestPlans.Parse(text).Nodes[0].Children.Single();

        // Assert
        column.Number.Should().BeNull();
        column.Title.Should().Be("智慧交通");
        column.Children.Select(t => t.Title).Should().Equal("车路协同技术研发", "智能信号控制系统", "交通大数据平台");
    }

    [Fact]
    public void Parse_IndicatorTableWithBaselineAndTarget_ReadsBothYears()
    {
        // Arrange
        const string text = """
            某省科技“十四五”规划
            一、发展目标
            到2025年，创新能力显著增强。
            表1　“十四五”科技创新主要指标
            领域	指标	2020年	2025年	属性
            创新投入	研发经费投入强度（%）	2.3	≥50	预期性
            	高新技术企业数量（家）	8000	＞10	约束性
            创新产出	每万人发明专利拥有量(件)	40—45	40—45	预期性
            创新环境	技术合同成交额（亿元）	—	—	预期性
            创新环境	新型研发机构	—	新增一批	预期性
            二、重点任务
            """;

        // Act
        var plan = TestPlans.Parse(text);

        // Assert
        plan.Indicators.Should().HaveCount(5);
        plan.Indicators.Should().OnlyContain(i => i.BaselineYear == 2020 && i.TargetYear == 2025);
        plan.Indicators.Select(i => (i.Category, i.Name, i.Unit)).Should().Equal(
            ("创新投入", "研发经费投入强度", "%"),
            ("创新投入", "高新技术企业数量", "家"),
            ("创新产出", "每万人发明专利拥有量", "件"),
            ("创新环境", "技术合同成交额", "亿元"),
            ("创新环境", "新型研发机构", null));
        plan.Indicators.Select(i => i.Target.Comparison).Should().Equal(
            TargetComparison.AtLeast, TargetComparison.GreaterThan, TargetComparison.Range, TargetComparison.None, TargetComparison.Qualitative);
        plan.Indicators[0].Baseline.Should().Be(new StatedValue("2.3", TargetComparison.Exactly, 2.3m, 2.3m));
        plan.Indicators[3].Baseline!.Comparison.Should().Be(TargetComparison.None);
        plan.Indicators[1].Nature.Should().Be(IndicatorNature.Binding);
        plan.Indicators.Select(i => i.Line).Should().Equal(6, 7, 8, 9, 10);
        plan.Nodes.Select(n => n.Number).Should().Equal("一", "二");
        plan.Nodes[0].Children.Should().ContainSingle().Which.Kind.Should().Be(NodeKind.Paragraph);
    }

    [Fact]
    public void Parse_IndicatorTableWithSpaceSeparatedColumnsAndBaseHeader_ReadsBaseline()
    {
        // Arrange
        const string text = """
            某市“十五五”规划
            一、目标
            主要指标
            指标      基期值    2030年目标    属性
            森林覆盖率（%）    40    ≤45    约束性
            """;

        // Act
        var indicator = TestPlans.Parse(text).Indicators.Single();

        // Assert
        indicator.Name.Should().Be("森林覆盖率");
        indicator.Baseline!.Lower.Should().Be(40m);
        indicator.BaselineYear.Should().BeNull();
        indicator.TargetYear.Should().Be(2030);
        indicator.Target.Comparison.Should().Be(TargetComparison.AtMost);
    }

    [Fact]
    public void Parse_NoiseInParagraph_IsCutAndReported()
    {
        // Arrange
        const string text = "某某专项规划\n一、形势\n服务业增加值持续增长。(12.5,-0.3,-2.34%)\n";

        // Act
        var plan = TestPlans.Parse(text);

        // Assert
        plan.Nodes[0].Children.Single().Text.Should().Be("服务业增加值持续增长。");
        plan.Warnings.Should().ContainSingle().Which.Should().Be(
            new ImportWarning(3, "第3行：段落末尾的“(12.5,-0.3,-2.34%)”不是规划正文，已删除"));
    }

    [Fact]
    public void Parse_SameTextTwice_GivesEqualResults()
    {
        // Arrange
        var text = TestPlans.Read(TestPlans.ShippedPlanFile) + TestPlans.Read(TestPlans.HubeiPlanFile);

        // Act
        var first = JsonSerializer.Serialize(PlanTextParser.Parse(text));
        var second = JsonSerializer.Serialize(PlanTextParser.Parse(text));

        // Assert
        first.Should().Be(second);
        first.Length.Should().BeGreaterThan(10_000);
    }
}

public sealed class NoiseParserTests
{
    [Theory]
    [InlineData("(7.13,0.13,1.86%)")]
    [InlineData("(12.50, -0.30, -2.34%)")]
    [InlineData("(+1.86%)")]
    [InlineData("(3275.1,12)")]
    public void Parse_TickerGluedToHeading_IsCutAndReported(string ticker)
    {
        // Arrange
        var text = $"某某专项规划\n一、形势与需求{ticker}\n正文。\n";

        // Act
        var plan = TestPlans.Parse(text);

        // Assert
        plan.Nodes[0].Title.Should().Be("形势与需求");
        plan.Warnings.Should().ContainSingle().Which.Message.Should().Be($"第2行：标题末尾的“{ticker}”不是规划正文，已删除");
    }

    [Theory]
    [InlineData("国家工程(技术)研究中心")]
    [InlineData("规划纲要(2006-2020)")]
    [InlineData("覆盖率(%)")]
    public void Parse_OrdinaryBracketsInHeading_AreKept(string title)
    {
        // Arrange
        var text = $"某某专项规划\n一、{title}\n";

        // Act
        var plan = TestPlans.Parse(text);

        // Assert
        plan.Nodes[0].Title.Should().Be(title);
        plan.Warnings.Should().BeEmpty();
    }
}
