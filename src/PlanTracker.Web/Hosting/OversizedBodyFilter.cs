using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace PlanTracker.Web.Hosting;

/// <summary>
/// Answers 413 with the Chinese error page when a post declares a body larger than its action accepts
/// (<see cref="RequestSizeLimitAttribute"/>), before anything reads the body. Without it the antiforgery check is
/// the first to read the form, fails on the size, and the sender sees a puzzling "bad request" instead of "too large".
/// </summary>
internal sealed class OversizedBodyFilter : IAuthorizationFilter, IOrderedFilter
{
    /// <summary>Before the antiforgery filter (order 1000) and every other authorization filter.</summary>
    public int Order => -2000;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (request.ContentLength is not long length)
        {
            // A chunked body has no declared length; the server's limit stops it while it is read.
            return;
        }

        var limit = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        if (limit is long max && length > max)
        {
            // The error page must not read the body this filter refused (see OversizedFormFilter.SetAside).
            OversizedFormFilter.SetAside(context.HttpContext);
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
        }
    }
}
