using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace PlanTracker.Load;

/// <summary>A response as a virtual user sees it: status, where a redirect points, the page text and how long it took.</summary>
public sealed record Page(int Status, string? Location, string Body, double Milliseconds)
{
    public bool IsRedirect => Status is 301 or 302 or 303;

    public bool Ok => Status == 200;
}

/// <summary>
/// One virtual user's browser: its own connections and cookie jar, the headers the ministry's TLS proxy adds (the scheme
/// and the client's own address, so the session cookie is the production one and each user is its own client), no
/// automatic redirects (a write is acknowledged by its redirect). Every request is recorded under its page name.
/// </summary>
public sealed partial class Browser : IDisposable
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _client;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);
    private readonly Recorder _recorder;
    private readonly string _role;

    public Browser(LoadSettings settings, string clientAddress, string role, Recorder recorder)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _recorder = recorder;
        _role = role;
        var handler = settings.Handler?.Invoke() ?? new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        _client = new HttpClient(handler) { BaseAddress = settings.BaseAddress, Timeout = RequestTimeout };
        _client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        _client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        _client.DefaultRequestHeaders.Add("Accept-Language", "zh-CN,zh;q=0.9");
    }

    public Task<Page> GetAsync(string pageName, string path, CancellationToken cancellationToken) =>
        SendAsync(pageName, new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public Task<Page> PostAsync(string pageName, string path, IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken) =>
        SendAsync(pageName, new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) }, cancellationToken);

    /// <summary>Signs in through the form as a person would: the form's antiforgery token, then the POST; true on the redirect.</summary>
    public async Task<bool> SignInAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var form = await GetAsync("GET /account/signin", "/account/signin", cancellationToken);
        if (!form.Ok || Forms.Token(form.Body) is not { } token)
        {
            return false;
        }

        var posted = await PostAsync("POST /account/signin", "/account/signin", [new("UserName", userName), new("Password", password), new("__RequestVerificationToken", token)], cancellationToken);
        return posted.IsRedirect && _cookies.Keys.Any(k => !k.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
    }

    private async Task<Page> SendAsync(string pageName, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value)));
            }

            var started = Stopwatch.GetTimestamp();
            var at = _recorder.Now;
            try
            {
                using var response = await _client.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Remember(response);
                var status = (int)response.StatusCode;
                var location = response.Headers.Location?.OriginalString;
                _recorder.Add(new RequestRecord(at, _role, pageName, status, ms, status == 503 && body.Contains(ChineseUnavailable, StringComparison.Ordinal)));
                return new Page(status, location, body, ms);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // A timeout or a refused connection: the person sees their browser's own error; no status at all.
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                _recorder.Add(new RequestRecord(at, _role, pageName, 0, ms, false));
                return new Page(0, null, string.Empty, ms);
            }
        }
    }

    /// <summary>The title of the app's Chinese "service unavailable" page (Error.Unavailable.Title).</summary>
    public const string ChineseUnavailable = "服务暂时不可用";

    private void Remember(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }

        foreach (var header in values)
        {
            var pair = header.Split(';', 2)[0];
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var name = pair[..eq].Trim();
            var value = pair[(eq + 1)..].Trim();
            var expired = ExpiredPattern().IsMatch(header);
            if (value.Length == 0 || expired)
            {
                _cookies.Remove(name);
            }
            else
            {
                _cookies[name] = value;
            }
        }
    }

    [GeneratedRegex(@"expires=Thu, 01 Jan 1970", RegexOptions.IgnoreCase)]
    private static partial Regex ExpiredPattern();

    public void Dispose() => _client.Dispose();
}

/// <summary>What the load tool reads from the portal's HTML: the antiforgery token, hidden versions, links.</summary>
public static partial class Forms
{
    public static string? Token(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    /// <summary>The RowVersion of the form posting to a path ending in <paramref name="actionSuffix"/> (e.g. "/save"); null when that form is not on the page or the report is new.</summary>
    public static string? RowVersion(string html, string actionSuffix)
    {
        foreach (Match form in FormPattern().Matches(html))
        {
            if (form.Groups[1].Value.EndsWith(actionSuffix, StringComparison.Ordinal))
            {
                return RowVersionPattern().Match(form.Groups[2].Value) is { Success: true } m ? m.Groups[1].Value : string.Empty;
            }
        }

        return null;
    }

    public static bool HasForm(string html, string actionSuffix) => RowVersion(html, actionSuffix) is not null;

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"[^>]*>(.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("name=\"RowVersion\" value=\"(\\d*)\"")]
    private static partial Regex RowVersionPattern();
}
