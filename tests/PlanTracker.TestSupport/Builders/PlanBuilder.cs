using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;

namespace PlanTracker.TestSupport.Builders;

/// <summary>
/// A small plan for a test, made by the domain's constructors: the plan, its version 1 with the chapters, sections,
/// special columns and tasks the test names (in document order, numbered as a plan numbers them), published unless
/// told otherwise, and its tasks assigned to units by code. Unless told otherwise: 测试规划 for 2011–2015, created and
/// published now (as an import would be), with an empty outline.
/// </summary>
/// <example>
/// <code>
/// var plan = await new PlanBuilder()
///     .Titled("某某专项规划")
///     .Chapter("重点任务", c => c.Section("数字服务", "云服务平台", "数据交易平台").SpecialColumn("智慧服务", "智能客服系统"))
///     .Assign("云服务平台", "110000")
///     .SaveAsync(db);
/// </code>
/// </example>
/// <remarks>
/// <see cref="Build"/> needs nothing but the domain; <c>SaveAsync</c> (PlanBuilder.Save.cs) writes the plan and its
/// assignments through <c>AppDbContext</c>, finding the units by code.
/// </remarks>
public sealed partial class PlanBuilder
{
    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    private readonly List<ChapterBuilder> _chapters = [];
    private readonly List<(string Task, string UnitCode, AssignmentRole Role)> _assignments = [];
    private string _title = "测试规划";
    private string? _documentNumber;
    private string? _issuer;
    private DateOnly? _issueDate;
    private int _startYear = 2011;
    private int _endYear = 2015;
    private DateTimeOffset _at = DateTimeOffset.UtcNow;
    private VersionState _version = VersionState.Published;

    private enum VersionState
    {
        Published,
        Draft,
        None,
    }

    public PlanBuilder Titled(string title)
    {
        _title = title;
        return this;
    }

    /// <summary>文号, e.g. 测试〔2026〕1号 (unique among plans).</summary>
    public PlanBuilder WithDocumentNumber(string documentNumber)
    {
        _documentNumber = documentNumber;
        return this;
    }

    public PlanBuilder IssuedBy(string issuer, DateOnly issueDate)
    {
        (_issuer, _issueDate) = (issuer, issueDate);
        return this;
    }

    public PlanBuilder Years(int startYear, int endYear)
    {
        (_startYear, _endYear) = (startYear, endYear);
        return this;
    }

    /// <summary>When the plan and its version are created and published.</summary>
    public PlanBuilder At(DateTimeOffset at)
    {
        _at = at;
        return this;
    }

    /// <summary>A chapter (一、二、…) and what it holds.</summary>
    public PlanBuilder Chapter(string title, Action<ChapterBuilder> content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var chapter = new ChapterBuilder(title);
        content(chapter);
        _chapters.Add(chapter);
        return this;
    }

    /// <summary>The shortest outline with tasks: one chapter 重点任务 with one section 主要任务 holding them.</summary>
    public PlanBuilder WithTasks(params string[] titles) => Chapter("重点任务", c => c.Section("主要任务", titles));

    /// <summary>The task (by its title, unique in the plan) assigned to the unit with <paramref name="unitCode"/>; saved by <c>SaveAsync</c>.</summary>
    public PlanBuilder Assign(string taskTitle, string unitCode, AssignmentRole role = AssignmentRole.Lead)
    {
        _assignments.Add((taskTitle, unitCode, role));
        return this;
    }

    /// <summary>Version 1 stays a draft: the plan is not in force and only planners see it.</summary>
    public PlanBuilder Unpublished()
    {
        _version = VersionState.Draft;
        return this;
    }

    /// <summary>The plan alone, with no version at all (a plan just registered, or one whose import is still to come).</summary>
    public PlanBuilder WithoutVersion()
    {
        _version = VersionState.None;
        return this;
    }

    public Plan Build()
    {
        var plan = new Plan(_title, _documentNumber, _issuer, _issueDate, _startYear, _endYear, _at);
        if (_version == VersionState.None)
        {
            return plan;
        }

        var version = plan.AddVersion(new PlanVersion(1, null, null, _at));
        var position = 0;
        PlanNode Add(NodeKind kind, string? number, string title, int ordinal, int depth, PlanNode? parent)
        {
            var node = new PlanNode(kind, number, title, kind == NodeKind.Task ? title + "。" : title, position++, ordinal, depth, null, Guid.NewGuid());
            version.AddNode(node);
            parent?.AddChild(node);
            return node;
        }

        for (var c = 0; c < _chapters.Count; c++)
        {
            var chapter = Add(NodeKind.Chapter, Numerals[c], _chapters[c].Title, c + 1, 0, null);
            var sections = 0;
            for (var b = 0; b < _chapters[c].Blocks.Count; b++)
            {
                var (kind, title, tasks) = _chapters[c].Blocks[b];
                var number = kind == NodeKind.Section ? $"（{Numerals[sections++]}）" : null;
                var block = Add(kind, number, title, b + 1, 1, chapter);
                for (var t = 0; t < tasks.Count; t++)
                {
                    Add(NodeKind.Task, (t + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), tasks[t], t + 1, 2, block);
                }
            }
        }

        if (_version == VersionState.Published)
        {
            version.Publish(_at);
        }

        return plan;
    }

    /// <summary>What a chapter holds: sections (（一）、（二）、…) and special columns (专栏), each with its tasks.</summary>
    public sealed class ChapterBuilder
    {
        internal ChapterBuilder(string title)
        {
            Title = title;
        }

        internal string Title { get; }

        internal List<(NodeKind Kind, string Title, IReadOnlyList<string> Tasks)> Blocks { get; } = [];

        public ChapterBuilder Section(string title, params string[] tasks)
        {
            Blocks.Add((NodeKind.Section, title, tasks));
            return this;
        }

        public ChapterBuilder SpecialColumn(string title, params string[] tasks)
        {
            Blocks.Add((NodeKind.SpecialColumn, title, tasks));
            return this;
        }
    }
}
