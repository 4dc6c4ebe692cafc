using System.Collections.Frozen;
using System.Globalization;
using Microsoft.Extensions.Localization;
using PlanTracker.Domain;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Messages;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Domain.Units;

namespace PlanTracker.Web.Hosting;

/// <summary>
/// The one place the portal words what the domain says as codes and fields: enum values (a period's kind, a report's
/// status, a change kind, a verdict, a colour…), period names and reasons, in the reader's language, through
/// Resources/SharedResource*.resx. Views get it as <c>Words</c>; services inject it.
/// </summary>
public sealed class DomainWords(IStringLocalizer<SharedResource> localizer)
{
    /// <summary>
    /// The resource key prefix of each enum the UI shows: <c>{prefix}.{value}</c>. An enum not listed uses its type name.
    /// </summary>
    public static readonly FrozenDictionary<Type, string> Prefixes = new Dictionary<Type, string>
    {
        [typeof(NodeKind)] = "NodeKind",
        [typeof(PlanStatus)] = "PlanStatus",
        [typeof(PlanVersionStatus)] = "VersionStatus",
        [typeof(IndicatorNature)] = "IndicatorNature",
        [typeof(UnitKind)] = "Units.Kind",
        [typeof(PeriodKind)] = "Periods.Kind",
        [typeof(PeriodStatus)] = "Periods.Status",
        [typeof(PeriodRefusal)] = "Periods.Refusal",
        [typeof(ReportStatus)] = "Progress.Status",
        [typeof(MessageKind)] = "Messages.Kind",
        [typeof(StatusColour)] = "Dashboard.Colour",
        [typeof(IndicatorVerdict)] = "Verdict",
        [typeof(AdjustmentStatus)] = "Proposals.Status",
        [typeof(AdjustmentChangeKind)] = "ChangeKind",
        [typeof(AdjustmentEvidenceKind)] = "Proposals.EvidenceKind",
        [typeof(VersionChangeKind)] = "VersionChange",
    }.ToFrozenDictionary();

    /// <summary>The word for an enum value, e.g. <c>PeriodStatus.Open</c> → 填报中 / Open.</summary>
    public string Of(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return localizer[KeyOf(value)].Value;
    }

    public static string KeyOf(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var type = value.GetType();
        return (Prefixes.TryGetValue(type, out var prefix) ? prefix : type.Name) + "." + value.ToString();
    }

    /// <summary>A period's name: 2015年度 / 2015, 2013年第三季度 / Q3 2013.</summary>
    public string Period(PeriodName name) => name.Kind switch
    {
        PeriodKind.Annual => localizer["Period.Annual", Year(name.Year)].Value,
        PeriodKind.HalfYear => localizer["Period.HalfYear." + name.Sequence.ToString(CultureInfo.InvariantCulture), Year(name.Year)].Value,
        _ => localizer["Period.Quarter." + name.Sequence.ToString(CultureInfo.InvariantCulture), Year(name.Year)].Value,
    };

    /// <summary>
    /// A period's name from its stored (Chinese) label, for reads that carry only the label; a label the schedule did
    /// not write is shown as it is.
    /// </summary>
    public string Period(string? label) =>
        PeriodName.TryParse(label, out var name) ? Period(name) : label ?? string.Empty;

    /// <summary>
    /// A period's name for the page's text: worded when the schedule wrote the label; otherwise the planner's own label,
    /// marked as the plan's words are (<see cref="PlanTextTagHelper.Wrap"/>).
    /// </summary>
    public Microsoft.AspNetCore.Html.IHtmlContent PeriodText(string? label) =>
        PeriodName.TryParse(label, out var name)
            ? new Microsoft.AspNetCore.Html.HtmlContentBuilder().Append(Period(name))
            : PlanTextTagHelper.Wrap(label ?? string.Empty);

    /// <summary>A reason the domain gave (a code and its arguments) as a sentence; enum and period arguments are worded too.</summary>
    public string Of(Reason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        object[] arguments = [.. reason.Arguments.Select(a => Argument(a) ?? string.Empty)];
        return localizer[KeyOf(reason.Code), arguments].Value;
    }

    public IReadOnlyList<string> Of(IEnumerable<Reason> reasons) => [.. reasons.Select(Of)];

    private object? Argument(object? argument) => argument switch
    {
        Reason inner => Of(inner),
        Enum value => Of(value),
        PeriodName name => Period(name),
        _ => argument,
    };

    /// <summary>A label before its value: 截止日期：… / Due date: ….</summary>
    public string Labelled(string label) => localizer["Words.Labelled", label].Value;

    /// <summary>Items one after another: 北京、上海 / Beijing, Shanghai.</summary>
    public string List(IEnumerable<string> items) => string.Join(localizer["Words.ListSeparator"].Value, items);

    /// <summary>An aside: （…） / (…).</summary>
    public string InParentheses(string text) => localizer["Words.InParentheses", text].Value;

    // A year is a name, not an amount: never 2,015.
    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);
}
