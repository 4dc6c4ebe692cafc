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

        // A database that is down is not a bug: say so and let the client retry. The Npgsql error may arrive
        // wrapped (EF, the data-protection key ring), so the whole chain is looked at.
        var databaseDown = false;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            databaseDown |= e is NpgsqlException or TimeoutException;
        }

        var status = databaseDown ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;

        // A body over the request limit (Kestrel, found while reading a chunked body) is the sender's doing,
        // not a bug: 413 with a page that says what the limits are.
        if (!databaseDown && exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            status = StatusCodes.Status413PayloadTooLarge;
        }

        Response.StatusCode = status;
        if (databaseDown)
        {
            Response.Headers.RetryAfter = "5";
        }

        return View("Error", new ErrorViewModel(status, Activity.Current?.Id ?? HttpContext.TraceIdentifier));
    }

    [Route("/error/{code:int}")]
    public IActionResult Status([FromRoute] int code)
    {
        Response.StatusCode = code;
        return View("Error", new ErrorViewModel(code, Activity.Current?.Id ?? HttpContext.TraceIdentifier));
    }
}

public sealed record ErrorViewModel(int StatusCode, string RequestId);
