using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PlanTracker.Infrastructure.Identity;
using PlanTracker.TestSupport;
using PlanTracker.Web.Tests.Support;
using Xunit.Abstractions;

namespace PlanTracker.Web.Tests.Abuse;

/// <summary>
/// Guessing passwords over a real port, with the production limit of 10 sign-in attempts a minute per address. Each
/// test sends from its own loopback addresses (127.0.0.N), so the per-address limit of one does not spend another's.
/// <see cref="Access.SignInTests"/> covers the in-process basics; this is the attacker's view from outside.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Abuse)]
public sealed partial class BruteForceTests(BruteForceTests.Portal portal, ITestOutputHelper output) : IClassFixture<BruteForceTests.Portal>
{
    [Fact]
    public async Task Lockout_FiveWrongPasswordsFromFiveAddresses_LockTheAccount_AndTheRightPasswordThenFails()
    {
        await portal.CreateUserAsync("bf-rotating");

        for (var i = 0; i < 5; i++)
        {
            using var guesser = portal.Client($"127.0.0.{11 + i}");
            (await PortalFactory.PostSignInAsync(guesser, "bf-rotating", "Wrong-Guess-" + i)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var owner = portal.Client("127.0.0.16");
        var right = await PortalFactory.PostSignInAsync(owner, "bf-rotating", DemoAccounts.Password);

        right.StatusCode.Should().Be(HttpStatusCode.OK, "a locked account does not sign in, whatever address the guesses came from");
        (await right.Content.ReadAsStringAsync()).Should().Contain(Portal.GenericFailure);
        right.Headers.TryGetValues("Set-Cookie", out var cookies).Should().BeTrue();
        cookies!.Should().NotContain(c => c.StartsWith("PlanTracker.Session=", StringComparison.Ordinal));
        (await owner.GetAsync(new Uri("/plans", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await portal.LockoutEndAsync("bf-rotating")).Should().BeAfter(DateTimeOffset.UtcNow.AddMinutes(14), "Identity locks for 15 minutes");
    }

    [Fact]
    public async Task LockedAccount_AnswersTheRightAndAWrongPassword_AndAnUnknownName_Identically()
    {
        await portal.CreateUserAsync("bf-locked");
        await portal.CreateUserAsync("bf-unlocked");
        using (var guesser = portal.Client("127.0.0.31"))
        {
            for (var i = 0; i < 5; i++)
            {
                await PortalFactory.PostSignInAsync(guesser, "bf-locked", "Wrong-Guess-" + i);
            }
        }

        using var probe = portal.Client("127.0.0.32");
        var answers = new List<(string What, HttpStatusCode Status, string Body, TimeSpan Took)>();
        var hashes = new List<int>();
        foreach (var (what, name, password) in new[]
        {
            ("locked, right password", "bf-locked", DemoAccounts.Password),
            ("locked, wrong password", "bf-locked", "Wrong-Guess-9"),
            ("unknown name", "bf-nobody", "Wrong-Guess-9"),
            ("existing, wrong password", "bf-unlocked", "Wrong-Guess-9"),
            ("locked, right password", "bf-locked", DemoAccounts.Password),
            ("unknown name", "bf-nobody", "Wrong-Guess-9"),
        })
        {
            var form = await probe.GetStringAsync(new Uri("/account/signin", UriKind.Relative));
            var hashed = portal.Hashes;
            var clock = Stopwatch.StartNew();
            var response = await probe.PostAsync(new Uri("/account/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = name,
                ["Password"] = password,
                ["__RequestVerificationToken"] = Support.Antiforgery.TokenIn(form),
            }));
            var body = await response.Content.ReadAsStringAsync();
            clock.Stop();
            hashes.Add(portal.Hashes - hashed);
            answers.Add((what, response.StatusCode, Normalise(body, name), clock.Elapsed));
        }

        foreach (var answer in answers)
        {
            output.WriteLine($"{answer.What}: {(int)answer.Status}, {answer.Body.Length} characters, {answer.Took.TotalMilliseconds:F0} ms");
        }

        answers.Select(a => a.Status).Should().OnlyContain(s => s == HttpStatusCode.OK);
        hashes.Should().Equal(Enumerable.Repeat(1, answers.Count), "every failure, a locked account's too, costs one password hash: the time tells nothing either");
        answers.Select(a => a.Body).Distinct().Should().ContainSingle("the page tells nothing about which accounts exist or are locked");
        answers[0].Body.Should().Contain(Portal.GenericFailure);
    }

    [Fact]
    public async Task RateLimit_TheEleventhAttemptAMinuteFromOneAddressIs429_EvenWithTheRightPassword_WhileAnotherAddressSignsIn()
    {
        await portal.CreateUserAsync("bf-limited");
        using var attacker = portal.Client("127.0.0.41");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await PortalFactory.PostSignInAsync(attacker, "bf-guess-" + i, "Wrong-Guess-1")).StatusCode);
        }

        // A proxy header does not buy another address: the limit is the connection's.
        attacker.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        var eleventh = await PortalFactory.PostSignInAsync(attacker, "bf-limited", DemoAccounts.Password);
        using var neighbour = portal.Client("127.0.0.42");
        var fromElsewhere = await PortalFactory.PostSignInAsync(neighbour, "bf-limited", DemoAccounts.Password);

        statuses.Should().OnlyContain(s => s == HttpStatusCode.OK);
        eleventh.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the right password does not pass the limit either");
        (await eleventh.Content.ReadAsStringAsync()).Should().Contain("登录尝试过于频繁", "the person is told why, in Chinese, not 系统出错");
        eleventh.Headers.RetryAfter.Should().NotBeNull();
        (await attacker.GetAsync(new Uri("/plans", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Redirect, "no session came of it");
        (await attacker.GetAsync(new Uri("/account/signin", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK, "only attempts are limited, not the form");
        fromElsewhere.StatusCode.Should().Be(HttpStatusCode.Redirect, "the limit is per address: the owner elsewhere still signs in");
        (await portal.LockoutEndAsync("bf-limited")).Should().BeNull("the refused attempt never reached the password check");
    }

    /// <summary>The page without what differs by design: the form's token and the name typed into it.</summary>
    private static string Normalise(string html, string userName) => Token().Replace(html, "value=\"(token)\"").Replace(userName, "(name)", StringComparison.Ordinal);

    [GeneratedRegex("value=\"CfDJ8[^\"]*\"")]
    private static partial Regex Token();

    /// <summary>Identity's hasher, counting the verifications (the costly step whose absence a stopwatch would notice).</summary>
    private sealed class CountingHasher(Action counted) : PasswordHasher<AppUser>
    {
        public override PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            counted();
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    /// <summary>The portal on a real port with the production sign-in limit (10 a minute per address).</summary>
    public sealed class Portal : PortalFactory
    {
        public const string GenericFailure = "用户名或密码不正确，或账户已被暂时锁定";

        private string _baseUrl = string.Empty;

        protected override int SignInPermitsPerMinute => 10;

        public override async Task InitializeAsync()
        {
            UseKestrel(0);
            await base.InitializeAsync();
            _baseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        }

        private int _hashes;

        /// <summary>How many password hashes the app has verified so far.</summary>
        public int Hashes => Volatile.Read(ref _hashes);

        public HttpClient Client(string fromAddress) => SweepPortal.ClientTo(_baseUrl, fromAddress);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<AppUser>>(new CountingHasher(() => Interlocked.Increment(ref _hashes))));
        }

        public async Task CreateUserAsync(string userName)
        {
            await using var scope = Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            (await users.CreateAsync(new AppUser { UserName = userName, DisplayName = "暴力破解测试", CreatedAt = DateTimeOffset.UtcNow }, DemoAccounts.Password)).Succeeded.Should().BeTrue();
        }

        public async Task<DateTimeOffset?> LockoutEndAsync(string userName)
        {
            await using var scope = Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            return (await users.FindByNameAsync(userName))!.LockoutEnd;
        }
    }
}
