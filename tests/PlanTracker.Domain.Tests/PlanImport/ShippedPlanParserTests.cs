using PlanTracker.Domain.PlanImport;
using PlanTracker.Domain.Plans;

namespace PlanTracker.Domain.Tests.PlanImport;

/// <summary>The plan the portal ships with: 《现代服务业科技发展“十二五”专项规划》.</summary>
public sealed class ShippedPlanParserTests
{
    private static readonly string Text = TestPlans.Read(TestPlans.ShippedPlanFile);
    private static readonly ParsedPlan Plan = TestPlans.Parse(Text);

    private static ParsedNode Chapter(string number) =>
        Plan.Nodes.Single(n => n.Kind == NodeKind.Chapter && n.Number == number);

    private static ParsedNode Column(string title) =>
        TestPlans.Descendants(Plan.Nodes).Single(n => n.Kind == NodeKind.SpecialColumn && n.Title == title);

    [Fact]
    public void Parse_ShippedPlan_ReadsCoverNotice()
    {
        // Arrange & Act: the plan is parsed once for the class.

        // Assert
        Plan.Title.Should().Be("现代服务业科技发展“十二五”专项规划");
        Plan.DocumentNumber.Should().Be("国科发计〔2012〕70号");
        Plan.Issuer.Should().Be("科学技术部");
        Plan.IssueDate.Should().Be(new DateOnly(2012, 1, 29));
        Plan.StartYear.Should().Be(2011);
        Plan.EndYear.Should().Be(2015);
    }

    [Fact]
    public void Parse_ShippedPlan_NoticeIsNotOutlineAndPreambleIsRootParagraph()
    {
        // Act
        var first = Plan.Nodes[0];

        // Assert
        first.Kind.Should().Be(NodeKind.Paragraph);
        first.Text.Should().StartWith("“十二五”是我国深化改革开放");
        TestPlans.Descendants(Plan.Nodes).Should().NotContain(n =>
            n.Text.Contains("关于印发", StringComparison.Ordinal)
            || n.Text.Contains("国科发计", StringComparison.Ordinal)
            || n.Text.Contains("特此通知", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ShippedPlan_HasNineChaptersThenAppendix()
    {
        // Act
        var chapters = Plan.Nodes.Where(n => n.Kind == NodeKind.Chapter).ToList();

        // Assert
        chapters.Select(c => c.Number).Should().Equal("一", "二", "三", "四", "五", "六", "七", "八", "九", null);
        chapters[0].Title.Should().Be("形势与需求");
        chapters[^1].Title.Should().Be("附录：专业名词和术语解释");
    }

    [Fact]
    public void Parse_ShippedPlan_ChapterThreeHasThreeSections()
    {
        // Act
        var sections = Chapter("三").Children.Where(n => n.Kind == NodeKind.Section).ToList();

        // Assert
        sections.Select(s => s.Number).Should().Equal("（一）", "（二）", "（三）");
        sections[0].Title.Should().Be("加强一体化电子商务技术攻关，提高全程服务能力");
    }

    [Theory]
    [InlineData("电子商务", 10)]
    [InlineData("现代物流", 5)]
    [InlineData("数字文化", 6)]
    [InlineData("数字生活", 7)]
    [InlineData("社会化公共服务", 14)]
    [InlineData("科技服务业", 6)]
    public void Parse_ShippedPlan_SpecialColumnHasExpectedTaskCount(string title, int expectedTasks)
    {
        // Act
        var column = Column(title);

        // Assert
        column.Number.Should().BeNull();
        column.Children.Should().HaveCount(expectedTasks).And.OnlyContain(t => t.Kind == NodeKind.Task);
    }

    [Fact]
    public void Parse_ShippedPlan_ListColumnDropsLeadingVerbAndTrailingDeng()
    {
        // Act
        var ecommerce = Column("电子商务").Children;
        var digitalLife = Column("数字生活").Children;

        // Assert
        ecommerce[0].Title.Should().Be("电子商务若干理论问题研究");
        ecommerce[^1].Title.Should().Be("移动电子商务服务技术研发与应用示范");
        digitalLife[0].Title.Should().Be("数字生活服务共性技术支撑及聚合服务平台与示范");
        digitalLife[^1].Title.Should().Be("数字生活创新技术与服务试点城市典型应用与集成示范");
    }

    [Fact]
    public void Parse_ShippedPlan_SocialServicesColumnSpansTwoParagraphs()
    {
        // Act
        var titles = Column("社会化公共服务").Children.Select(t => t.Title).ToList();

        // Assert: 研制 governs the whole list, like 开展, so it is dropped from the first project only.
        titles[0].Should().Be("医疗健康服务模式与标准规范研究");
        titles[7].Should().Be("开放教育公共服务云平台");
        titles[9].Should().Be("开放教育服务信誉与绩效评估系统");
        titles[10].Should().Be("就业服务模式创新及示范应用");
        titles[13].Should().Be("残疾人服务模式创新及示范应用");
    }

    [Fact]
    public void Parse_ShippedPlan_SciTechServiceColumnKeepsEachSentenceWhole()
    {
        // Act
        var titles = Column("科技服务业").Children.Select(t => t.Title).ToList();

        // Assert
        titles[0].Should().Be("开展区域产业共性技术创新平台建设，为科技型企业提供委托研发、检验测试、技术培训等服务");
        titles[2].Should().Be("开展技术转移“金桥”工程，大力开展技术成果中试熟化服务");
        titles[5].Should().Be("开展科技服务业统计和监测研究，为产业发展和政策制定提供依据");
    }

    [Fact]
    public void Parse_ShippedPlan_TaskSpanIsExactlyTheProject()
    {
        // Act
        var tasks = TestPlans.Descendants(Plan.Nodes).Where(n => n.Kind == NodeKind.Task).ToList();

        // Assert
        tasks.Should().HaveCount(48);
        tasks.Should().OnlyContain(t => Text.Substring(t.Span.Start, t.Span.Length) == t.Title);
    }

    [Fact]
    public void Parse_ShippedPlan_GlossaryHasFourTerms()
    {
        // Act
        var appendix = Plan.Nodes[^1];

        // Assert
        appendix.Children.Should().HaveCount(4).And.OnlyContain(n => n.Kind == NodeKind.GlossaryTerm);
        appendix.Children.Select(t => t.Title).Should().Equal("现代服务业", "生产性服务业", "新兴服务业", "科技服务业");
        appendix.Children[1].Text.Should().Be("是基于信息网络、直接或间接为生产过程提供配套服务、高度依赖先进科技的服务行业。");
    }

    [Fact]
    public void Parse_ShippedPlan_CutsTickerFromHeadingAndWarnsWithLineNumber()
    {
        // Act
        var section = Chapter("六").Children.Single(n => n.Number == "（三）");

        // Assert
        section.Title.Should().Be("以示范企业为着力点，形成现代服务业创新发展动力源");
        section.Text.Should().NotContain("(7.13");
        Plan.Warnings.Should().ContainSingle().Which.Should().Be(
            new ImportWarning(81, "第81行：标题末尾的“(7.13,0.13,1.86%)”不是规划正文，已删除"));
        Text.Substring(section.Span.Start, section.Span.Length).Should().StartWith("（三）以示范企业为着力点，形成现代服务业创新发展动力源(7.13,0.13,1.86%)");
    }

    [Fact]
    public void Parse_ShippedPlan_QuantitativeFactStaysInsideParagraph()
    {
        // Act
        var paragraph = Chapter("一").Children.Single(n => n.Text.Contains("国家现代服务业产业化基地18家", StringComparison.Ordinal));

        // Assert
        paragraph.Kind.Should().Be(NodeKind.Paragraph);
        paragraph.Text.Should().StartWith("——现代服务业创新发展态势初步显现。");
    }

    [Fact]
    public void Parse_ShippedPlan_EverySpanContainsItsTitle()
    {
        // Act
        var nodes = TestPlans.Descendants(Plan.Nodes).ToList();

        // Assert: a heading written over two lines (附录：/专业名词和术语解释) is compared without the line break.
        nodes.Should().OnlyContain(n => Text.Substring(n.Span.Start, n.Span.Length).Replace("\n", string.Empty, StringComparison.Ordinal).Contains(n.Title, StringComparison.Ordinal));
        nodes.Where(n => n.Kind == NodeKind.Paragraph).Should().OnlyContain(n => Text.Substring(n.Span.Start, n.Span.Length) == n.Text);
    }

    [Fact]
    public void Parse_ShippedPlan_ChildSpansLieInsideParentSpan()
    {
        // Act
        var pairs = TestPlans.ParentChildPairs(Plan.Nodes).ToList();

        // Assert
        pairs.Should().NotBeEmpty();
        pairs.Should().OnlyContain(p => p.Parent.Span.Contains(p.Child.Span));
    }

    [Fact]
    public void Parse_ShippedPlan_ChapterSpanRunsFromHeadingToLastDescendant()
    {
        // Act
        var chapter = Chapter("五");
        var spanText = Text.Substring(chapter.Span.Start, chapter.Span.Length);

        // Assert
        spanText.Should().StartWith("五、着力做大做强科技服务业");
        spanText.Should().EndWith("开展科技服务业统计和监测研究，为产业发展和政策制定提供依据");
    }

    [Fact]
    public void Parse_ShippedPlanWithCrlfAndBom_GivesSameOutlineOnNormalisedText()
    {
        // Arrange
        var windowsText = "\uFEFF" + Text.Replace("\n", "\r\n", StringComparison.Ordinal);

        // Act
        var plan = TestPlans.Parse(windowsText);
        var normalised = PlanTextParser.Normalise(windowsText);

        // Assert
        normalised.Should().Be(Text);
        plan.Nodes.Select(n => n.Span).Should().Equal(Plan.Nodes.Select(n => n.Span));
    }
}
