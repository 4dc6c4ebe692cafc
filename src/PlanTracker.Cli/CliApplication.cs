using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PlanTracker.Infrastructure.Identity;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Infrastructure.PlanImport;
using PlanTracker.Infrastructure.Seed;
using PlanTracker.Infrastructure.Setup;

namespace PlanTracker.Cli;

/// <summary>
/// The administrators' command line. Exit codes: 0 success, 1 an unexpected failure (e.g. the database is
/// unreachable), 2 bad input or usage — always with a one-line reason, never a stack trace.
/// </summary>
public static class CliApplication
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    public const string Usage = """
        用法 / usage: plantracker <command> [options]

          migrate                               apply the database migrations
          import-plan FILE [--dry-run] [--json] [--publish]
                                                import a plan text (UTF-8). --dry-run parses only and stores nothing
                                                (no database needed); --json prints the parsed plan as JSON;
                                                --publish publishes it as version 1 at once
          seed-demo                             add the unit tree and the shipped plan where missing
          add-user USERNAME --role ROLE [--unit CODE] [--name NAME]
                                                create an account (e.g. the first administrator); the password
                                                comes from PLANTRACKER_NEW_PASSWORD or standard input
          generate-scale-data [--plans 10] [--tasks 300] [--periods 20] [--seed 42] [--indicators-per-plan 10]
                              [--today YYYY-MM-DD] [--append]
                                                fill the database with generated plans, reports and indicator values
                                                for load tests (binary COPY); refuses if generated plans exist,
                                                unless --append
          export-report --plan ID (--year YYYY | --midterm-to YYYY-MM-DD) --format docx|xlsx --out FILE [--unit CODE]
                                                write the annual (or mid-term, or one unit's) evaluation report:
                                                the issued document where it was issued, else a draft from today's
                                                approved data
          backup --out FILE                     pg_dump of the portal database (one snapshot; evidence files and the
                                                audit log included) and FILE.manifest.json with every table's row
                                                count and checksum
          restore --from FILE --into CONNECTION
                                                restore a backup into an empty (or missing) database, then check
                                                every table against the manifest and the migrations against this
                                                build; exit code 0 only when they all agree

        The database is ConnectionStrings__PlanTracker from the environment (or appsettings.json beside the tool);
        with none, the embedded PostgreSQL cluster under the repository (.plantracker/pgdata) is started.
        """;

    /// <param name="connectionString">Overrides the configured database (tests pass their throwaway database here).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken, string? connectionString = null, TextReader? input = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? BadInput : Success;
        }

        Task<int> WithDatabase(Func<IServiceProvider, Task<int>> work) => WithDatabaseAsync(connectionString, cancellationToken, work);

        try
        {
            return args[0] switch
            {
                "migrate" => await WithDatabase(async services =>
                {
                    await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
                    output.WriteLine("数据库结构已是最新 / database schema is current");
                    return Success;
                }),
                "seed-demo" => await WithDatabase(async services =>
                {
                    await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
                    await services.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
                    output.WriteLine("演示数据已就绪 / demo data ready");
                    return Success;
                }),
                "import-plan" => await ImportPlanCommand.RunAsync(args[1..], output, error, WithDatabase, cancellationToken),
                "generate-scale-data" => await GenerateScaleDataCommand.RunAsync(args[1..], output, error, WithDatabase, cancellationToken),
                "export-report" => await ExportReportCommand.RunAsync(args[1..], output, error, WithDatabase, cancellationToken),
                "backup" => await BackupCommands.BackupAsync(args[1..], output, error, WithDatabase, cancellationToken),
                "restore" => await BackupCommands.RestoreAsync(args[1..], output, error, cancellationToken),
                "add-user" => await AddUserCommand.RunAsync(args[1..], output, error, input ?? Console.In, WithDatabase, cancellationToken),
                _ => Fail(error, BadInput, $"未知命令 / unknown command: {args[0]}（plantracker --help 查看用法）"),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An administrator needs the reason, not a stack trace; the log level can be raised for details.
            return Fail(error, Failure, $"失败 / failed: {ex.GetBaseException().Message}");
        }
    }

    internal static int Fail(TextWriter error, int code, string message)
    {
        error.WriteLine(message);
        return code;
    }

    /// <summary>Runs a piece of work with the database services, starting (and afterwards stopping) the embedded cluster if that is the database.</summary>
    internal delegate Task<int> DatabaseWork(Func<IServiceProvider, Task<int>> work);

    private static async Task<int> WithDatabaseAsync(string? connectionString, CancellationToken cancellationToken, Func<IServiceProvider, Task<int>> work)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, DisableDefaults = false });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(options => options.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
        var startDirectory = FindRepositoryDirectory();
        var database = await ResolvedDatabase.ResolveAsync(
            connectionString ?? builder.Configuration.GetConnectionString("PlanTracker"),
            builder.Configuration["LocalPostgres:DataDirectory"],
            startDirectory,
            loggerFactory.CreateLogger("PlanTracker.Database"),
            cancellationToken);
        try
        {
            builder.Services.AddPlanTrackerInfrastructure(database.ConnectionString);
            builder.Services.AddIdentityCore<AppUser>(AccountPolicy.Apply).AddRoles<IdentityRole>().AddEntityFrameworkStores<AppDbContext>();
            using var host = builder.Build();
            await using var scope = host.Services.CreateAsyncScope();
            return await work(scope.ServiceProvider);
        }
        finally
        {
            // The portal may be running on the same embedded cluster: stop it only if this command started it.
            await database.StopEmbeddedAsync(onlyIfStartedHere: true);
        }
    }

    /// <summary>The embedded cluster lives beside PlanTracker.sln: look from where the tool is run, then from where it is installed.</summary>
    private static string FindRepositoryDirectory()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PlanTracker.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return Environment.CurrentDirectory;
    }
}
