using PlanTracker.Domain.Messages;
using PlanTracker.Web.Features.Messages;

namespace PlanTracker.Web.Features.Progress;

/// <summary>
/// The messages a unit gets when the ministry returns or reopens one of its reports. They are written in Chinese,
/// whatever the planner's language, as the ministry's documents are.
/// </summary>
public static class ReportNotices
{
    /// <summary>A reopening's reason is kept on the timeline and sent in a message: a paragraph, not a document.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>Which report a notice is about, in words: the unit, the period and the task.</summary>
    public sealed record About(int UnitId, int PeriodId, string PeriodLabel, string TaskLabel)
    {
        public static About Of(ReportContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            return new(context.UnitId, context.PeriodId, context.PeriodLabel, context.TaskLabel);
        }
    }

    public static UnitNotice Returned(About about, string reason)
    {
        ArgumentNullException.ThrowIfNull(about);
        return new(
            about.UnitId,
            MessageKind.ReportReturned,
            about.PeriodId,
            $"报告被退回：{about.TaskLabel}（{about.PeriodLabel}）",
            $"规划司退回了贵单位“{about.TaskLabel}”{about.PeriodLabel}的进展报告，请修改后重新报送。\n退回理由：{reason}");
    }

    public static UnitNotice Reopened(About about, string reason)
    {
        ArgumentNullException.ThrowIfNull(about);
        return new(
            about.UnitId,
            MessageKind.ReportReturned,
            about.PeriodId,
            $"报告已重新开放：{about.TaskLabel}（{about.PeriodLabel}）",
            $"规划司重新开放了贵单位“{about.TaskLabel}”{about.PeriodLabel}的进展报告，贵单位可以修改、补充佐证材料后重新报送。\n重新开放理由：{reason}");
    }
}
