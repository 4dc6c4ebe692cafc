using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PlanTracker.Infrastructure.Identity;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Access;

public sealed class SignInTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string GenericFailure = "用户名或密码不正确，或账户已被暂时锁定";

    [Fact]
    public async Task AnyPage_Anonymous_RedirectsToSignInWithReturnUrl()
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri("/plans", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.PathAndQuery.Should().Be("/account/signin?ReturnUrl=%2Fplans");
    }

    [Fact]
    public async Task SignIn_Succeeds_WithHttpOnlyStrictCookie_AndShowsTheUsersName()
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var response = await PortalFactory.PostSignInAsync(client, "planner", DemoAccounts.Password);
        var home = await client.GetStringAsync(new Uri("/plans", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("PlanTracker.Session=", StringComparison.Ordinal));
        cookie.Should().Contain("httponly").And.Contain("samesite=strict");
        home.Should().Contain("规划司 王规划").And.Contain("退出");
    }

    [Fact]
    public async Task SignIn_WrongPasswordOrUnknownUser_GetTheSameMessage()
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var wrongPassword = await (await PortalFactory.PostSignInAsync(client, "evaluator", "Wrong-Password-1")).Content.ReadAsStringAsync();
        var unknownUser = await (await PortalFactory.PostSignInAsync(client, "nobody-here", "Wrong-Password-1")).Content.ReadAsStringAsync();

        wrongPassword.Should().Contain(GenericFailure);
        unknownUser.Should().Contain(GenericFailure);
        Message(wrongPassword).Should().Be(Message(unknownUser), "the form must not tell which accounts exist");
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LockTheAccount_EvenAgainstTheRightPassword()
    {
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = "lockout-victim", DisplayName = "锁定测试", CreatedAt = DateTimeOffset.UtcNow };
            (await users.CreateAsync(user, DemoAccounts.Password)).Succeeded.Should().BeTrue();
        }

        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        for (var i = 0; i < 5; i++)
        {
            (await PortalFactory.PostSignInAsync(client, "lockout-victim", "Wrong-Password-" + i)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var right = await PortalFactory.PostSignInAsync(client, "lockout-victim", DemoAccounts.Password);

        right.StatusCode.Should().Be(HttpStatusCode.OK, "a locked account does not sign in");
        (await right.Content.ReadAsStringAsync()).Should().Contain(GenericFailure);
    }

    [Fact]
    public async Task DisabledAccount_CannotSignIn_AndItsOpenSessionEnds()
    {
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            (await users.CreateAsync(new AppUser { UserName = "to-be-disabled", DisplayName = "停用测试", CreatedAt = DateTimeOffset.UtcNow }, DemoAccounts.Password)).Succeeded.Should().BeTrue();
        }

        using var session = await portal.SignedInClientAsync("to-be-disabled", allowAutoRedirect: false);
        (await session.GetAsync(new Uri("/plans", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByNameAsync("to-be-disabled"))!;
            user.IsDisabled = true;
            await users.UpdateAsync(user);
            await users.UpdateSecurityStampAsync(user);
        }

        var afterDisable = await session.GetAsync(new Uri("/plans", UriKind.Relative));
        using var fresh = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signInAgain = await PortalFactory.PostSignInAsync(fresh, "to-be-disabled", DemoAccounts.Password);

        afterDisable.StatusCode.Should().Be(HttpStatusCode.Redirect);
        afterDisable.Headers.Location!.AbsolutePath.Should().Be("/account/signin");
        signInAgain.StatusCode.Should().Be(HttpStatusCode.OK);
        (await signInAgain.Content.ReadAsStringAsync()).Should().Contain(GenericFailure);
    }

    [Fact]
    public async Task SignOut_EndsThisAndEveryOtherSessionOfTheAccount()
    {
        using var laptop = await portal.SignedInClientAsync("sh-reviewer", allowAutoRedirect: false);
        using var phone = await portal.SignedInClientAsync("sh-reviewer", allowAutoRedirect: false);
        var page = await laptop.GetStringAsync(new Uri("/plans", UriKind.Relative));

        var signOut = await laptop.PostAsync(new Uri("/account/signout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Antiforgery.TokenIn(page),
        }));

        signOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await laptop.GetAsync(new Uri("/plans", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await phone.GetAsync(new Uri("/plans", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task SignOut_ByGet_IsNotPossible()
    {
        using var client = await portal.SignedInClientAsync("gd-reviewer", allowAutoRedirect: false);

        var response = await client.GetAsync(new Uri("/account/signout", UriKind.Relative));

        response.StatusCode.Should().NotBe(HttpStatusCode.Redirect);
        (await client.GetAsync(new Uri("/plans", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK, "a GET changes no state");
    }

    [Fact]
    public async Task ChangePassword_WithRightCurrentPassword_ReplacesItAndEndsTheSession()
    {
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            (await users.CreateAsync(new AppUser { UserName = "changes-password", DisplayName = "改密测试", CreatedAt = DateTimeOffset.UtcNow }, DemoAccounts.Password)).Succeeded.Should().BeTrue();
        }

        using var client = await portal.SignedInClientAsync("changes-password", allowAutoRedirect: false);
        var form = await client.GetStringAsync(new Uri("/account/password", UriKind.Relative));
        var tooWeak = await client.PostAsync(new Uri("/account/password", UriKind.Relative), Form(form, DemoAccounts.Password, "short", "short"));
        var changed = await client.PostAsync(new Uri("/account/password", UriKind.Relative), Form(form, DemoAccounts.Password, "Brand-New-Pass-9", "Brand-New-Pass-9"));
        using var fresh = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        (await tooWeak.Content.ReadAsStringAsync()).Should().Contain("密码至少10位");
        changed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await PortalFactory.PostSignInAsync(fresh, "changes-password", DemoAccounts.Password)).StatusCode.Should().Be(HttpStatusCode.OK, "the old password no longer works");
        (await PortalFactory.PostSignInAsync(fresh, "changes-password", "Brand-New-Pass-9")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    private static FormUrlEncodedContent Form(string page, string current, string next, string confirm) => new(new Dictionary<string, string>
    {
        ["CurrentPassword"] = current,
        ["NewPassword"] = next,
        ["ConfirmPassword"] = confirm,
        ["__RequestVerificationToken"] = Antiforgery.TokenIn(page),
    });

    private static string Message(string html)
    {
        var start = html.IndexOf(GenericFailure, StringComparison.Ordinal);
        return html.Substring(start, GenericFailure.Length + 20);
    }
}

public sealed class SignInRateLimitTests(RateLimitedPortalFactory portal) : IClassFixture<RateLimitedPortalFactory>
{
    [Fact]
    public async Task SignIn_MoreThanTenAttemptsAMinuteFromOneAddress_AreRefusedWith429()
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await PortalFactory.PostSignInAsync(client, "nobody-" + i, "Wrong-Password-1")).StatusCode);
        }

        statuses.Take(10).Should().OnlyContain(s => s == HttpStatusCode.OK);
        statuses.Skip(10).Should().OnlyContain(s => s == HttpStatusCode.TooManyRequests);
    }
}
