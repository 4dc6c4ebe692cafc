using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PlanTracker.TestSupport;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Access;

/// <summary>Two app instances on one database share data-protection keys, so a sign-in on one is good on the other.</summary>
[Trait(TestCategory.Name, TestCategory.Reliability)]
public sealed class TwoInstancesTests(PortalFactory first) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task SignInOnOneInstance_IsAcceptedByAnother_WithoutStickySessions()
    {
        using var signedIn = await first.SignedInClientAsync("planner", allowAutoRedirect: false);
        var page = await signedIn.GetAsync(new Uri("/plans", UriKind.Relative));
        var cookies = new List<string>();
        await using var second = new SecondInstance(first.ConnectionString);
        using var other = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        // Carry the first instance's cookies by hand, as a load balancer would send them to any instance.
        using var login = first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await PortalFactory.PostSignInAsync(login, "planner", Infrastructure.Identity.DemoAccounts.Password);
        foreach (var header in response.Headers.GetValues("Set-Cookie"))
        {
            cookies.Add(header.Split(';')[0]);
        }

        other.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies));
        var onSecond = await other.GetAsync(new Uri("/plans", UriKind.Relative));

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        onSecond.StatusCode.Should().Be(HttpStatusCode.OK, "the second instance reads the first one's cookie with the shared keys");
        (await onSecond.Content.ReadAsStringAsync()).Should().Contain("规划司 王规划");
        await using var db = SeededDatabase.CreateContext(first.ConnectionString);
        db.DataProtectionKeys.Count().Should().BeGreaterThan(0, "the key ring lives in PostgreSQL, not in one machine's files");
    }

    private sealed class SecondInstance(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:PlanTracker", connectionString);
        }
    }
}
