using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using PlanTracker.Cli;

namespace PlanTracker.Integration.Tests.Reliability;

/// <summary>
/// The portal as an operator runs it: the built PlanTracker.Web.dll started with <c>dotnet</c> as a process of its own,
/// in the Production environment on a free loopback port, over a configured database. Killed (with its children) on dispose.
/// </summary>
internal sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private PortalProcess(Process process, Uri address, string name)
    {
        _process = process;
        Address = address;
        Name = name;
    }

    public Uri Address { get; }

    public string Name { get; }

    /// <summary>What the process wrote so far (for a failing assertion's message).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<PortalProcess> StartAsync(string name, string connectionString, params (string Key, string Value)[] settings)
    {
        var dll = FaultPortal.WebDll();
        var port = FaultPortal.FreePort();
        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Urls"] = address.ToString().TrimEnd('/');
        start.Environment["ConnectionStrings__PlanTracker"] = connectionString;
        // The daily warning scan would judge every plan at start-up on the machine's two shared cores; it is not under test.
        start.Environment["Monitoring__DailyScan"] = "false";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var portal = new PortalProcess(process, address, name);
        process.OutputDataReceived += (_, e) => portal.Append(e.Data);
        process.ErrorDataReceived += (_, e) => portal.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await portal.WaitUntilReadyAsync();
        return portal;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The portal process {Name} stopped while starting ({_process.ExitCode}):{Environment.NewLine}{Log}");
            }

            try
            {
                if ((await http.GetAsync(new Uri(Address, "/health/ready"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The portal process {Name} did not become ready within 120 s:{Environment.NewLine}{Log}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}

/// <summary>
/// One person's browser in front of several instances with no sticky sessions: it keeps its cookies itself and sends
/// every request, to whichever instance, with them — and with the header the ministry's TLS proxy adds
/// (X-Forwarded-Proto: https), so the Secure __Host- cookie of Production is issued and accepted.
/// </summary>
internal sealed partial class PortalVisitor(string? address = null) : IDisposable
{
    private static int _visitors;
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    public const string SessionCookie = "__Host-PlanTracker";

    public bool HasSession => _cookies.ContainsKey(SessionCookie);

    /// <summary>The client address the TLS proxy forwards for this visitor: its own unless one is given.</summary>
    public string Address { get; } = address ?? NextAddress();

    public async Task<HttpResponseMessage> GetAsync(PortalProcess at, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(at.Address, path));
        return await SendAsync(request);
    }

    /// <summary>GET that must answer 200; returns the page.</summary>
    public async Task<string> PageAsync(PortalProcess at, string path)
    {
        using var response = await GetAsync(at, path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"GET {path} on {at.Name}");
        return body;
    }

    public async Task<HttpResponseMessage> PostAsync(PortalProcess at, string path, string token, params (string Name, string Value)[] fields)
    {
        var form = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token) };
        form.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(at.Address, path)) { Content = new FormUrlEncodedContent(form) };
        return await SendAsync(request);
    }

    /// <summary>Opens the sign-in form on <paramref name="formFrom"/> and posts it to <paramref name="postTo"/>; true when a session cookie came back.</summary>
    public async Task<HttpResponseMessage> SignInAsync(PortalProcess formFrom, PortalProcess postTo, string userName, string password)
    {
        var form = await PageAsync(formFrom, "/account/signin");
        return await PostAsync(postTo, "/account/signin", TokenIn(form), ("UserName", userName), ("Password", password));
    }

    public static string TokenIn(string html)
    {
        var match = Token().Match(html);
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException("The page has no antiforgery token.");
    }

    public void Dispose() => _http.Dispose();

    private static string NextAddress()
    {
        var n = Interlocked.Increment(ref _visitors);
        return $"10.20.{n / 250}.{(n % 250) + 1}";
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", Address);
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value)));
        }

        var response = await _http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                var pair = header.Split(';')[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = pair[..equals].Trim();
                var value = pair[(equals + 1)..].Trim();
                var expired = ExpiresInThePast().IsMatch(header);
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

        return response;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("expires=[^;]*19[0-9]{2}", RegexOptions.IgnoreCase)]
    private static partial Regex ExpiresInThePast();
}

/// <summary>Accounts and data for the process tests, made the way an administrator makes them: with the command line.</summary>
internal static class PortalAccounts
{
    public const string Password = "Twins-Password-2026";

    public static async Task RunCliAsync(string connectionString, params string[] args) => await RunCliWithInputAsync(connectionString, null, args);

    public static async Task RunCliWithInputAsync(string connectionString, string? input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(input ?? string.Empty);
        var code = await CliApplication.RunAsync(args, output, error, CancellationToken.None, connectionString, reader);
        code.Should().Be(CliApplication.Success, $"plantracker {string.Join(' ', args)}: {error}");
    }

    public static Task AddUserAsync(string connectionString, string userName, string role, string? unitCode = null) =>
        unitCode is null
            ? RunCliWithInputAsync(connectionString, Password, "add-user", userName, "--role", role)
            : RunCliWithInputAsync(connectionString, Password, "add-user", userName, "--role", role, "--unit", unitCode);
}
