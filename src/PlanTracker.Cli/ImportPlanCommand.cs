using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using PlanTracker.Domain.PlanImport;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.PlanImport;

namespace PlanTracker.Cli;

/// <summary>`plantracker import-plan FILE [--dry-run] [--json] [--publish]`.</summary>
internal static class ImportPlanCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // Chinese stays readable; the output is not HTML
    };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CliApplication.DatabaseWork withDatabase, CancellationToken cancellationToken)
    {
        var file = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var flags = args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var unknown = flags.Except(["--dry-run", "--json", "--publish"]).ToList();
        if (file.Count != 1 || unknown.Count > 0)
        {
            return CliApplication.Fail(error, CliApplication.BadInput, unknown.Count > 0
                ? $"未知选项 / unknown option: {string.Join(' ', unknown)}"
                : "用法 / usage: plantracker import-plan FILE [--dry-run] [--json] [--publish]");
        }

        var path = file[0];
        if (!File.Exists(path))
        {
            return CliApplication.Fail(error, CliApplication.BadInput, $"文件不存在 / no such file: {path}");
        }

        var info = new FileInfo(path);
        if (info.Length > PlanTextReader.MaxBytes)
        {
            return CliApplication.Fail(error, CliApplication.BadInput, $"文件过大 / file too large: {info.Length / 1024 / 1024.0:0.#} MB（上限 {PlanTextReader.MaxBytes / 1024 / 1024} MB）");
        }

        var read = PlanTextReader.Read(await File.ReadAllBytesAsync(path, cancellationToken));
        if (read.Text is null)
        {
            return CliApplication.Fail(error, CliApplication.BadInput, $"{read.Error}：{path}");
        }

        var json = flags.Contains("--json");
        if (flags.Contains("--dry-run"))
        {
            // A dry run is the parser alone: no database is started or touched.
            var parsed = PlanTextParser.Parse(read.Text);
            if (parsed.Plan is null)
            {
                return CliApplication.Fail(error, CliApplication.BadInput, $"{parsed.Error}：{path}");
            }

            Report(output, parsed.Plan, json, "预览（未保存）/ dry run, nothing stored");
            return CliApplication.Success;
        }

        return await withDatabase(async services =>
        {
            var outcome = await services.GetRequiredService<PlanImportService>().ImportAsync(
                read.Text,
                new PlanImportOptions { Publish = flags.Contains("--publish"), ActorName = "cli:" + Environment.UserName },
                cancellationToken);
            if (outcome.Plan is null)
            {
                return CliApplication.Fail(error, CliApplication.BadInput, $"{outcome.Message}：{path}");
            }

            if (outcome.Result == PlanImportResult.Unchanged)
            {
                if (json)
                {
                    Report(output, outcome.Plan, json, outcome.Message!);
                }
                else
                {
                    output.WriteLine(outcome.Message);
                }

                return CliApplication.Success;
            }

            Report(output, outcome.Plan, json, $"已导入为规划 #{outcome.PlanId} / imported as plan #{outcome.PlanId}");
            return CliApplication.Success;
        });
    }

    private static void Report(TextWriter output, ParsedPlan plan, bool json, string headline)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(ToJson(plan), Json));
            return;
        }

        var all = Flatten(plan.Nodes).ToList();
        output.WriteLine(headline);
        output.WriteLine($"《{plan.Title}》 {plan.DocumentNumber} {plan.Issuer} {plan.IssueDate:yyyy-MM-dd} {plan.StartYear}—{plan.EndYear}");
        output.WriteLine($"章 {plan.Nodes.Count(n => n.Kind == NodeKind.Chapter)}，节 {all.Count(n => n.Kind == NodeKind.Section)}，条目 {all.Count(n => n.Kind == NodeKind.Item)}，专栏 {all.Count(n => n.Kind == NodeKind.SpecialColumn)}，重点任务 {all.Count(n => n.Kind == NodeKind.Task)}，术语 {all.Count(n => n.Kind == NodeKind.GlossaryTerm)}，指标 {plan.Indicators.Count}");
        foreach (var warning in plan.Warnings)
        {
            output.WriteLine($"提示 / warning 第{warning.Line}行: {warning.Message}");
        }
    }

    private static IEnumerable<ParsedNode> Flatten(IEnumerable<ParsedNode> nodes) =>
        nodes.SelectMany(n => Flatten(n.Children).Prepend(n));

    private static object ToJson(ParsedPlan plan) => new
    {
        plan.Title,
        plan.DocumentNumber,
        plan.Issuer,
        IssueDate = plan.IssueDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        plan.StartYear,
        plan.EndYear,
        Nodes = plan.Nodes.Select(ToJson).ToList(),
        Indicators = plan.Indicators.Select(i => new
        {
            i.Category,
            i.Name,
            i.Unit,
            Baseline = i.Baseline?.Text,
            i.BaselineYear,
            Target = i.Target.Text,
            i.TargetYear,
            Nature = i.Nature switch { Domain.Indicators.IndicatorNature.Binding => "约束性", Domain.Indicators.IndicatorNature.Expected => "预期性", _ => null },
        }).ToList(),
        Warnings = plan.Warnings.Select(w => new { w.Line, w.Message }).ToList(),
    };

    private static object ToJson(ParsedNode node) => new
    {
        Kind = node.Kind.ToCode(),
        node.Number,
        node.Title,
        Span = new { node.Span.Start, node.Span.Length },
        Children = node.Children.Select(ToJson).ToList(),
    };
}
