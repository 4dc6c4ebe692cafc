using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.WebUtilities;

namespace PlanTracker.Web.Hosting;

/// <summary>
/// The language a person picked, kept in the localization cookie (<see cref="CookieRequestCultureProvider"/>) so that it
/// holds on the next click: picked by <c>?culture=en</c> (the layout's language links) or by the POST to <c>/culture</c>.
/// </summary>
internal static class CultureChoice
{
    /// <summary>The query key the layout's links carry (the one <see cref="QueryStringRequestCultureProvider"/> reads).</summary>
    public const string QueryKey = "culture";

    public static bool IsSupported(string? culture) => WebServices.SupportedCultures.Any(c => c.Name == culture);

    /// <summary>Writes the cookie: HttpOnly, SameSite Lax (it must come along on a link followed from elsewhere), Secure in production as the session cookie.</summary>
    public static void Remember(HttpContext context, string culture)
    {
        ArgumentNullException.ThrowIfNull(context);
        var production = context.RequestServices.GetRequiredService<IWebHostEnvironment>().IsProduction();
        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                Path = "/",
                HttpOnly = true,
                Secure = production || context.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                IsEssential = true,
            });
    }

    /// <summary>
    /// After request localization: a culture chosen by the query string is remembered in the cookie, unless the cookie
    /// already holds it.
    /// </summary>
    public static Task RememberQueryCultureAsync(HttpContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var feature = context.Features.Get<IRequestCultureFeature>();
        if (feature?.Provider is QueryStringRequestCultureProvider)
        {
            var culture = feature.RequestCulture.UICulture.Name;
            var cookie = context.Request.Cookies[CookieRequestCultureProvider.DefaultCookieName];
            var remembered = cookie is null ? null : CookieRequestCultureProvider.ParseCookieValue(cookie)?.UICultures.FirstOrDefault().Value;
            if (IsSupported(culture) && remembered != culture)
            {
                Remember(context, culture);
            }
        }

        return next();
    }

    /// <summary>The current page's address in another language: its path and query, with <c>culture</c> set to <paramref name="culture"/>.</summary>
    public static string UrlFor(HttpRequest request, string culture)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(q => !string.Equals(q.Key, QueryKey, StringComparison.OrdinalIgnoreCase) && !string.Equals(q.Key, "ui-culture", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new(QueryKey, culture));
        return QueryHelpers.AddQueryString(request.PathBase + request.Path, query);
    }

    /// <summary>Whether the page is shown in English (the layout's <c>&lt;html lang&gt;</c>).</summary>
    public static bool IsEnglish => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);
}
