namespace PlanTracker.Domain.Monitoring;

/// <summary>How many statuses have each colour: the green/amber/red counts of a dashboard.</summary>
public sealed record ColourTally(int Green, int Amber, int Red, int Grey)
{
    public int Total => Green + Amber + Red + Grey;

    public static ColourTally Of(IEnumerable<StatusColour> colours)
    {
        ArgumentNullException.ThrowIfNull(colours);
        var list = colours.ToList();
        int Count(StatusColour colour) => list.Count(c => c == colour);
        return new ColourTally(Count(StatusColour.Green), Count(StatusColour.Amber), Count(StatusColour.Red), Count(StatusColour.Grey));
    }
}

/// <summary>How many indicators got each verdict, and the sentence an evaluation report writes about them.</summary>
public sealed record VerdictTally(IReadOnlyDictionary<IndicatorVerdict, int> Counts)
{
    public int Total => Counts.Values.Sum();

    public int this[IndicatorVerdict verdict] => Counts.TryGetValue(verdict, out var count) ? count : 0;

    public static VerdictTally Of(IEnumerable<IndicatorVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        return new VerdictTally(verdicts.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count()));
    }

    /// <summary>E.g. "20项指标中，提前实现4项，快于预期5项，基本符合预期7项，滞后4项。", in the verdicts' order, leaving out zeros.</summary>
    public string Sentence()
    {
        var parts = Enum.GetValues<IndicatorVerdict>()
            .OrderBy(Rank)
            .Where(v => this[v] > 0)
            .Select(v => $"{IndicatorStatusRules.Chinese(v)}{this[v]}项");
        return Total == 0 ? "暂无指标。" : $"{Total}项指标中，{string.Join("，", parts)}。";
    }

    // Best first, as the official results list them; the no-judgement verdicts last.
    private static int Rank(IndicatorVerdict verdict) => verdict switch
    {
        IndicatorVerdict.Met => 0,
        IndicatorVerdict.AlreadyMet => 1,
        IndicatorVerdict.AheadOfSchedule => 2,
        IndicatorVerdict.OnSchedule => 3,
        IndicatorVerdict.Behind => 4,
        IndicatorVerdict.Missed => 5,
        IndicatorVerdict.NotQuantifiable => 6,
        _ => 7,
    };
}
