using PlanTracker.Domain.Reporting;

namespace PlanTracker.Web.Hosting;

/// <summary>What became of a write.</summary>
public enum WriteStatus
{
    /// <summary>Stored and committed.</summary>
    Done,

    /// <summary>The thing written to is not there, or not the user's to reach (404).</summary>
    NotFound,

    /// <summary>Refused for a reason the user can act on; nothing stored (422).</summary>
    Refused,

    /// <summary>Someone else changed the thing since the page was drawn; nothing stored (409).</summary>
    Conflict,
}

/// <summary>
/// Why a write was refused: a code (an enum of the domain, such as <see cref="ReportRefusalCode"/>, or of the feature)
/// and the arguments its sentence takes. <see cref="Features.Progress.RefusalWords"/> words it in the reader's language.
/// </summary>
public sealed record WriteRefusal(Enum Code, IReadOnlyList<object> Arguments);

/// <summary>What changed under a write that lost a race, as far as the record tells: who changed it last, when, and its state now.</summary>
public sealed record WriteConflict(string? ChangedBy, DateTimeOffset? ChangedAt, Enum? StateNow)
{
    public static readonly WriteConflict Unknown = new(null, null, null);
}

/// <summary>
/// The result of a write, one type for every writer: not found, refused (a code and its arguments), a conflict (with
/// what changed), or done — with a value where the write yields one (<see cref="WriteResult{T}"/>). Expected failures
/// come back as this, never as exceptions.
/// </summary>
public record WriteResult
{
    public static readonly WriteResult Done = new(WriteStatus.Done, null, null);

    public static readonly WriteResult NotFound = new(WriteStatus.NotFound, null, null);

    protected WriteResult(WriteStatus status, WriteRefusal? refusal, WriteConflict? conflict)
    {
        Status = status;
        Refusal = refusal;
        Conflict = conflict;
    }

    public WriteStatus Status { get; }

    /// <summary>Why it was refused, when it was.</summary>
    public WriteRefusal? Refusal { get; }

    /// <summary>What changed meanwhile, when the write lost a race.</summary>
    public WriteConflict? Conflict { get; }

    public bool Succeeded => Status == WriteStatus.Done;

    public bool IsNotFound => Status == WriteStatus.NotFound;

    public bool IsConflict => Status == WriteStatus.Conflict;

    public static WriteResult Refused(Enum code, params object[] arguments) => new(WriteStatus.Refused, new WriteRefusal(code, arguments), null);

    /// <summary>A refusal of the domain's report rules, with its code and arguments.</summary>
    public static WriteResult Refused(ReportRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return new(WriteStatus.Refused, new WriteRefusal(refusal.Code, refusal.Arguments), null);
    }

    public static WriteResult Conflicted(WriteConflict conflict) => new(WriteStatus.Conflict, null, conflict);

    /// <summary>Done, with what the write yields (a count, an id).</summary>
    public static WriteResult<T> With<T>(T value) => new(value);
}

/// <summary>A write that is done and yields a value.</summary>
public sealed record WriteResult<T> : WriteResult
{
    public WriteResult(T value)
        : base(WriteStatus.Done, null, null)
    {
        Value = value;
    }

    public T Value { get; }
}
