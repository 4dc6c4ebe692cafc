using PlanTracker.Web.Hosting;
using Serilog;

Log.Logger = new LoggerConfiguration().WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture).CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddPlanTrackerLogging();
    var database = await PlanTrackerDatabase.ResolveAsync(builder.Configuration, builder.Environment, CancellationToken.None);
    builder.Services.AddPlanTrackerWeb(database.ConnectionString, builder.Environment, builder.Configuration);

    var app = builder.Build();
    await app.PrepareDatabaseAsync(database);
    app.UsePlanTrackerPipeline();
    await app.RunAsync();
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "PlanTracker stopped: {Reason}", ex.Message);
    throw;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Entry point; public so that WebApplicationFactory can start the app in tests.</summary>
public partial class Program;
