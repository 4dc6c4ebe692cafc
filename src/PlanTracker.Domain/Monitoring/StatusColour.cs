namespace PlanTracker.Domain.Monitoring;

/// <summary>The traffic light of a computed status. Grey means "no judgement": nothing to judge yet, or no data.</summary>
public enum StatusColour
{
    /// <summary>灰：无数据 / 尚未开始 / 无法量化评价.</summary>
    Grey,

    /// <summary>绿：正常.</summary>
    Green,

    /// <summary>黄：预警.</summary>
    Amber,

    /// <summary>红：严重滞后.</summary>
    Red,
}

public static class StatusColours
{
    public static string Chinese(StatusColour colour) => colour switch
    {
        StatusColour.Green => "正常",
        StatusColour.Amber => "黄色预警",
        StatusColour.Red => "红色预警",
        _ => "无数据",
    };

    /// <summary>The worse of two colours (red over amber over green over grey).</summary>
    public static StatusColour Worse(StatusColour a, StatusColour b) => a >= b ? a : b;

    /// <summary>
    /// Whether a change of status raises an early warning (预警): the new colour is amber or red and worse than before
    /// (a first status counts as a change from nothing). Amber to green, red to amber, or staying amber raises none.
    /// </summary>
    public static bool RaisesWarning(StatusColour? before, StatusColour after) =>
        after is StatusColour.Amber or StatusColour.Red && (before is null || after > before);
}
