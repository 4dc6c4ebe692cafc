using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using PlanTracker.Domain.Access;
using PlanTracker.Infrastructure.Auditing;
using PlanTracker.Infrastructure.Identity;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Web.Hosting;

/// <summary>Sign-in, sessions, roles, scoping and the headers that protect them.</summary>
internal static class AccessSetup
{
    /// <summary>How long a session lives without a request, and at most.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan AbsoluteTimeout = TimeSpan.FromHours(10);

    public static IServiceCollection AddPlanTrackerAccess(this IServiceCollection services, IWebHostEnvironment environment, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddScoped<IAuditActor>(sp => sp.GetRequiredService<CurrentUser>());
        services.AddScoped<IDataScopeSource>(sp => sp.GetRequiredService<CurrentUser>());

        services.AddIdentity<AppUser, IdentityRole>(AccountPolicy.Apply)
            .AddEntityFrameworkStores<AppDbContext>()
            .AddClaimsPrincipalFactory<PlanTrackerClaimsFactory>()
            .AddDefaultTokenProviders();
        services.AddScoped<DemoAccounts>();
        services.AddScoped<PlanTracker.Web.Features.Account.SignInService>();
        services.AddScoped<PlanTracker.Web.Features.Account.SignInRateLimit>();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = environment.IsProduction() ? "__Host-PlanTracker" : "PlanTracker.Session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.Path = "/";
            options.Cookie.SecurePolicy = environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = IdleTimeout;
            options.SlidingExpiration = true;
            options.LoginPath = "/account/signin";
            options.LogoutPath = "/account/signout";
            options.AccessDeniedPath = "/account/denied";
            // A signed-in person without the right gets a plain 403 (and the Chinese 403 page), not a redirect.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            // Every request re-checks the account (one query): signing out elsewhere, a password reset, a role change or
            // disabling the account ends the session at its next request rather than after a grace period.
            options.Events.OnValidatePrincipal = SessionCheck.ValidateAsync;
        });

        services.AddAuthorization(Policies.Add);

        // Keys in PostgreSQL: every instance behind the load balancer reads the same cookies and antiforgery tokens.
        services.AddDataProtection().SetApplicationName("PlanTracker").PersistKeysToDbContext<AppDbContext>();

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Behind the ministry's TLS proxy: take the client address and scheme it forwards (loopback proxies are trusted by default).
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        });
        return services;
    }
}
