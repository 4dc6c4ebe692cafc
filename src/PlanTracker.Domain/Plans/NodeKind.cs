namespace PlanTracker.Domain.Plans;

/// <summary>What a node of a plan's outline is. Stored as a string; the JSON/CLI code is kebab-case.</summary>
public enum NodeKind
{
    Chapter,
    Section,
    Item,
    SpecialColumn,
    Task,
    Paragraph,
    GlossaryTerm,
}

public static class NodeKindCodes
{
    public static string ToCode(this NodeKind kind) => kind switch
    {
        NodeKind.Chapter => "chapter",
        NodeKind.Section => "section",
        NodeKind.Item => "item",
        NodeKind.SpecialColumn => "special-column",
        NodeKind.Task => "task",
        NodeKind.Paragraph => "paragraph",
        NodeKind.GlossaryTerm => "glossary-term",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
