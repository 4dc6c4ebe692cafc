using System.Collections.Concurrent;
using System.Text.Json;

namespace PlanTracker.Load;

/// <summary>The content a virtual user sent with a save or a submit; <see cref="ProgressText"/> carries the write's own mark.</summary>
public sealed record ReportContent(string Progress, decimal PercentComplete, string ProgressText, string Achievements, string Problems, string NextSteps, decimal InvestmentWan, string MilestoneTitle, DateOnly MilestoneDay);

public enum WriteKind
{
    Save,
    Submit,
    UnitReview,
    UnitReturn,
    Approve,
    MinistryReturn,
}

/// <summary>What became of a write as its user saw it.</summary>
public enum WriteOutcome
{
    /// <summary>The server answered with the redirect of success: the user was told it is stored.</summary>
    Acknowledged,

    /// <summary>A 4xx page saying why not (e.g. someone else changed the report first): the user was told nothing was stored.</summary>
    Refused,

    /// <summary>A 5xx page, a timeout or a broken connection: the user was told it failed (or saw nothing).</summary>
    Failed,
}

/// <summary>
/// One write a virtual user sent. <see cref="Mark"/> is unique to the write (in the text or comment sent), so that the
/// verification finds exactly this write in PostgreSQL and nothing else.
/// </summary>
public sealed record LedgerEntry(
    long Sequence,
    string Mark,
    WriteKind Kind,
    string UserName,
    int UnitId,
    int PeriodId,
    int TaskId,
    long? ReportId,
    ReportContent? Content,
    string? Comment,
    DateTimeOffset SentAt,
    double RunSeconds,
    int Status,
    WriteOutcome Outcome);

/// <summary>The ledger of every write sent during a run, in the order they were sent; written as JSON lines.</summary>
public sealed class Ledger
{
    private readonly ConcurrentQueue<LedgerEntry> _entries = new();
    private long _sequence;

    public Ledger(string runId) => RunId = runId;

    /// <summary>The run's id, part of every mark.</summary>
    public string RunId { get; }

    public IReadOnlyCollection<LedgerEntry> Entries => _entries;

    public (long Sequence, string Mark) Next()
    {
        var sequence = Interlocked.Increment(ref _sequence);
        return (sequence, $"〔{RunId}-{sequence}〕");
    }

    public void Add(LedgerEntry entry) => _entries.Enqueue(entry);

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public async Task WriteAsync(string file, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(file);
        foreach (var entry in _entries.OrderBy(e => e.Sequence))
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(entry, Json).AsMemory(), cancellationToken);
        }
    }

    public static async Task<List<LedgerEntry>> ReadAsync(string file, CancellationToken cancellationToken) =>
        [.. (await File.ReadAllLinesAsync(file, cancellationToken)).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<LedgerEntry>(l, Json)!)];
}
