using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace PlanTracker.Integration.Tests.Reliability;

/// <summary>What one request got: status, page, time taken, Retry-After. Status 0: no HTTP answer at all.</summary>
internal sealed record FaultAnswer(int Status, string Body, TimeSpan Took, string? RetryAfter)
{
    public bool IsChineseUnavailablePage => Body.Contains("服务暂时不可用", StringComparison.Ordinal) || Body.Contains("系统繁忙", StringComparison.Ordinal);

    /// <summary>A form post the server carried out: it redirects after the write (an error re-renders with 4xx/5xx).</summary>
    public bool Acknowledged => Status == 302;

    public override string ToString() => $"{Status} in {Took.TotalMilliseconds:0} ms";
}

/// <summary>A signed-in person's browser over HTTP: cookies kept, no redirects followed, forms posted with their token.</summary>
internal sealed partial class FaultSession : IDisposable
{
    public const string DemoPassword = "Demo-PlanTracker-2026";

    private readonly HttpClient _client;

    private FaultSession(Uri baseAddress, TimeSpan timeout)
    {
        _client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = baseAddress,
            Timeout = timeout,
        };
    }

    public static async Task<FaultSession> SignInAsync(Uri baseAddress, string userName, TimeSpan? timeout = null)
    {
        var session = new FaultSession(baseAddress, timeout ?? TimeSpan.FromSeconds(120));
        var form = await session.GetAsync("/account/signin");
        form.Status.Should().Be(200, "the sign-in page opens");
        var signedIn = await session.PostAsync("/account/signin", form.Body, ("UserName", userName), ("Password", DemoPassword));
        signedIn.Status.Should().Be(302, $"{userName} signs in: {signedIn.Body[..Math.Min(400, signedIn.Body.Length)]}");
        return session;
    }

    public Task<FaultAnswer> GetAsync(string path) => SendAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative)));

    /// <summary>Posts with the antiforgery token of <paramref name="page"/> and the RowVersion it carries, if any.</summary>
    public Task<FaultAnswer> PostAsync(string path, string page, params (string Name, string Value)[] fields)
    {
        var form = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", Token().Match(page).Groups[1].Value) };
        if (RowVersion().Match(page) is { Success: true } version && version.Groups[1].Value.Length > 0)
        {
            form.Add(new("RowVersion", version.Groups[1].Value));
        }

        form.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return SendAsync(() => new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new FormUrlEncodedContent(form) });
    }

    /// <summary>Posts files as a browser's upload form does, with the antiforgery token of <paramref name="page"/>.</summary>
    public Task<FaultAnswer> PostMultipartAsync(string path, string page, params (string Field, string FileName, HttpContent Content)[] files) =>
        SendAsync(() =>
        {
            var form = new MultipartFormDataContent { { new StringContent(Token().Match(page).Groups[1].Value), "__RequestVerificationToken" } };
            foreach (var (field, fileName, content) in files)
            {
                form.Add(content, field, fileName);
            }

            return new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = form };
        });

    /// <summary>Opens a task's report form and submits it complete, as a reporter does: the write the fault tests count.</summary>
    public async Task<FaultAnswer> SubmitReportAsync(int period, int task, string marker)
    {
        var entry = $"/progress/{period.ToString(System.Globalization.CultureInfo.InvariantCulture)}/tasks/{task.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        var form = await GetAsync(entry);
        if (form.Status != 200)
        {
            return form;
        }

        var posted = await PostAsync(entry + "/submit", form.Body,
            ("Progress", "OnTrack"), ("PercentComplete", "60"), ("ProgressText", "建成试点园区3个。" + marker), ("Achievements", "带动就业1200人"),
            ("NextSteps", "扩大试点范围"), ("InvestmentWan", "350.5"));
        return posted with { Took = form.Took + posted.Took };
    }

    private async Task<FaultAnswer> SendAsync(Func<HttpRequestMessage> request)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var message = request();
            using var response = await _client.SendAsync(message);
            var body = await response.Content.ReadAsStringAsync();
            return new FaultAnswer((int)response.StatusCode, body, clock.Elapsed, response.Headers.RetryAfter?.ToString());
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return new FaultAnswer(0, ex.Message, clock.Elapsed, null);
        }
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("name=\"RowVersion\" value=\"(\\d*)\"")]
    private static partial Regex RowVersion();
}
