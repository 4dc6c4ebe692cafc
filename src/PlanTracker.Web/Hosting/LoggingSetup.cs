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
                // A failed command reaches the error handler as an exception, logged there with the request id;
                // EF's own line would also report, as an error, its expected probe of the history table on a new database.
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Command", Serilog.Events.LogEventLevel.Fatal)
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
