using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.PlanImport;
using PlanTracker.Domain.Plans;

namespace PlanTracker.Domain.Tests.PlanImport;

/// <summary>A provincial 十四五 plan: numbered items across the plan, numbered columns, a 主要指标 table without baseline.</summary>
public sealed class HubeiPlanParserTests
{
    private static readonly string Text = PlanTextParser.Normalise(TestPlans.Read(TestPlans.HubeiPlanFile));
    private static readonly ParsedPlan Plan = TestPlans.Parse(TestPlans.Read(TestPlans.HubeiPlanFile));

    private static ParsedIndicator Indicator(string name) => Plan.Indicators.Single(i => i.Name == name);

    [Fact]
    public void Parse_HubeiPlan_ReadsTitlePeriodAndIssuer()
    {
        // Assert
        Plan.Title.Should().Be("湖北省文物事业发展“十四五”规划");
        Plan.StartYear.Should().Be(2021);
        Plan.EndYear.Should().Be(2025);
        Plan.Issuer.Should().Be("湖北省文化和旅游厅　湖北省文物局");
        Plan.DocumentNumber.Should().BeNull();
        Plan.IssueDate.Should().BeNull();
    }

    [Fact]
    public void Parse_HubeiPlan_WarnsAboutSourceCommentLine()
    {
        // Assert
        Plan.Warnings.Should().ContainSingle().Which.Line.Should().Be(1);
        Plan.Warnings[0].Message.Should().StartWith("第1行：");
        TestPlans.Descendants(Plan.Nodes).Should().NotContain(n => n.Text.Contains("# source", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_HubeiPlan_HasNineChaptersAndNoPreamble()
    {
        // Assert
        Plan.Nodes.Should().OnlyContain(n => n.Kind == NodeKind.Chapter);
        Plan.Nodes.Select(n => n.Number).Should().Equal("一", "二", "三", "四", "五", "六", "七", "八", "九");
    }

    [Fact]
    public void Parse_HubeiPlan_ItemsAreNumberedOneToThirtyThreeAcrossThePlan()
    {
        // Act
        var items = TestPlans.Descendants(Plan.Nodes).Where(n => n.Kind == NodeKind.Item).ToList();

        // Assert
        items.Select(i => i.Number).Should().Equal(Enumerable.Range(1, 33).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        items[0].Title.Should().Be("“十三五”全省文物事业发展取得重大成就");
        Plan.Nodes[0].Children.Select(c => c.Number).Should().Equal("1", "2");
        items.Should().OnlyContain(i => i.Children.All(c => c.Kind == NodeKind.Paragraph));
    }

    [Fact]
    public void Parse_HubeiPlan_NumberedColumnsBelongToTheirChapterWithNumberedTasks()
    {
        // Act
        var columns = TestPlans.Descendants(Plan.Nodes).Where(n => n.Kind == NodeKind.SpecialColumn).ToList();

        // Assert
        columns.Select(c => c.Number).Should().Equal("1", "2", "3", "4", "5", "6", "7");
        columns.Select(c => c.Children.Count).Should().Equal(2, 2, 7, 5, 4, 3, 2);
        columns[0].Title.Should().Be("构筑文物安全防护体系");
        Plan.Nodes[2].Children.Should().Contain(columns[0]);
        foreach (var column in columns)
        {
            column.Children.Select(t => t.Number).Should().Equal(Enumerable.Range(1, column.Children.Count).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public void Parse_HubeiPlan_NumberedTaskSplitsNameFromDescription()
    {
        // Act
        var task = TestPlans.Descendants(Plan.Nodes).Single(n => n.Kind == NodeKind.SpecialColumn && n.Number == "1").Children[0];

        // Assert
        task.Kind.Should().Be(NodeKind.Task);
        task.Title.Should().Be("楚天文物平安工程");
        task.Text.Should().StartWith("实施全国重点文物保护单位安全防护工程全覆盖").And.EndWith("无缝衔接和资源共享。");
        Text.Substring(task.Span.Start, task.Span.Length).Should().StartWith("1.楚天文物平安工程:");
    }

    [Fact]
    public void Parse_HubeiPlan_ReadsTwentyFiveIndicatorsWithoutBaseline()
    {
        // Assert
        Plan.Indicators.Should().HaveCount(25);
        Plan.Indicators.Should().OnlyContain(i => i.TargetYear == 2025 && i.Baseline == null && i.BaselineYear == null);
        Plan.Indicators.Select(i => i.Line).Should().Equal(Enumerable.Range(19, 25));
        Plan.Indicators.Should().OnlyContain(i => Text.Substring(i.Span.Start, i.Span.Length).Contains(i.Name, StringComparison.Ordinal));
        TestPlans.Descendants(Plan.Nodes).Should().NotContain(n => n.Text.Contains("约束性", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_HubeiPlan_IndicatorUnitsTargetsAndNatures()
    {
        // Act
        var coverage = Indicator("县级博物馆覆盖率");
        var awards = Indicator("新增考古发掘、文物保护、博物馆、学术研究、传播出版等国家级奖项");
        var visitors = Indicator("博物馆年接待观众数量");
        var sites = Indicator("湖北省文物保护单位增加数量");
        var plans = Plan.Indicators.Single(i => i.Name.StartsWith("编制规划数量", StringComparison.Ordinal));
        var exhibitions = Indicator("年度赴国（境）外、引进国（境）外展览");
        var training = Indicator("省级层面培训人员");

        // Assert
        coverage.Should().BeEquivalentTo(new { Category = "博物馆", Unit = "%", Nature = IndicatorNature.Binding });
        coverage.Target.Should().Be(new StatedValue("100", TargetComparison.Exactly, 100m, 100m));
        awards.Target.Should().Be(new StatedValue("3-5", TargetComparison.Range, 3m, 5m));
        awards.Category.Should().Be("科技创新");
        awards.Unit.Should().BeNull();
        visitors.Unit.Should().Be("万人次");
        visitors.Target.Lower.Should().Be(4000m);
        visitors.Nature.Should().Be(IndicatorNature.Expected);
        sites.Target.Should().Be(new StatedValue("≥50", TargetComparison.AtLeast, 50m, null));
        sites.Nature.Should().Be(IndicatorNature.Binding);
        plans.Name.Should().Be("编制规划数量（全国重点文物保护单位、湖北省文物保护单位、专题专项）");
        plans.Unit.Should().BeNull();
        exhibitions.Unit.Should().Be("个");
        training.Unit.Should().Be("人次");
        training.Target.Comparison.Should().Be(TargetComparison.AtLeast);
    }

    [Fact]
    public void Parse_HubeiPlan_SpansNestAndContainTitles()
    {
        // Act
        var nodes = TestPlans.Descendants(Plan.Nodes).ToList();

        // Assert
        nodes.Should().OnlyContain(n => Text.Substring(n.Span.Start, n.Span.Length).Contains(n.Title, StringComparison.Ordinal));
        TestPlans.ParentChildPairs(Plan.Nodes).Should().OnlyContain(p => p.Parent.Span.Contains(p.Child.Span));
    }
}
