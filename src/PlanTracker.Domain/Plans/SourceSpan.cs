namespace PlanTracker.Domain.Plans;

/// <summary>
/// Where a node came from in the imported text: a start offset and a length in UTF-16 code units of the
/// text as stored with the plan version (after the importer's only normalisation: CRLF → LF and a BOM dropped).
/// </summary>
public readonly record struct SourceSpan(int Start, int Length)
{
    public int End => Start + Length;

    public bool Contains(SourceSpan other) => other.Start >= Start && other.End <= End;
}
