using System.Net;
using System.Text;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.PlanVersions;

/// <summary>The plan's versions, one version as it stood, the version in force on a day, the diff of two versions and one subject's history.</summary>
public sealed class PlanVersionPagesTests(VersionedPlanFixture plan) : IClassFixture<VersionedPlanFixture>
{
    [Fact]
    public async Task Versions_ListEachVersion_WithTheAdjustmentBehindIt_ForAProvincialAccountToo()
    {
        using var reporter = await plan.SignedInClientAsync("bj-reporter");

        var page = await reporter.GetStringAsync(Url("versions"));
        var outline = await reporter.GetStringAsync(new Uri($"/plans/{plan.PlanId}", UriKind.Relative));

        page.Should().Contain("第1版").And.Contain("第2版").And.Contain("第3版").And.Contain("首次发布")
            .And.Contain($"href=\"/adjustments/{plan.First}\">第一次动态调整</a>")
            .And.Contain($"href=\"/adjustments/{plan.Second}\">第二次动态调整</a>")
            .And.Contain("director于2026-03-01批准").And.Contain("意见：同意调整")
            .And.Contain("共4项变更").And.Contain("调整指标目标1").And.Contain("共2项变更").And.Contain("新增任务1")
            .And.Contain($"/plans/{plan.PlanId}/versions/compare?from=1&amp;to=2");
        Count(page, ">现行<").Should().Be(1);
        Count(page, ">已被取代<").Should().Be(2);
        page.IndexOf("第3版", StringComparison.Ordinal).Should().BeLessThan(page.IndexOf("第1版", StringComparison.Ordinal), "newest first");
        outline.Should().Contain($"href=\"/plans/{plan.PlanId}/versions\"", "the plan's outline links to its versions");
    }

    [Fact]
    public async Task VersionPage_AtVersion1_ShowsTheOldTitleDatesAndTarget_AndAtVersion2TheNew()
    {
        using var evaluator = await plan.SignedInClientAsync("evaluator");

        var first = await evaluator.GetStringAsync(Url("versions/1"));
        var second = await evaluator.GetStringAsync(Url("versions/2"));
        var third = await evaluator.GetStringAsync(Url("versions/3"));

        first.Should().Contain("这是第1版（2026年1月10日至2026年3月1日有效），现行版本为第3版")
            .And.Contain(plan.A.Title).And.NotContain("调整后的任务甲")
            .And.Contain("2011-01-01至2015-12-31").And.Contain("牵头：北京市；参与：上海市")
            .And.Contain("≥30（2015年）").And.NotContain("≥25");
        second.Should().Contain("这是第2版（2026年3月1日至2026年6月1日有效），现行版本为第3版")
            .And.Contain("调整后的任务甲").And.Contain("2013-01-01至2015-06-30").And.Contain("牵头：上海市；参与：北京市")
            .And.Contain("≥25（2015年）").And.Contain(plan.C.Title).And.NotContain("新增的任务乙");
        third.Should().Contain("这是第3版（自2026年6月1日起有效），即现行版本").And.Contain("新增的任务乙").And.NotContain(plan.C.Title);
        (await evaluator.GetAsync(Url("versions/4"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("2026-01-10", 1)]
    [InlineData("2026-02-28", 1)]
    [InlineData("2026-03-01", 2)]
    [InlineData("2026-04-15", 2)]
    [InlineData("2026-07-01", 3)]
    public async Task On_RedirectsToTheVersionInForceThatDay(string day, int number)
    {
        using var planner = await plan.SignedInClientAsync("planner", allowAutoRedirect: false);

        var response = await planner.GetAsync(Url($"versions/on?date={day}"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be($"/plans/{plan.PlanId}/versions/{number}");
    }

    [Fact]
    public async Task On_ADayBeforeTheFirstPublication_OrNoDay_SaysSo()
    {
        using var planner = await plan.SignedInClientAsync("planner");

        var before = await planner.GetStringAsync(Url("versions/on?date=2026-01-09"));
        var none = await planner.GetStringAsync(Url("versions/on?date=yesterday"));

        before.Should().Contain("2026-01-09规划尚未发布，当日没有有效的版本。");
        none.Should().Contain("请输入日期（年-月-日）。");
    }

    [Fact]
    public async Task Compare_Version1WithVersion3_ShowsEveryKindOfChange_WithUnitNames_AndTheAdjustmentsBetween()
    {
        using var reviewer = await plan.SignedInClientAsync("sh-reviewer");

        var page = await reviewer.GetStringAsync(Url("versions/compare?from=1&to=3"));

        foreach (var kind in new[] { "新增", "删除", "移动", "表述修改", "时间调整", "目标调整", "承担单位调整" })
        {
            page.Should().Contain($"data-kind=\"{kind}\">{kind} 1</span>", $"the count of {kind} is at the top");
        }

        page.Should().Contain("新增的任务乙").And.Contain("牵头：广东省；参与：无")
            .And.Contain(plan.C.Title).And.Contain(plan.D.Title)
            .And.Contain("牵头：北京市；参与：上海市").And.Contain("牵头：上海市；参与：北京市")
            .And.Contain("2011年1月1日至2015年12月31日").And.Contain("2013年1月1日至2015年6月30日")
            .And.Contain("2015年 ≥30个").And.Contain("2015年 ≥25个")
            .And.Contain("调整后的任务甲")
            .And.Contain($"/adjustments/{plan.First}").And.Contain($"/adjustments/{plan.Second}");
    }

    [Fact]
    public async Task Compare_Backwards_Same_AndUnknown_Versions()
    {
        using var planner = await plan.SignedInClientAsync("planner");

        var backwards = await planner.GetStringAsync(Url("versions/compare?from=3&to=2"));
        var same = await planner.GetStringAsync(Url("versions/compare?from=2&to=2"));
        var unknown = await planner.GetAsync(Url("versions/compare?from=1&to=9"));

        backwards.Should().Contain("反向比较").And.Contain("data-kind=\"删除\">删除 1</span>").And.Contain("data-kind=\"新增\">新增 1</span>")
            .And.Contain($"/adjustments/{plan.Second}").And.NotContain($"/adjustments/{plan.First}\"");
        same.Should().Contain("两个版本相同。");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Compare_DownloadsTheDiff_AsCsvAndExcel()
    {
        using var planner = await plan.SignedInClientAsync("planner");

        var csv = Encoding.UTF8.GetString(await planner.GetByteArrayAsync(Url("versions/compare?from=1&to=2&table=changes&format=csv")));
        var xlsx = await planner.GetAsync(Url("versions/compare?from=1&to=2&table=changes&format=xlsx"));
        var wrong = await planner.GetAsync(Url("versions/compare?from=1&to=2&table=nothing&format=csv"));

        csv.Should().Contain("类别,事项,调整前,调整后").And.Contain("目标调整,版本测试指标,2015年 ≥30个,2015年 ≥25个")
            .And.Contain("承担单位调整,").And.Contain("牵头：北京市；参与：上海市");
        xlsx.StatusCode.Should().Be(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        wrong.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task History_OfATask_ListsExactlyItsChanges_WithTheProposalBehindEach()
    {
        using var reporter = await plan.SignedInClientAsync("gd-reporter");

        var page = await reporter.GetStringAsync(Url($"history/{plan.A.Key}"));

        Count(page, "class=\"history-change\"").Should().Be(2);
        page.Should().Contain("调整后的任务甲的调整历史")
            .And.Contain("表述修改").And.Contain("承担单位调整").And.NotContain(">时间调整<")
            .And.Contain("牵头：北京市；参与：上海市").And.Contain("牵头：上海市；参与：北京市")
            .And.Contain($"href=\"/adjustments/{plan.First}\">第一次动态调整</a>")
            .And.Contain("任务甲进展滞后，调整牵头单位。").And.Contain("director于2026-03-01批准")
            .And.NotContain("第二次动态调整");
    }

    [Fact]
    public async Task History_OfAnIndicator_ListsItsTargetChange_AndAnUntouchedTaskSaysSo()
    {
        using var planner = await plan.SignedInClientAsync("planner");

        var indicator = await planner.GetStringAsync(Url($"history/{plan.IndicatorKey}"));
        var untouched = await planner.GetStringAsync(Url($"history/{plan.E}"));
        var cancelled = await planner.GetStringAsync(Url($"history/{plan.C.Key}"));
        var unknown = await planner.GetAsync(Url($"history/{Guid.NewGuid()}"));

        Count(indicator, "class=\"history-change\"").Should().Be(1);
        indicator.Should().Contain("目标调整").And.Contain("2015年 ≥30个").And.Contain("2015年 ≥25个").And.Contain("第一次动态调整");
        untouched.Should().Contain("自发布以来未作调整。");
        cancelled.Should().Contain("删除").And.Contain("第二次动态调整").And.Contain("data-version=\"3\"");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Monitoring_ShowsTheOriginalTargetDatesAndUnits_BesideTheCurrentOnes()
    {
        using var planner = await plan.SignedInClientAsync("planner");
        int taskA, taskB, indicatorId;
        await using (var db = SeededDatabase.CreateContext(plan.ConnectionString))
        {
            var current = db.PlanVersions.Where(v => v.PlanId == plan.PlanId).OrderByDescending(v => v.Number).Select(v => v.Id).First();
            taskA = db.PlanNodes.Where(n => n.PlanVersionId == current && n.Key == plan.A.Key).Select(n => n.Id).Single();
            taskB = db.PlanNodes.Where(n => n.PlanVersionId == current && n.Key == plan.B).Select(n => n.Id).Single();
            indicatorId = db.Indicators.Where(i => i.PlanVersionId == current && i.Key == plan.IndicatorKey).Select(i => i.Id).Single();
        }

        var overview = await planner.GetStringAsync(new Uri($"/monitoring/plans/{plan.PlanId}/indicators?asOf=2026-07-01", UriKind.Relative));
        var indicator = await planner.GetStringAsync(new Uri($"/monitoring/indicators/{indicatorId}?asOf=2026-07-01", UriKind.Relative));
        var a = await planner.GetStringAsync(new Uri($"/monitoring/tasks/{taskA}?asOf=2026-07-01", UriKind.Relative));
        var b = await planner.GetStringAsync(new Uri($"/monitoring/tasks/{taskB}?asOf=2026-07-01", UriKind.Relative));

        overview.Should().Contain("原目标").And.Contain("已调整（原目标≥30（2015年））").And.Contain($"/plans/{plan.PlanId}/history/{plan.IndicatorKey}");
        indicator.Should().Contain("<dd class=\"original-target\">≥30</dd>").And.Contain($"/plans/{plan.PlanId}/history/{plan.IndicatorKey}");
        a.Should().Contain("<dd class=\"original-units\">牵头：北京市；参与：上海市</dd>")
            .And.Contain("<dd class=\"current-units\">牵头：上海市；参与：北京市</dd>")
            .And.NotContain("original-span").And.Contain($"/plans/{plan.PlanId}/history/{plan.A.Key}");
        b.Should().Contain("<dd class=\"original-span\">2011-01-01 — 2015-12-31</dd>").And.Contain("2013-01-01 — 2015-06-30").And.NotContain("original-units");
    }

    [Fact]
    public async Task UnknownPlan_IsNotFound()
    {
        using var planner = await plan.SignedInClientAsync("planner");

        (await planner.GetAsync(new Uri("/plans/999999/versions", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await planner.GetAsync(new Uri($"/plans/999999/history/{plan.A.Key}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private Uri Url(string path) => new($"/plans/{plan.PlanId}/{path}", UriKind.Relative);

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
