using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Infrastructure.ScaleData;
using PlanTracker.Infrastructure.Seed;
using PlanTracker.Infrastructure.Setup;

namespace PlanTracker.Cli;

/// <summary>
/// `plantracker generate-scale-data [--plans 10] [--tasks 300] [--periods 20] [--seed 42] [--indicators-per-plan 10]
/// [--today YYYY-MM-DD] [--append]`: fills the database with a national volume of generated plans and reports for
/// load tests (see docs/performance.md). Refuses (exit 1) when generated plans exist, unless --append.
/// </summary>
internal static class GenerateScaleDataCommand
{
    public const string Usage = "用法 / usage: plantracker generate-scale-data [--plans N] [--tasks N] [--periods N] [--seed N] [--indicators-per-plan N] [--today YYYY-MM-DD] [--append]";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CliApplication.DatabaseWork withDatabase, CancellationToken cancellationToken)
    {
        var options = new ScaleDataOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--append")
            {
                options = options with { Append = true };
                continue;
            }

            if (i + 1 >= args.Length)
            {
                return CliApplication.Fail(error, CliApplication.BadInput, name.StartsWith("--", StringComparison.Ordinal) && IsValued(name) ? $"{name} 缺少取值 / needs a value. {Usage}" : $"未知参数 / unknown argument: {name}. {Usage}");
            }

            var value = args[++i];
            if (name == "--today")
            {
                if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var today))
                {
                    return CliApplication.Fail(error, CliApplication.BadInput, $"--today 须为日期 YYYY-MM-DD / must be a date: {value}");
                }

                options = options with { Today = today };
                continue;
            }

            if (!IsValued(name))
            {
                return CliApplication.Fail(error, CliApplication.BadInput, $"未知参数 / unknown argument: {name}. {Usage}");
            }

            if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                return CliApplication.Fail(error, CliApplication.BadInput, $"{name} 须为整数 / must be a whole number: {value}");
            }

            options = name switch
            {
                "--plans" => options with { Plans = number },
                "--tasks" => options with { TasksPerPlan = number },
                "--periods" => options with { Periods = number },
                "--seed" => options with { Seed = number },
                _ => options with { IndicatorsPerPlan = number },
            };
        }

        if (options.Invalid() is { } invalid)
        {
            return CliApplication.Fail(error, CliApplication.BadInput, invalid);
        }

        return await withDatabase(async services =>
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            var generator = new ScaleDataGenerator(services.GetRequiredService<AppDbContext>(), services.GetRequiredService<UnitSeeder>());
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"生成规模数据 / generating: {options.Plans} plans × {options.TasksPerPlan} tasks × units × {options.Periods} quarterly periods, seed {options.Seed}, today {options.Today:yyyy-MM-dd}"));
            ScaleDataSummary summary;
            try
            {
                summary = await generator.GenerateAsync(options, output, cancellationToken);
            }
            catch (ScaleDataExistsException ex)
            {
                return CliApplication.Fail(error, CliApplication.Failure, ex.Message);
            }

            output.WriteLine("表 / table                     行 / rows     秒 / s    行/秒 rows/s");
            foreach (var load in summary.Tables)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{load.Table,-28} {load.Rows,12:N0} {load.Elapsed.TotalSeconds,9:F2} {load.RowsPerSecond,12:N0}"));
            }

            var seconds = summary.Elapsed.TotalSeconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"合计 / total",-28} {summary.TotalRows,12:N0} {seconds,9:F2} {summary.TotalRows / Math.Max(seconds, 0.001),12:N0}"));
            return CliApplication.Success;
        });
    }

    private static bool IsValued(string name) => name is "--plans" or "--tasks" or "--periods" or "--seed" or "--indicators-per-plan" or "--today";
}
