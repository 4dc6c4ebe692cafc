using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlanTracker.Web.Features.Shared.Figures;

/// <summary>
/// A chart for <c>wwwroot/js/charts.js</c>: a Chart.js configuration serialised into a JSON data block beside its
/// canvas. The default encoder escapes &lt; &gt; &amp; and quotes, so text from the database cannot close the block.
/// Colours may be status words (green, amber, red, grey, blue, lightBlue, purple): the script maps them to the palette.
/// </summary>
public sealed record ChartSpec(string Id, string Title, string Json, int Height = 280)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <param name="config">An object shaped like a Chart.js configuration: <c>new { type, data = new { labels, datasets }, options }</c>.</param>
    public static ChartSpec Of(string id, string title, object config, int height = 280) =>
        new(id, title, JsonSerializer.Serialize(config, Options), height);
}
