using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PlanTracker.Infrastructure.Identity;
using PlanTracker.TestSupport;

namespace PlanTracker.Web.Tests.Support;

/// <summary>The portal in-process over its own seeded PostgreSQL database (one per test class).</summary>
public class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Sign-ins a minute from one address; every test signs in, so the tests raise the production limit of 10.</summary>
    protected virtual int SignInPermitsPerMinute => 1000;

    private TestDatabase? _database;

    public string ConnectionString => _database?.ConnectionString ?? throw new InvalidOperationException("Not initialised.");

    public virtual async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();

        // The demo accounts (one per role; reporters and reviewers for 北京, 上海, 广东, 深圳) sign in through the real form.
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoAccounts>().SeedAsync();
    }

    /// <summary>The database the portal serves: the seeded new install unless a subclass brings its own.</summary>
    protected virtual Task<TestDatabase> CreateDatabaseAsync() => SeededDatabase.CreateAsync();

    /// <summary>A client signed in as <paramref name="userName"/> through the sign-in form, its cookies kept.</summary>
    public async Task<HttpClient> SignedInClientAsync(string userName, bool allowAutoRedirect = true)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = allowAutoRedirect, HandleCookies = true });
        var response = await PostSignInAsync(client, userName, DemoAccounts.Password);
        var signedIn = allowAutoRedirect
            ? response.RequestMessage!.RequestUri!.AbsolutePath != "/account/signin"
            : response.StatusCode == System.Net.HttpStatusCode.Redirect;
        return signedIn ? client : throw new InvalidOperationException($"Signing in as {userName} failed: {(int)response.StatusCode}");
    }

    /// <summary>Posts the sign-in form with the antiforgery token the form carries.</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string userName, string password)
    {
        var form = await client.GetStringAsync(new Uri("/account/signin", UriKind.Relative));
        return await client.PostAsync(new Uri("/account/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = Antiforgery.TokenIn(form),
        }));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:PlanTracker", ConnectionString);
        builder.UseSetting("Security:SignInPermitsPerMinute", SignInPermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>The portal with the production limit on sign-in attempts.</summary>
public sealed class RateLimitedPortalFactory : PortalFactory
{
    protected override int SignInPermitsPerMinute => 10;
}

/// <summary>The portal pointed at a PostgreSQL that does not answer, to see how it fails.</summary>
public sealed class UnreachableDatabasePortalFactory : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:PlanTracker", "Host=127.0.0.1;Port=1;Database=nowhere;Username=postgres;Timeout=2;Pooling=false");
    }
}
