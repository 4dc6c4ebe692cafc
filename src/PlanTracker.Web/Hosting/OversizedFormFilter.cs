using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace PlanTracker.Web.Hosting;

/// <summary>
/// Reads a posted form before the antiforgery check does, with the action's own form limits, and answers 413 with the
/// Chinese error page when the form breaks them: a value over 4 MB (a pasted book in a comment box), more than 1,024
/// fields, or a body the server stops reading. Without it the antiforgery check meets the failure first and answers a
/// puzzling 400 "request invalid". A form the reader cannot decode (a NUL in a url-encoded value) stays a 400.
/// Declared-length bodies over an action's limit never get here
/// (<see cref="OversizedBodyFilter"/>).
/// </summary>
internal sealed class OversizedFormFilter : IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>After the request-size and form-limit attributes (900) have set the action's limits, before the antiforgery filter (1000).</summary>
    public int Order => 950;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.HttpContext.Request;
        // The error page re-executed for the same request would meet the same form again: it has nothing to read.
        if (context.Result is not null || !HttpMethods.IsPost(request.Method) || !request.HasFormContentType
            || context.HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            return;
        }

        try
        {
            // Read once and kept on the request: model binding and the antiforgery check use the same form.
            await request.ReadFormAsync(context.HttpContext.RequestAborted);
        }
        catch (InvalidDataException exception)
        {
            SetAside(context.HttpContext);
            // The form reader says "… limit N exceeded" for a limit; anything else (a NUL in a url-encoded value) is a
            // malformed form: 400 with the Chinese "request invalid" page, as the antiforgery check would have answered.
            context.Result = new StatusCodeResult(exception.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                ? StatusCodes.Status413PayloadTooLarge
                : StatusCodes.Status400BadRequest);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            SetAside(context.HttpContext);
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
        }
    }

    /// <summary>
    /// An empty form in place of the unreadable one, so that the error page (re-executed on the same request, where MVC
    /// reads the form for its value providers) does not meet the same failure and turn the 413 into a 500.
    /// </summary>
    internal static void SetAside(HttpContext http) => http.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
}
