using PlanTracker.Domain.Plans;

namespace PlanTracker.Domain.PlanImport;

/// <summary>
/// One line of the normalised plan text. <see cref="Text"/> is the line without its surrounding blanks (plans indent
/// with full-width spaces) and <see cref="Start"/> is where that trimmed text begins, so spans never cover indentation.
/// <see cref="Clean"/> is the same text with web noise cut out; it is what titles and paragraphs are made of.
/// </summary>
internal sealed record SourceLine(int Number, int Start, string Text, string Clean)
{
    public int End => Start + Text.Length;

    public SourceSpan Span => new(Start, Text.Length);

    public bool IsBlank => Clean.Length == 0;
}
