namespace PlanTracker.Domain.PlanImport;

/// <summary>Lines that end whatever block (special column, table, glossary) came before them.</summary>
internal static class LineKinds
{
    public static bool StartsBlock(string line) =>
        HeadingReader.Read(line) is not null
        || SpecialColumnReader.ReadHeading(line) is not null
        || AppendixReader.IsAppendixHeading(line)
        || IndicatorTableReader.IsTableTitle(line);
}
