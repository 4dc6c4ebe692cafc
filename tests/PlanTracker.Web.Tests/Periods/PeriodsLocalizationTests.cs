using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using PlanTracker.Domain.Reporting;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Periods;

/// <summary>The period pages build some keys from enums; each of those keys has a word in Chinese and in English.</summary>
public sealed class PeriodsLocalizationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void EveryKindStatusAndRefusal_HasAWord(string culture)
    {
        var localizer = portal.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var keys = Enum.GetNames<PeriodKind>().Select(k => "Periods.Kind." + k)
            .Concat(Enum.GetNames<PeriodStatus>().Select(s => "Periods.Status." + s))
            .Concat(Enum.GetNames<PeriodRefusal>().Select(r => "Periods.Refusal." + r));
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            keys.Where(k => localizer[k].ResourceNotFound).Should().BeEmpty();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
