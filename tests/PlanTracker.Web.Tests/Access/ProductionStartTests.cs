using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PlanTracker.Infrastructure.Identity;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Access;

/// <summary>Demo accounts are a development convenience; in Production their published password must stop the app.</summary>
public sealed class ProductionStartTests(PortalFactory development) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Production_WithADemoAccountStillOnTheDemoPassword_RefusesToStart_AndStartsOnceItIsChanged()
    {
        await using var refused = new ProductionInstance(development.ConnectionString);
        var start = () => refused.CreateClient();

        start.Should().Throw<InvalidOperationException>().WithMessage("*Refusing to start in Production*admin*");

        await using (var scope = development.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            foreach (var (userName, _, _, _) in DemoAccounts.All)
            {
                var user = (await users.FindByNameAsync(userName))!;
                await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), "Changed-Password-9" + userName.Length);
            }
        }

        await using var started = new ProductionInstance(development.ConnectionString);
        using var client = started.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        response.IsSuccessStatusCode.Should().BeTrue();
        response.Headers.GetValues("Content-Security-Policy").Should().ContainSingle();

        using var browser = started.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signIn = await PortalFactory.PostSignInAsync(browser, "planner", "Changed-Password-9" + "planner".Length);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-", StringComparison.Ordinal));
        cookie.Should().StartWith("__Host-PlanTracker=").And.Contain("secure").And.Contain("httponly").And.Contain("samesite=strict").And.Contain("path=/");
    }

    private sealed class ProductionInstance(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:PlanTracker", connectionString);
        }
    }
}
