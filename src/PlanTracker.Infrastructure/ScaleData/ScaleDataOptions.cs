namespace PlanTracker.Infrastructure.ScaleData;

/// <summary>What <see cref="ScaleDataGenerator"/> makes: by default a national volume of 10 plans × 300 tasks ×
/// 37 units × 20 quarterly periods (about 2.2 million progress reports).</summary>
public sealed record ScaleDataOptions
{
    public int Plans { get; init; } = 10;

    public int TasksPerPlan { get; init; } = 300;

    /// <summary>Quarterly periods per plan; the last is the current quarter (open), the others are closed.</summary>
    public int Periods { get; init; } = 20;

    public int IndicatorsPerPlan { get; init; } = 10;

    public int Seed { get; init; } = 42;

    /// <summary>Add more generated plans beside ones already generated, instead of refusing.</summary>
    public bool Append { get; init; }

    /// <summary>The day the open period contains; the generated rows depend only on this and <see cref="Seed"/>.</summary>
    public DateOnly Today { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Print a progress line every this many rows of a big table.</summary>
    public int ProgressEvery { get; init; } = 250_000;

    /// <summary>Why these options cannot be used, or null.</summary>
    public string? Invalid() => this switch
    {
        { Plans: < 1 or > 1000 } => "--plans 须在 1–1000 之间 / must be 1–1000",
        { TasksPerPlan: < 1 or > 10_000 } => "--tasks 须在 1–10000 之间 / must be 1–10000",
        { Periods: < 1 or > 200 } => "--periods 须在 1–200 之间 / must be 1–200",
        { IndicatorsPerPlan: < 0 or > 200 } => "--indicators-per-plan 须在 0–200 之间 / must be 0–200",
        _ => null,
    };
}

/// <summary>Rows written per table and how long it took.</summary>
public sealed record ScaleDataSummary(IReadOnlyList<TableLoad> Tables, TimeSpan Elapsed)
{
    public long TotalRows => Tables.Sum(t => t.Rows);
}

public sealed record TableLoad(string Table, long Rows, TimeSpan Elapsed)
{
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Rows / Elapsed.TotalSeconds : 0;
}

/// <summary>The database already holds generated data and neither --append was asked for.</summary>
public sealed class ScaleDataExistsException(string message) : Exception(message);
