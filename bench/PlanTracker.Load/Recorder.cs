using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace PlanTracker.Load;

/// <summary>
/// One request: when it started (seconds since the run began), the role, the page (method and route), the status (0 when
/// the connection failed or timed out), the time to the last byte, and whether a 503 was the Chinese unavailable page.
/// </summary>
public sealed record RequestRecord(double At, string Role, string Page, int Status, double Milliseconds, bool ChineseUnavailable)
{
    public bool IsServerError => Status >= 500;

    public bool IsFailed => Status == 0;
}

/// <summary>Per-page figures of a window of the run.</summary>
public sealed record PageFigures(string Page, int Count, double P50, double P95, double P99, double Max, int ServerErrors, int Failed, int Refused, int Other4xx);

/// <summary>Every request of the run, kept in memory (a 10-minute run is well under a million) and written as CSV.</summary>
public sealed class Recorder
{
    private readonly ConcurrentQueue<RequestRecord> _records = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public double Now => _clock.Elapsed.TotalSeconds;

    public IReadOnlyCollection<RequestRecord> Records => _records;

    public void Add(RequestRecord record) => _records.Enqueue(record);

    public static List<PageFigures> Figures(IEnumerable<RequestRecord> records) =>
        [.. records.GroupBy(r => r.Page).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var ms = g.Select(r => r.Milliseconds).Order().ToArray();
            return new PageFigures(
                g.Key,
                ms.Length,
                Percentile(ms, 0.50),
                Percentile(ms, 0.95),
                Percentile(ms, 0.99),
                ms[^1],
                g.Count(r => r.IsServerError),
                g.Count(r => r.IsFailed),
                g.Count(r => r.Status == 422),
                g.Count(r => r.Status is >= 400 and < 500 and not 422));
        })];

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public async Task WriteCsvAsync(string file, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(file);
        await writer.WriteLineAsync("at_s,role,page,status,ms,chinese_unavailable");
        foreach (var r in _records.OrderBy(r => r.At))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{r.At:0.000},{r.Role},\"{r.Page}\",{r.Status},{r.Milliseconds:0.0},{(r.ChineseUnavailable ? 1 : 0)}"));
        }
    }
}
