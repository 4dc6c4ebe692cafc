using Serilog;
using Serilog.Formatting.Compact;

namespace PlanTracker.Web.Hosting;

internal static class LoggingSetup
{
    /// <summary>Plain text for people in development; one JSON object per line for log collectors in production.</summary>
    public static void AddPlanTrackerLogging(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("Application", "PlanTracker");
            if (development)
            {
                logger.WriteTo.Console(
                    outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}",
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
        },
        preserveStaticLogger: true); // the static logger stays the bootstrap one, so several hosts in one process (tests) never freeze it
    }
}
