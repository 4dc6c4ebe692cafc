using Microsoft.Extensions.Localization;
using PlanTracker.Domain.Reporting;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Progress;

/// <summary>
/// Words a refusal in the reader's language: the domain and the writers give a code and its arguments, the resources
/// (<c>SharedResource.resx</c>, <c>SharedResource.en.resx</c>) hold the sentence of each code. An argument that is
/// itself a code (a status, a field, a funding source, a list of missing fields) is worded first.
/// </summary>
public sealed class RefusalWords(IStringLocalizer<SharedResource> localizer)
{
    public string Sentence(ReportRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return Sentence(refusal.Code, refusal.Arguments);
    }

    public string Sentence(WriteRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return Sentence(refusal.Code, refusal.Arguments);
    }

    public string Sentence(Enum code, IReadOnlyList<object> arguments)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(arguments);
        return localizer[Key(code), [.. arguments.Select(Word)]].Value;
    }

    /// <summary>
    /// The resource that holds a code's sentence: <c>Report.Refusal.*</c> for the domain's report rules, and for a
    /// feature's <c>XyzRefusal</c> enum <c>Xyz.Refusal.*</c> (<c>Evidence.Refusal.TooLarge</c>, <c>Review.Refusal.NotOverdue</c>).
    /// </summary>
    public static string Key(Enum code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code is ReportRefusalCode)
        {
            return "Report.Refusal." + code;
        }

        var type = code.GetType().Name;
        return (type.EndsWith("Refusal", StringComparison.Ordinal) ? type[..^"Refusal".Length] : type) + ".Refusal." + code;
    }

    /// <summary>An argument as the sentence shows it: codes in words, a list joined; numbers and days as they are (the sentence formats them).</summary>
    public object Word(object argument) => argument switch
    {
        ReportStatus status => localizer["Progress.Status." + status].Value,
        ReportField field => localizer["Progress.Field." + field].Value,
        FundingSource source => localizer["Progress.Source." + source].Value,
        IndicatorValueField field => localizer["Report.ValueField." + field].Value,
        IEnumerable<ReportField> missing => Join(missing.Select(f => localizer["Report.Missing." + f].Value)),
        IEnumerable<IndicatorValueField> missing => Join(missing.Select(f => localizer["Report.ValueField." + f].Value)),
        _ => argument,
    };

    private string Join(IEnumerable<string> words) => string.Join(localizer["Report.ListSeparator"].Value, words);
}

/// <summary>Refusals of the progress pages that the domain does not make: what the form sent cannot be read as a report.</summary>
public enum ProgressRefusal
{
    /// <summary>A reason or comment longer than a reason may be. No arguments.</summary>
    ReasonTooLong,

    /// <summary>A milestone typed without its day. Its 1-based number among the filled rows.</summary>
    MilestoneWithoutDay,
}
