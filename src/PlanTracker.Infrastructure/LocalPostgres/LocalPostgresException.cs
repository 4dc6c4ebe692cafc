namespace PlanTracker.Infrastructure.LocalPostgres;

/// <summary>The local PostgreSQL cluster could not be created, started or stopped.</summary>
public sealed class LocalPostgresException : Exception
{
    public LocalPostgresException()
    {
    }

    public LocalPostgresException(string message)
        : base(message)
    {
    }

    public LocalPostgresException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
