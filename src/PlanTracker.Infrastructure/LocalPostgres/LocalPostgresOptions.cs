namespace PlanTracker.Infrastructure.LocalPostgres;

/// <summary>Where and how to run a private PostgreSQL cluster.</summary>
public sealed class LocalPostgresOptions
{
    /// <summary>Absolute path of the cluster's data directory; created (initdb) if missing or empty.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>
    /// TCP port on 127.0.0.1. Null: reuse the port the cluster used last time if it is free,
    /// otherwise the first free port from 5433 upward.
    /// </summary>
    public int? Port { get; init; }

    /// <summary>Directory holding initdb and pg_ctl. Null: pg_config --bindir, then the newest
    /// /usr/lib/postgresql/*/bin, then PATH.</summary>
    public string? BinDirectory { get; init; }

    /// <summary>Database created on start if it does not exist yet.</summary>
    public string Database { get; init; } = "plantracker";

    /// <summary>Locale for initdb. C.UTF-8 sorts by code point and still classifies non-ASCII letters,
    /// which pg_trgm needs to index Chinese text.</summary>
    public string Locale { get; init; } = "C.UTF-8";

    /// <summary>Upper bound for starting the server (pg_ctl start -w) and for it to accept connections.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
