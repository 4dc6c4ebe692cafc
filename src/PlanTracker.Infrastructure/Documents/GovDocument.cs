namespace PlanTracker.Infrastructure.Documents;

/// <summary>
/// A Chinese government document (公文-style report) as plain values, written to .docx by <see cref="GovDocumentWriter"/>:
/// a title block (title, optional subtitle), an optional 文号 line and a date line, then blocks in order. Headings are
/// numbered by the writer (一、 for level 1, （一） for level 2, 1. for level 3), so callers give the words only.
/// </summary>
/// <param name="Title">The title (方正小标宋, 二号, centred).</param>
/// <param name="Subtitle">A line under the title (楷体, 三号, centred), e.g. the plan's name or the report period.</param>
/// <param name="DocumentNumber">文号 (国科发计〔2012〕70号), centred above the title when given.</param>
/// <param name="DateLine">The date line under the title block (e.g. 二〇二六年十一月二十六日), centred.</param>
/// <param name="Author">Written into the package properties (creator); no timestamps are written, so output is deterministic.</param>
public sealed record GovDocument(
    string Title,
    string? Subtitle,
    string? DocumentNumber,
    string? DateLine,
    IReadOnlyList<DocBlock> Blocks,
    string Author = "PlanTracker");

/// <summary>One block of a <see cref="GovDocument"/>.</summary>
public abstract record DocBlock;

/// <summary>A heading of level 1 (一、, 黑体), 2 (（一）, 楷体) or 3 (1., 仿宋 bold); numbered by the writer.</summary>
public sealed record DocHeading(int Level, string Text) : DocBlock;

/// <summary>A body paragraph (仿宋_GB2312, 三号, first line indented two characters, 28-point line spacing).</summary>
public sealed record DocParagraph(string Text) : DocBlock
{
    /// <summary>Quoted words (a unit's own sentence): set in 楷体.</summary>
    public bool Quote { get; init; }
}

/// <summary>A table with a bold header row (repeated on each page); cells are plain text.</summary>
public sealed record DocTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : DocBlock
{
    /// <summary>A caption above the table (e.g. 表1 …), centred, 黑体.</summary>
    public string? Caption { get; init; }

    /// <summary>Names the table where a page offers it as a download (not written to the document).</summary>
    public string? Key { get; init; }
}

/// <summary>A picture (a chart drawn on the server), as wide as the text at most, with a caption under it (图1 …).</summary>
public sealed record DocImage(byte[] Png, int PixelWidth, int PixelHeight) : DocBlock
{
    public string? Caption { get; init; }
}

/// <summary>The table of contents (目录) over the level-1 and level-2 headings, followed by a page break.</summary>
public sealed record DocContents(string Title = "目　　录") : DocBlock;

/// <summary>Starts a new page.</summary>
public sealed record DocPageBreak : DocBlock;
