using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanTracker.Domain;
using PlanTracker.Infrastructure.Evaluation;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Cli;

/// <summary>
/// `plantracker export-report --plan ID --year YYYY --format docx|xlsx --out FILE [--unit CODE] [--midterm-to YYYY-MM-DD]`:
/// writes the evaluation report for scheduled runs — the issued one where the report was issued (so a schedule hands out
/// the document of record), else a draft from today's approved data.
/// </summary>
internal static class ExportReportCommand
{
    public const string Usage = "用法 / usage: plantracker export-report --plan ID (--year YYYY | --midterm-to YYYY-MM-DD) --format docx|xlsx --out FILE [--unit CODE]";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CliApplication.DatabaseWork withDatabase, CancellationToken cancellationToken)
    {
        var planText = Option(args, "--plan");
        var yearText = Option(args, "--year");
        var midTermText = Option(args, "--midterm-to");
        var format = Option(args, "--format")?.ToLowerInvariant();
        var outFile = Option(args, "--out");
        var unitCode = Option(args, "--unit");
        if (!int.TryParse(planText, NumberStyles.None, CultureInfo.InvariantCulture, out var planId)
            || (yearText is null) == (midTermText is null)
            || format is not ("docx" or "xlsx")
            || string.IsNullOrWhiteSpace(outFile))
        {
            return CliApplication.Fail(error, CliApplication.BadInput, Usage);
        }

        int year = 0;
        DateOnly midTermTo = default;
        if (yearText is not null && !int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out year))
        {
            return CliApplication.Fail(error, CliApplication.BadInput, $"年份无效 / not a year: {yearText}");
        }

        if (midTermText is not null && !DateOnly.TryParseExact(midTermText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out midTermTo))
        {
            return CliApplication.Fail(error, CliApplication.BadInput, $"日期无效 / not a date (YYYY-MM-DD): {midTermText}");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(outFile!));
        if (directory is not null && !Directory.Exists(directory))
        {
            return CliApplication.Fail(error, CliApplication.BadInput, $"目录不存在 / no such directory: {directory}");
        }

        return await withDatabase(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
            if (plan is null)
            {
                return CliApplication.Fail(error, CliApplication.BadInput, $"规划不存在 / no plan with id {planId}");
            }

            int? unitId = null;
            if (unitCode is not null)
            {
                unitId = await db.Units.AsNoTracking().Where(u => u.Code == unitCode).Select(u => (int?)u.Id).SingleOrDefaultAsync(cancellationToken);
                if (unitId is null)
                {
                    return CliApplication.Fail(error, CliApplication.BadInput, $"未知单位代码 / no unit with code {unitCode}");
                }
            }

            var today = BeijingTime.Today(services.GetRequiredService<TimeProvider>());
            var scope = yearText is not null ? EvaluationScope.Annual(plan, year, today, unitId) : EvaluationScope.MidTerm(plan, midTermTo, today, unitId);
            if (scope.Scope is null)
            {
                return CliApplication.Fail(error, CliApplication.BadInput, scope.Refusal!);
            }

            var reports = services.GetRequiredService<EvaluationReports>();
            byte[] bytes;
            string source;
            if (await reports.IssuedAsync(scope.Scope, cancellationToken) is { } issued)
            {
                bytes = format == "docx" ? issued.Docx : issued.Xlsx;
                source = $"已印发版本 / issued {BeijingTime.Of(issued.IssuedAt):yyyy-MM-dd HH:mm} by {issued.IssuedBy}";
            }
            else
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var result = await reports.FiguresAsync(scope.Scope, cancellationToken);
                if (result.Figures is not { } figures)
                {
                    return CliApplication.Fail(error, CliApplication.BadInput, result.Refusal!);
                }

                bytes = format == "docx" ? EvaluationDocument.Write(figures) : EvaluationAnnex.Write(figures);
                source = $"草稿，依据当前已批准数据 / draft from approved data, {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s";
            }

            await File.WriteAllBytesAsync(outFile!, bytes, cancellationToken);
            output.WriteLine($"{scope.Scope.Title} → {outFile} ({bytes.Length:N0} bytes; {source})");
            return CliApplication.Success;
        });
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
