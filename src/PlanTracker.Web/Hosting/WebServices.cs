using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Infrastructure.Setup;
using PlanTracker.Web.Features.Plans;
using Serilog;

namespace PlanTracker.Web.Hosting;

internal static class WebServices
{
    public static readonly CultureInfo[] SupportedCultures = [new("zh-CN"), new("en")];

    public static IServiceCollection AddPlanTrackerWeb(this IServiceCollection services, string connectionString, IWebHostEnvironment environment, IConfiguration configuration)
    {
        // Access first: it registers the request's scope and audit actor that the infrastructure would otherwise default.
        services.AddPlanTrackerAccess(environment, configuration);
        services.AddPlanTrackerInfrastructure(connectionString);
        services.AddScoped<PlanBrowser>();
        services.AddScoped<StableIdentities>();
        services.AddSingleton<Features.Shared.Figures.DashboardCache>();
        services.AddScoped<Features.Admin.UserAdmin>();
        services.AddScoped<Features.Admin.UnitAdmin>();
        services.AddScoped<Features.Audit.AuditLogReader>();
        Features.PlanDrafts.DraftServices.AddPlanDrafts(services);
        Features.Periods.PeriodServices.Add(services);

        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddSingleton<DomainWords>();

        // Chinese text is written as characters, not as &#x…; entities: smaller pages, readable source, same safety.
        services.AddWebEncoders(options => options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddControllersWithViews(options =>
            {
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                options.Filters.Add(new OversizedBodyFilter());
                options.Filters.Add(new OversizedFormFilter());

                // First, so every string from a form, query or route passes through it (see CleanTextBinder).
                options.ModelBinderProviders.Insert(0, new CleanTextBinderProvider());
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options => options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)))
            .AddRazorOptions(options =>
            {
                // Feature folders: a feature's controller, view models and views live together.
                options.ViewLocationFormats.Clear();
                options.ViewLocationFormats.Add("/Features/{1}/{0}" + RazorViewEngine.ViewExtension);
                options.ViewLocationFormats.Add("/Features/Shared/{0}" + RazorViewEngine.ViewExtension);
                options.ViewLocationExpanders.Add(new FeatureFolderViewLocations());
            });

        Features.Assignments.AssignmentServices.AddAssignmentsAndUnits(services);
        Features.Progress.ProgressServices.Add(services);
        Features.IndicatorValues.IndicatorValueServices.Add(services);
        Features.Indicators.IndicatorServices.Add(services);
        Features.ProgressWorkbook.WorkbookServices.Add(services);
        Features.Completeness.CompletenessServices.Add(services);
        Features.Messages.MessageServices.Add(services);
        Features.Dashboard.DashboardServices.Add(services);
        Features.Warnings.WarningServices.Add(services);
        Features.Adjustments.AdjustmentDraftServices.Add(services);
        Features.TaskDashboard.MonitoringDetailServices.Add(services);
        Features.AdjustmentReport.AdjustmentReportServices.Add(services);
        Features.EvaluationReports.EvaluationReportServices.Add(services);
        Features.AdjustmentDecisions.AdjustmentDecisionServices.Add(services);
        Features.PlanVersions.PlanVersionServices.Add(services);
        services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("postgresql", tags: ["ready"])
            .AddCheck<DurabilityHealthCheck>("durability", tags: ["ready"]);
        return services;
    }

    public static void UsePlanTrackerPipeline(this WebApplication app)
    {
        if (app.Environment.IsProduction())
        {
            app.UseForwardedHeaders();
        }

        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseSerilogRequestLogging(options =>
        {
            // The app's own logger (JSON in production), not the static bootstrap logger.
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                diagnostics.Set("RequestId", http.TraceIdentifier);
                diagnostics.Set("UserName", http.User.Identity?.Name ?? "anonymous");
            };
        });

        app.UseRequestLocalization(options =>
        {
            // Chinese first: the browser's Accept-Language is not consulted; a person picks English explicitly.
            options.DefaultRequestCulture = new RequestCulture("zh-CN");
            options.SupportedCultures = SupportedCultures;
            options.SupportedUICultures = SupportedCultures;
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        app.Use(CultureChoice.RememberQueryCultureAsync);

        app.UseRouting();
        app.UseAuthentication();
        app.Use(SessionCheck.RethrowFailureAsync);
        app.UseAuthorization();
        app.MapStaticAssets().AllowAnonymous();

        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapControllers().WithStaticAssets();
    }
}
