using System.Net;
using PlanTracker.TestSupport;
using PlanTracker.Web.Tests.Support;
using static PlanTracker.Web.Tests.Progress.ReportForms;

namespace PlanTracker.Web.Tests.Progress;

/// <summary>Submitted versions over HTTP: listed on both report pages, readable one by one, compared field by field.</summary>
public sealed class ReportVersionsPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Beijing = "110000";

    [Fact]
    public async Task Versions_AfterAReturnAndAResubmit_AreListedReadable_AndComparedWithTheChangesMarked()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2031, 0, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        using var planner = await portal.SignedInClientAsync("planner");
        (await PostAsync(reporter, entry + "/submit", await reporter.GetStringAsync(Url(entry)), Complete("建成试点园区3个。带动就业1200人。"))).StatusCode.Should().Be(HttpStatusCode.OK);
        var report = (await ReportAsync(portal.ConnectionString, period, task))!;
        var reportPage = $"/progress/reports/{report.Id}";
        (await PostAsync(planner, reportPage + "/return", await planner.GetStringAsync(Url(reportPage)), ("Comment", "请核实园区数量"))).StatusCode.Should().Be(HttpStatusCode.OK);
        var resubmitted = await PostAsync(reporter, entry + "/submit", await reporter.GetStringAsync(Url(entry)), Complete("建成试点园区5个。带动就业1200人。占比<5%&增长>2。"));
        resubmitted.StatusCode.Should().Be(HttpStatusCode.OK, await resubmitted.Content.ReadAsStringAsync());

        // Both pages list the two submissions, with links.
        var unitPage = await reporter.GetStringAsync(Url(entry));
        unitPage.Should().Contain("第1次报送").And.Contain("第2次报送").And.Contain($"{entry}/versions/1").And.Contain($"{entry}/versions/compare");
        var plannerPage = await planner.GetStringAsync(Url(reportPage));
        plannerPage.Should().Contain($"{reportPage}/versions/1").And.Contain($"{reportPage}/versions/2");

        // A version reads as it was sent, for the unit and the ministry.
        (await reporter.GetStringAsync(Url($"{entry}/versions/1"))).Should().Contain("建成试点园区3个").And.NotContain("建成试点园区5个");
        (await planner.GetStringAsync(Url($"{reportPage}/versions/2"))).Should().Contain("建成试点园区5个");

        // The default compare is the last two: only the changed figure is marked, and user text is encoded.
        var compare = await planner.GetStringAsync(Url($"{reportPage}/versions/compare"));
        compare.Should().Contain("<del class=\"diff-del\">3</del><ins class=\"diff-ins\">5</ins>");
        compare.Should().Contain("<ins class=\"diff-ins\">占比&lt;5%&amp;增长&gt;2。</ins>");
        compare.Should().NotContain("占比<5%");
        (await reporter.GetStringAsync(Url($"{entry}/versions/compare?from=1&to=2"))).Should().Contain("<del class=\"diff-del\">3</del>");

        // Numbers that name no version are not found.
        (await planner.GetAsync(Url($"{reportPage}/versions/3"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await planner.GetAsync(Url($"{reportPage}/versions/compare?from=1&to=9"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Versions_OfAnotherUnitsReport_Are404_ForTheOtherUnit()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2032, 1, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        using var shanghai = await portal.SignedInClientAsync("sh-reporter");
        await PostAsync(reporter, entry + "/submit", await reporter.GetStringAsync(Url(entry)), Complete());
        (await reporter.GetAsync(Url($"{entry}/versions/1"))).StatusCode.Should().Be(HttpStatusCode.OK);

        (await shanghai.GetAsync(Url($"{entry}/versions/1"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await shanghai.GetAsync(Url($"{entry}/versions/compare"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Compare_WithOneVersion_ComparesItWithItself_AndSaysNothingChanged()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2033, 2, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        await PostAsync(reporter, entry + "/submit", await reporter.GetStringAsync(Url(entry)), Complete());

        var page = await reporter.GetStringAsync(Url($"{entry}/versions/compare"));

        page.Should().Contain("两个版本内容相同").And.NotContain("class=\"changed\"");
    }
}
