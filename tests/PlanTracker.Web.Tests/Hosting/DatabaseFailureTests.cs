using Microsoft.EntityFrameworkCore;
using Npgsql;
using PlanTracker.Web.Features.Errors;

namespace PlanTracker.Web.Tests.Hosting;

/// <summary>The error page's reading of an exception: the database's condition (503, 507) or a bug (500). docs/reliability.md, "Faults".</summary>
public sealed class DatabaseFailureTests
{
    private static PostgresException Server(string sqlState) => new("message", "ERROR", "ERROR", sqlState);

    [Theory]
    [InlineData("57P01", DatabaseFailureKind.Unavailable)] // admin shutdown: terminating connection due to administrator command
    [InlineData("57P03", DatabaseFailureKind.Unavailable)] // the database system is starting up
    [InlineData("08006", DatabaseFailureKind.Unavailable)] // connection failure
    [InlineData("53300", DatabaseFailureKind.Unavailable)] // too many connections
    [InlineData("57014", DatabaseFailureKind.Busy)] // statement cancelled: the command timeout
    [InlineData("53100", DatabaseFailureKind.StorageFull)] // disk full
    [InlineData("23505", DatabaseFailureKind.None)] // unique violation: a bug or an unhandled race, not an outage
    [InlineData("23514", DatabaseFailureKind.None)] // check violation
    [InlineData("42P01", DatabaseFailureKind.None)] // undefined table
    public void ServerErrors_AreReadBySqlState_EvenWrappedByEf(string sqlState, DatabaseFailureKind expected)
    {
        DatabaseFailure.Classify(Server(sqlState)).Should().Be(expected);
        DatabaseFailure.Classify(new DbUpdateException("saving", Server(sqlState))).Should().Be(expected);
    }

    [Fact]
    public void ClientSideFailures_RefusedSocket_IsUnavailable_ATimeoutIsBusy()
    {
        DatabaseFailure.Classify(new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111))).Should().Be(DatabaseFailureKind.Unavailable);
        DatabaseFailure.Classify(new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt"))).Should().Be(DatabaseFailureKind.Busy);
        DatabaseFailure.Classify(new InvalidOperationException("transient", new NpgsqlException("Exception while reading from stream", new IOException("reset")))).Should().Be(DatabaseFailureKind.Unavailable);
        DatabaseFailure.Classify(new InvalidOperationException("a bug")).Should().Be(DatabaseFailureKind.None);
    }
}
