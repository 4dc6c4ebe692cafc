using System.Globalization;

namespace PlanTracker.Web.Features.Shared.Figures;

/// <summary>
/// A table of figures as a dashboard shows it under its chart, and as it downloads (CSV or .xlsx). One model for the
/// three, so the download holds exactly the figures on the screen.
/// </summary>
/// <param name="Key">Names the table in the page's download links (<c>?table=KEY&amp;format=csv</c>).</param>
/// <param name="Title">Chinese title, also the sheet name and the file name's stem.</param>
public sealed record FigureTable(string Key, string Title, IReadOnlyList<FigureColumn> Columns, IReadOnlyList<FigureRow> Rows)
{
    /// <summary>What the page shows when <see cref="Rows"/> is empty (an empty table says why, never nothing).</summary>
    public string? EmptyText { get; init; }
}

/// <param name="PlanText">
/// Whether the column's cells show the plan's own words (names of tasks, chapters, units, indicators), marked for an
/// English page (see PlanTextTagHelper): true always; false never; null (the default) when the cell links to the thing
/// it names, as a drill-down does.
/// </param>
public sealed record FigureColumn(string Header, bool IsNumber = false, bool? PlanText = null);

public sealed record FigureRow(IReadOnlyList<FigureCell> Cells);

/// <summary>
/// A cell: its text as shown, the number behind it (for the .xlsx and for sorting), an optional link (drill-down) and
/// an optional status colour (<c>green</c>, <c>amber</c>, <c>red</c>, <c>grey</c>) the page shows as a badge.
/// </summary>
public sealed record FigureCell(string Text, decimal? Number = null, string? Href = null, string? Colour = null)
{
    public static FigureCell Of(string? text, string? href = null, string? colour = null) => new(text ?? string.Empty, null, href, colour);

    public static FigureCell Of(decimal? number, string format = "0.#", string? href = null, string? colour = null) =>
        number is { } n ? new(n.ToString(format, CultureInfo.InvariantCulture), n, href, colour) : new("—", null, href, colour);

    public static FigureCell Of(long number, string? href = null, string? colour = null) =>
        new(number.ToString(CultureInfo.InvariantCulture), number, href, colour);
}
