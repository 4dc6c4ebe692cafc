using System.Globalization;
using System.Text.Json;

namespace PlanTracker.Infrastructure.Evaluation;

/// <summary>
/// What has changed in the figures since a report was issued: the issued figures (kept as JSON) against those read
/// today for the same window. Each line names the section, the subject and the figure before and after, in Chinese.
/// </summary>
public static class FiguresComparison
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static string ToJson(EvaluationFigures figures) => JsonSerializer.Serialize(figures, Json);

    public static EvaluationFigures FromJson(string json) =>
        JsonSerializer.Deserialize<EvaluationFigures>(json, Json) ?? throw new InvalidOperationException("The issued figures could not be read.");

    public static IReadOnlyList<FigureChange> Compare(EvaluationFigures issued, EvaluationFigures now)
    {
        ArgumentNullException.ThrowIfNull(issued);
        ArgumentNullException.ThrowIfNull(now);
        var changes = new List<FigureChange>();
        void Add(string section, string subject, object? before, object? after)
        {
            var b = Text(before);
            var a = Text(after);
            if (b != a)
            {
                changes.Add(new FigureChange(section, subject, b, a));
            }
        }

        Add("总体进展", "重点任务（项）", issued.Overview.Tasks, now.Overview.Tasks);
        Add("总体进展", "已完成", issued.Overview.TasksCompleted, now.Overview.TasksCompleted);
        Add("总体进展", "符合或快于预期", issued.Overview.TasksOnTrack, now.Overview.TasksOnTrack);
        Add("总体进展", "滞后", issued.Overview.TasksBehind, now.Overview.TasksBehind);
        Add("总体进展", "严重滞后", issued.Overview.TasksSeriouslyBehind, now.Overview.TasksSeriouslyBehind);
        Add("总体进展", "已报送进展报告（份）", issued.Overview.ReportsSubmitted, now.Overview.ReportsSubmitted);
        Add("总体进展", "已批准进展报告（份）", issued.Overview.ReportsApproved, now.Overview.ReportsApproved);
        Add("总体进展", "投入资金（万元）", issued.Overview.InvestmentWan, now.Overview.InvestmentWan);

        var indicatorsNow = now.Indicators.ToDictionary(i => i.Key);
        foreach (var was in issued.Indicators)
        {
            if (!indicatorsNow.TryGetValue(was.Key, out var current))
            {
                changes.Add(new FigureChange("主要指标", was.Name, "列入报告", "已不在规划中"));
                continue;
            }

            Add("主要指标", $"{was.Name} 目标值", was.TargetText, current.TargetText);
            var years = was.Years.Select(y => y.Year).Union(current.Years.Select(y => y.Year)).Order();
            foreach (var year in years)
            {
                Add("主要指标", $"{was.Name} {year}年", was.Years.FirstOrDefault(y => y.Year == year)?.Value, current.Years.FirstOrDefault(y => y.Year == year)?.Value);
            }

            Add("主要指标", $"{was.Name} 评价", was.VerdictText, current.VerdictText);
        }

        var tasksNow = now.Chapters.SelectMany(c => c.Tasks).ToDictionary(t => t.Key);
        foreach (var was in issued.Chapters.SelectMany(c => c.Tasks))
        {
            if (tasksNow.TryGetValue(was.Key, out var current))
            {
                Add("重点任务", $"{was.Label} 完成比例（%）", was.Percent, current.Percent);
                Add("重点任务", $"{was.Label} 状态", was.StatusText, current.StatusText);
            }
        }

        var unitsNow = now.Units.ToDictionary(u => u.UnitId);
        foreach (var was in issued.Units)
        {
            if (unitsNow.TryGetValue(was.UnitId, out var current))
            {
                Add("分地区", $"{was.Name} 平均完成比例（%）", was.MeanPercent, current.MeanPercent);
                Add("分地区", $"{was.Name} 已报送", was.ReportsSubmitted, current.ReportsSubmitted);
            }
        }

        return changes;
    }

    private static string Text(object? value) => value switch
    {
        null => "—",
        decimal d => d.ToString("0.####", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "—",
    };
}

public sealed record FigureChange(string Section, string Subject, string Before, string After);
