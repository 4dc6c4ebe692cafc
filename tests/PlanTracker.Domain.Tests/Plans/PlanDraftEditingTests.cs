using PlanTracker.Domain.PlanImport;
using PlanTracker.Domain.Plans;

namespace PlanTracker.Domain.Tests.Plans;

/// <summary>The planner's edits of a draft outline: each edit, each refusal, positions kept in document order.</summary>
public sealed class PlanDraftEditingTests
{
    private const string Text = """
        某某科技发展“十四五”专项规划
        一、发展基础
        创新能力持续增强。
        二、重点任务
        （一）数字服务
        推进数字服务发展。
        专栏：智慧服务
        云服务平台、数据交易平台、智能客服系统。
        （二）绿色服务
        三、保障措施
        加强组织领导。
        """;

    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RenameNode_Task_ChangesTitleAndTextAndDropsSourceSpan()
    {
        // Arrange
        var version = Draft();
        var task = Node(version, "云服务平台");

        // Act
        var edit = version.RenameNode(task, "  云服务公共平台 ", "建设云服务公共平台。");

        // Assert
        edit.Succeeded.Should().BeTrue();
        task.Title.Should().Be("云服务公共平台");
        task.Text.Should().Be("建设云服务公共平台。");
        task.Span.Should().BeNull("the stored source no longer says what the task says");
    }

    [Fact]
    public void RenameNode_Chapter_KeepsItsText()
    {
        var version = Draft();
        var chapter = Node(version, "保障措施");

        var edit = version.RenameNode(chapter, "组织保障");

        edit.Succeeded.Should().BeTrue();
        chapter.Title.Should().Be("组织保障");
        chapter.Span.Should().NotBeNull();
    }

    [Theory]
    [InlineData("", DraftRefusal.EmptyTitle)]
    [InlineData("   ", DraftRefusal.EmptyTitle)]
    [InlineData("第一行\n第二行", DraftRefusal.TitleHasLineBreak)]
    public void RenameNode_BadTitle_IsRefusedAndChangesNothing(string title, DraftRefusal expected)
    {
        var version = Draft();
        var task = Node(version, "云服务平台");

        var edit = version.RenameNode(task, title);

        edit.Refusal.Should().Be(expected);
        task.Title.Should().Be("云服务平台");
    }

    [Fact]
    public void RenameNode_TitleOver1000Characters_IsRefused()
    {
        var version = Draft();
        var task = Node(version, "云服务平台");

        version.RenameNode(task, new string('题', 1001)).Refusal.Should().Be(DraftRefusal.TitleTooLong);
        version.RenameNode(task, new string('题', 1000)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void RenameNode_TextForAChapter_IsRefused()
    {
        var version = Draft();

        version.RenameNode(Node(version, "保障措施"), "保障", "正文").Refusal.Should().Be(DraftRefusal.TextOnlyForTasks);
    }

    [Fact]
    public void RenameNode_NodeOfAnotherVersion_IsRefused()
    {
        var version = Draft();
        var other = Draft();

        version.RenameNode(Node(other, "云服务平台"), "新名称").Refusal.Should().Be(DraftRefusal.NodeNotFound);
    }

    [Fact]
    public void EveryEdit_OnAPublishedVersion_IsRefusedAsNotDraft()
    {
        // Arrange
        var version = Draft();
        var task = Node(version, "云服务平台");
        var second = Node(version, "数据交易平台");
        var column = Node(version, "智慧服务");
        var section = Node(version, "绿色服务");
        version.Publish(Now);

        // Act
        var edits = new[]
        {
            version.RenameNode(task, "新名称"),
            version.MergeTasks([task, second], "合并"),
            version.SplitTask(task, ["甲", "乙"]),
            version.MoveNode(task, MoveDirection.Down),
            version.MoveNodeTo(task, section),
            version.AddTask(column, "新任务", null),
        };

        // Assert
        edits.Should().OnlyContain(e => e.Refusal == DraftRefusal.NotDraft);
        task.Title.Should().Be("云服务平台");
        version.Nodes.Should().HaveCount(Draft().Nodes.Count);
    }

    [Fact]
    public void MergeTasks_TwoTasksOfOneColumn_FirstKeepsKeyJoinsTextsAndOthersAreRemoved()
    {
        // Arrange
        var version = Draft();
        var first = Node(version, "云服务平台");
        var third = Node(version, "智能客服系统");
        var key = first.Key;
        var count = version.Nodes.Count;

        // Act: given in reverse order, merged in document order
        var edit = version.MergeTasks([third, first], "云服务与智能客服");

        // Assert
        edit.Succeeded.Should().BeTrue();
        edit.Node.Should().BeSameAs(first);
        edit.Removed.Should().Equal(third);
        first.Key.Should().Be(key);
        first.Title.Should().Be("云服务与智能客服");
        first.Text.Should().Be("云服务平台\n智能客服系统");
        version.Nodes.Should().HaveCount(count - 1).And.NotContain(third);
        Node(version, "智慧服务").Children.Select(c => c.Title).Should().Equal("云服务与智能客服", "数据交易平台");
        AssertConsistent(version);
    }

    [Fact]
    public void MergeTasks_TasksOfDifferentParents_IsRefused()
    {
        // Arrange
        var version = Draft();
        var task = Node(version, "云服务平台");
        var moved = Node(version, "智能客服系统");
        version.MoveNodeTo(moved, Node(version, "绿色服务")).Succeeded.Should().BeTrue();

        // Act
        var edit = version.MergeTasks([task, moved], "合并");

        // Assert
        edit.Refusal.Should().Be(DraftRefusal.MergeNeedsOneParent);
        task.Title.Should().Be("云服务平台");
    }

    [Fact]
    public void MergeTasks_OneTaskOrANonTask_IsRefused()
    {
        var version = Draft();
        var task = Node(version, "云服务平台");

        version.MergeTasks([task, task], "合并").Refusal.Should().Be(DraftRefusal.MergeNeedsTwoTasks);
        version.MergeTasks([task, Node(version, "数字服务")], "合并").Refusal.Should().Be(DraftRefusal.NotATask);
        version.MergeTasks([task, Node(version, "数据交易平台")], " ").Refusal.Should().Be(DraftRefusal.EmptyTitle);
    }

    [Fact]
    public void MergeTasks_ATaskOfAnotherPlan_IsRefused()
    {
        var version = Draft();
        var other = Draft();

        version.MergeTasks([Node(version, "云服务平台"), Node(other, "数据交易平台")], "合并").Refusal.Should().Be(DraftRefusal.NodeNotFound);
    }

    [Fact]
    public void SplitTask_IntoThree_ReplacesItInPlaceWithNewKeys()
    {
        // Arrange
        var version = Draft();
        var task = Node(version, "数据交易平台");
        var keys = version.Nodes.Select(n => n.Key).ToHashSet();

        // Act
        var edit = version.SplitTask(task, ["数据确权平台", "", "数据定价平台", "数据交易撮合平台"]);

        // Assert
        edit.Succeeded.Should().BeTrue();
        edit.Removed.Should().Equal(task);
        edit.Added.Select(n => n.Title).Should().Equal("数据确权平台", "数据定价平台", "数据交易撮合平台");
        edit.Added.Should().OnlyContain(n => !keys.Contains(n.Key) && n.Kind == NodeKind.Task);
        version.Nodes.Should().NotContain(task);
        Node(version, "智慧服务").Children.OrderBy(c => c.Ordinal).Select(c => c.Title)
            .Should().Equal("云服务平台", "数据确权平台", "数据定价平台", "数据交易撮合平台", "智能客服系统");
        AssertConsistent(version);
    }

    [Fact]
    public void SplitTask_OneTitleOrNotATask_IsRefused()
    {
        var version = Draft();

        version.SplitTask(Node(version, "数据交易平台"), ["只有一个", " "]).Refusal.Should().Be(DraftRefusal.SplitNeedsTwoTitles);
        version.SplitTask(Node(version, "智慧服务"), ["甲", "乙"]).Refusal.Should().Be(DraftRefusal.NotATask);
        version.SplitTask(Node(version, "数据交易平台"), ["甲", new string('乙', 1001)]).Refusal.Should().Be(DraftRefusal.TitleTooLong);
        version.Nodes.Should().Contain(n => n.Title == "数据交易平台");
    }

    [Fact]
    public void MoveNode_UpAndDown_SwapsWithSiblingsAndRenumbers()
    {
        // Arrange
        var version = Draft();
        var third = Node(version, "智能客服系统");

        // Act
        var up = version.MoveNode(third, MoveDirection.Up);

        // Assert
        up.Succeeded.Should().BeTrue();
        Node(version, "智慧服务").Children.OrderBy(c => c.Position).Select(c => (c.Title, c.Ordinal))
            .Should().Equal(("云服务平台", 1), ("智能客服系统", 2), ("数据交易平台", 3));
        AssertConsistent(version);
    }

    [Fact]
    public void MoveNode_SectionDown_StepsOverParagraphsAndCarriesItsSubtree()
    {
        // Arrange
        var version = Draft();
        var digital = Node(version, "数字服务");

        // Act
        var edit = version.MoveNode(digital, MoveDirection.Down);

        // Assert
        edit.Succeeded.Should().BeTrue();
        Ordered(version).Where(n => n.Kind != NodeKind.Paragraph).Select(n => n.Title).Should().ContainInOrder(
            "重点任务", "绿色服务", "数字服务", "智慧服务", "云服务平台", "保障措施");
        AssertConsistent(version);
    }

    [Fact]
    public void MoveNode_AtTheEdges_IsRefused()
    {
        var version = Draft();

        version.MoveNode(Node(version, "云服务平台"), MoveDirection.Up).Refusal.Should().Be(DraftRefusal.AlreadyFirst);
        version.MoveNode(Node(version, "智能客服系统"), MoveDirection.Down).Refusal.Should().Be(DraftRefusal.AlreadyLast);
    }

    [Fact]
    public void MoveNodeTo_TaskToAnotherSection_GoesLastThereWithDepthAndOrdinal()
    {
        // Arrange
        var version = Draft();
        var task = Node(version, "云服务平台");
        var green = Node(version, "绿色服务");

        // Act
        var edit = version.MoveNodeTo(task, green);

        // Assert
        edit.Succeeded.Should().BeTrue();
        task.Parent.Should().BeSameAs(green);
        task.Depth.Should().Be(green.Depth + 1);
        task.Ordinal.Should().Be(1);
        Node(version, "智慧服务").Children.OrderBy(c => c.Ordinal).Select(c => (c.Title, c.Ordinal))
            .Should().Equal(("数据交易平台", 1), ("智能客服系统", 2));
        AssertConsistent(version);
    }

    [Fact]
    public void MoveNodeTo_SectionToAnotherChapter_Moves()
    {
        var version = Draft();
        var section = Node(version, "绿色服务");

        version.MoveNodeTo(section, Node(version, "保障措施")).Succeeded.Should().BeTrue();

        Ordered(version).Last().Should().BeSameAs(section);
        AssertConsistent(version);
    }

    [Fact]
    public void MoveNodeTo_IncompatibleOrSameParent_IsRefused()
    {
        var version = Draft();
        var task = Node(version, "云服务平台");

        version.MoveNodeTo(task, Node(version, "保障措施")).Refusal.Should().Be(DraftRefusal.IncompatibleParent);
        version.MoveNodeTo(Node(version, "绿色服务"), Node(version, "智慧服务")).Refusal.Should().Be(DraftRefusal.IncompatibleParent);
        version.MoveNodeTo(Node(version, "保障措施"), Node(version, "重点任务")).Refusal.Should().Be(DraftRefusal.IncompatibleParent);
        version.MoveNodeTo(task, Node(version, "智慧服务")).Refusal.Should().Be(DraftRefusal.SameParent);
    }

    [Fact]
    public void AddTask_UnderAColumn_AppendsItWithANewKeyAndItsText()
    {
        // Arrange
        var version = Draft();
        var column = Node(version, "智慧服务");

        // Act
        var edit = version.AddTask(column, "服务质量监测平台", "建设服务质量监测平台。");

        // Assert
        edit.Succeeded.Should().BeTrue();
        var task = edit.Node!;
        task.Kind.Should().Be(NodeKind.Task);
        task.Parent.Should().BeSameAs(column);
        task.Ordinal.Should().Be(4);
        task.Text.Should().Be("建设服务质量监测平台。");
        version.Nodes.Should().Contain(task);
        AssertConsistent(version);
    }

    [Fact]
    public void AddTask_UnderAChapterOrWithoutTitle_IsRefused()
    {
        var version = Draft();

        version.AddTask(Node(version, "保障措施"), "任务", null).Refusal.Should().Be(DraftRefusal.IncompatibleParent);
        version.AddTask(Node(version, "绿色服务"), "", "正文").Refusal.Should().Be(DraftRefusal.EmptyTitle);
        version.AddTask(Node(version, "绿色服务"), "任务", new string('文', 20_001)).Refusal.Should().Be(DraftRefusal.TextTooLong);
    }

    private static PlanVersion Draft()
    {
        var parsed = PlanTextParser.Parse(Text).Plan!;
        return ImportedPlanBuilder.Build(parsed, PlanTextParser.Normalise(Text), "sha", Now).Versions.Single();
    }

    private static PlanNode Node(PlanVersion version, string title) => version.Nodes.Single(n => n.Title == title);

    private static List<PlanNode> Ordered(PlanVersion version) => version.Nodes.OrderBy(n => n.Position).ToList();

    /// <summary>Positions 0…n-1 in a depth-first walk; ordinals 1…k among siblings; depth = parent's + 1.</summary>
    private static void AssertConsistent(PlanVersion version)
    {
        var ordered = Ordered(version);
        ordered.Select(n => n.Position).Should().Equal(Enumerable.Range(0, ordered.Count));
        foreach (var node in ordered)
        {
            node.Depth.Should().Be(node.Parent is null ? 0 : node.Parent.Depth + 1);
            node.Parent?.Children.Should().Contain(node);
            if (node.Parent is not null)
            {
                node.Position.Should().BeGreaterThan(node.Parent.Position);
            }
        }

        foreach (var siblings in ordered.GroupBy(n => n.Parent))
        {
            siblings.Select(n => n.Ordinal).Should().Equal(Enumerable.Range(1, siblings.Count()));
        }

        // Depth-first: each node's subtree is contiguous, so the next node after a subtree is not inside it.
        for (var i = 1; i < ordered.Count; i++)
        {
            var previous = ordered[i - 1];
            var node = ordered[i];
            (ReferenceEquals(node.Parent, previous) || IsAncestorOrSibling(node, previous)).Should().BeTrue($"{node.Title} follows {previous.Title}");
        }
    }

    private static bool IsAncestorOrSibling(PlanNode node, PlanNode previous)
    {
        for (var p = previous; p is not null; p = p.Parent)
        {
            if (ReferenceEquals(p.Parent, node.Parent))
            {
                return true;
            }
        }

        return false;
    }
}
