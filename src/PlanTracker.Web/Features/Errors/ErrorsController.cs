using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace PlanTracker.Web.Features.Errors;

/// <summary>Friendly error pages in the reader's language; the details go to the log under the request id.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
[IgnoreAntiforgeryToken]
[AllowAnonymous]
public sealed class ErrorsController : Controller
{
    [Route("/error")]
    public IActionResult Error()
    {
        var exception = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (exception is null)
        {
            // Opened by hand, not reached through a failure: there is nothing to report.
            return Status(StatusCodes.Status404NotFound);
        }

        // A database that is down, slow or full is not a bug: say which, and let the client retry.
        var database = DatabaseFailure.Classify(exception);
        var status = database switch
        {
            DatabaseFailureKind.Unavailable or DatabaseFailureKind.Busy => StatusCodes.Status503ServiceUnavailable,
            DatabaseFailureKind.StorageFull => StatusCodes.Status507InsufficientStorage,
            _ => StatusCodes.Status500InternalServerError,
        };

        // A body over the request limit (Kestrel, found while reading a chunked body) is the sender's doing,
        // not a bug: 413 with a page that says what the limits are.
        if (database == DatabaseFailureKind.None && exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            status = StatusCodes.Status413PayloadTooLarge;
        }

        Response.StatusCode = status;
        if (database != DatabaseFailureKind.None)
        {
            Response.Headers.RetryAfter = "5";
        }

        if (database == DatabaseFailureKind.Unavailable)
        {
            // Idle pooled connections to a server that went away are dead sockets: without this each would fail one
            // more request after PostgreSQL is back. Cleared, the next request opens a fresh connection (docs/reliability.md).
            NpgsqlConnection.ClearAllPools();
        }

        var variant = database switch
        {
            DatabaseFailureKind.Busy => "Busy",
            DatabaseFailureKind.StorageFull => "StorageFull",
            _ => null,
        };
        return View("Error", new ErrorViewModel(status, Activity.Current?.Id ?? HttpContext.TraceIdentifier) { Variant = variant });
    }

    [Route("/error/{code:int}")]
    public IActionResult Status([FromRoute] int code)
    {
        Response.StatusCode = code;
        return View("Error", new ErrorViewModel(code, Activity.Current?.Id ?? HttpContext.TraceIdentifier));
    }
}

public sealed record ErrorViewModel(int StatusCode, string RequestId)
{
    /// <summary>A more precise page for the status: "Busy" (a database timeout, 503), "StorageFull" (507).</summary>
    public string? Variant { get; init; }
}
