using Npgsql;

namespace PlanTracker.Web.Features.Errors;

/// <summary>What a failed request's exception says about the database, for the error page's status and words.</summary>
public enum DatabaseFailureKind
{
    /// <summary>Not the database's condition: a bug (or a constraint the code should have checked) — 500.</summary>
    None,

    /// <summary>PostgreSQL cannot be reached, is starting or shutting down, or dropped the connection — 503.</summary>
    Unavailable,

    /// <summary>A command or a connection wait ran past its timeout: the database is overloaded or slow — 503.</summary>
    Busy,

    /// <summary>PostgreSQL has no disk space left for the write (SQLSTATE 53100) — 507.</summary>
    StorageFull,
}

/// <summary>
/// Tells the database's condition from a bug. Not every <see cref="NpgsqlException"/> is an outage: taken for one, a
/// constraint violation (a bug) would get the "database unavailable, retry" page and a full disk no word about the
/// disk. The Npgsql error may arrive wrapped (EF's DbUpdateException, the data-protection key ring), so the
/// whole chain is looked at.
/// </summary>
public static class DatabaseFailure
{
    public static DatabaseFailureKind Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var kind = DatabaseFailureKind.None;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var found = e switch
            {
                PostgresException { SqlState: PostgresErrorCodes.DiskFull } => DatabaseFailureKind.StorageFull,
                // 57014: the statement was cancelled — by Npgsql when the command timeout passed.
                PostgresException { SqlState: PostgresErrorCodes.QueryCanceled } => DatabaseFailureKind.Busy,
                // Class 08 connection exception, 53 insufficient resources (too many connections, out of memory),
                // 57P01–57P05 the server shutting down, starting up or crashed, 58 system error (I/O).
                PostgresException p when p.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || p.SqlState.StartsWith("53", StringComparison.Ordinal)
                    || p.SqlState.StartsWith("57P", StringComparison.Ordinal)
                    || p.SqlState.StartsWith("58", StringComparison.Ordinal) => DatabaseFailureKind.Unavailable,
                // Any other server error is about the statement, not the server's condition.
                PostgresException => DatabaseFailureKind.None,
                TimeoutException => DatabaseFailureKind.Busy,
                // A client-side failure: refused or broken socket, protocol read failed.
                NpgsqlException => DatabaseFailureKind.Unavailable,
                _ => DatabaseFailureKind.None,
            };

            // The most specific word wins: a disk-full or timeout cause inside a generic connection error.
            if (found > kind)
            {
                kind = found;
            }
        }

        return kind;
    }
}
