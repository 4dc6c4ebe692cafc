using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using PlanTracker.Infrastructure.Identity;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Infrastructure.PlanImport;
using PlanTracker.Infrastructure.Seed;
using PlanTracker.TestSupport;

namespace PlanTracker.EndToEnd.Tests;

/// <summary>
/// The portal on a real Kestrel port over a seeded PostgreSQL clone, and Debian's Chromium driven by Playwright.
/// `playwright install` cannot download here, so the browser is the system one (PLANTRACKER_CHROMIUM overrides).
/// </summary>
public sealed class PortalInChromium : IAsyncLifetime
{
    private readonly PortalServer _server = new();
    private TestDatabase? _database;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = string.Empty;

    public string ConnectionString => _database!.ConnectionString;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("seeded-e2e", SeedAsync);
        _server.ConnectionString = _database.ConnectionString;
        _server.UseKestrel(0);
        _server.StartServer();
        BaseUrl = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoAccounts>().SeedAsync();
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PLANTRACKER_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _server.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>A fresh page that fails the test on any console error, including a CSP violation.</summary>
    public async Task<(IPage Page, List<string> Errors)> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return (page, errors);
    }

    /// <summary>A fresh page, signed in as <paramref name="userName"/> (a demo account) through the sign-in form.</summary>
    public async Task<(IPage Page, List<string> Errors)> SignedInPageAsync(string userName)
    {
        var (page, errors) = await NewPageAsync();
        await SignInAsync(page, userName, DemoAccounts.Password);
        await Assertions.Expect(page.Locator(".account")).ToBeVisibleAsync();
        return (page, errors);
    }

    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(password);
        await page.Locator("form.form button[type=submit]").ClickAsync();
    }

    private static async Task SeedAsync(string connectionString)
    {
        await using var db = AppDbContextOptions.Create(connectionString);
        await db.Database.MigrateAsync();
        var importer = new PlanImportService(db, TimeProvider.System, NullLogger<PlanImportService>.Instance);
        await new DemoSeeder(db, new UnitSeeder(db), importer, NullLogger<DemoSeeder>.Instance).SeedAsync();
    }

    private sealed class PortalServer : WebApplicationFactory<Program>
    {
        public string ConnectionString { get; set; } = string.Empty;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:PlanTracker", ConnectionString);

            // Every test signs in from the same address; the production limit (10 a minute) is tested elsewhere.
            builder.UseSetting("Security:SignInPermitsPerMinute", "1000");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalInChromium>
{
    public const string Name = "portal in Chromium";
}
