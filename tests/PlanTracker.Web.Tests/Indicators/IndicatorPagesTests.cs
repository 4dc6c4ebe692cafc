using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.PlanImport;
using PlanTracker.Infrastructure.Seed;
using PlanTracker.TestSupport;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Indicators;

/// <summary>
/// The planners' indicator pages and the plan's monitoring thresholds over HTTP on the seeded database with the demo
/// indicators. Each test names its own indicators so that the tests share the database without meeting.
/// </summary>
public sealed class IndicatorPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string NationalOnly = "国家现代服务业产业化基地";

    [Theory]
    [InlineData("planner", true)]
    [InlineData("evaluator", false)]
    [InlineData("admin", false)]
    public async Task List_ShowsTheDemoIndicators_AsWrittenAndAsUnderstood_WithTheLinkedNode_EditableByPlannersOnly(string person, bool canEdit)
    {
        var plan = await ShippedPlanAsync();
        using var client = await portal.SignedInClientAsync(person);

        (await client.GetStringAsync(new Uri($"/plans/{plan}", UriKind.Relative))).Should().Contain($"/plans/{plan}/indicators");
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/plans/{plan}/indicators", UriKind.Relative)));

        html.Should().Contain(NationalOnly).And.Contain("现代服务业科技投入").And.Contain("现代服务业示范企业")
            .And.Contain("≥30").And.Contain("不低于30").And.Contain("由部委填报全国数").And.Contain("截止2010年底，全国已有国家现代服务业产业化基地18家")
            .And.Contain(await LinkedNodeTitleAsync(NationalOnly), "the demo indicator is linked to the task that 认定一批现代服务业产业化基地");
        html.Contains("/indicators/new", StringComparison.Ordinal).Should().Be(canEdit);
    }

    [Fact]
    public async Task Reporters_AndReviewers_Get403_OnEveryPage_AndTheirPostsChangeNothing()
    {
        var plan = await ShippedPlanAsync();
        var before = await IndicatorCountAsync();
        foreach (var person in new[] { "bj-reporter", "bj-reviewer" })
        {
            using var client = await portal.SignedInClientAsync(person, allowAutoRedirect: false);
            foreach (var url in new[] { $"/plans/{plan}/indicators", $"/plans/{plan}/indicators/new", $"/plans/{plan}/thresholds" })
            {
                (await client.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden, url);
            }

            var page = await client.GetStringAsync(new Uri("/account/password", UriKind.Relative));
            (await PostAsync(client, $"/plans/{plan}/indicators/new", page, Fields("越权指标"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await PostAsync(client, $"/plans/{plan}/thresholds", page, ("AmberGapPoints", "1"), ("RedGapPoints", "2"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }

        (await IndicatorCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Create_StoresEveryField_ParsesTheValues_LinksTheNodes_AndIsAudited()
    {
        var plan = await ShippedPlanAsync();
        var (first, second) = await TwoTasksAsync();
        using var planner = await portal.SignedInClientAsync("planner");
        var form = await planner.GetStringAsync(new Uri($"/plans/{plan}/indicators/new", UriKind.Relative));
        form.Should().Contain("name=\"NodeIds\"").And.Contain($"value=\"{first}\"");

        var response = await PostAsync(planner, $"/plans/{plan}/indicators/new", form,
            [.. Fields("技术创新战略联盟", baselineYear: "2010", baseline: "10", target: "15-20", note: "一批现代服务产业领域的技术创新战略联盟相继成立"), ("Nature", "Binding"), ("NodeIds", first.ToString(CultureInfo.InvariantCulture)), ("NodeIds", second.ToString(CultureInfo.InvariantCulture))]);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("已新增指标“技术创新战略联盟”");
        var stored = await IndicatorAsync("技术创新战略联盟");
        stored.Should().BeEquivalentTo(new { Unit = "个", Category = "产业集聚", Nature = IndicatorNature.Binding, BaselineYear = 2010, TargetYear = 2015, BaselineNote = "一批现代服务产业领域的技术创新战略联盟相继成立", Aggregation = IndicatorAggregation.Sum });
        stored.Target.Should().Be(new StatedValue("15-20", TargetComparison.Range, 15m, 20m));
        stored.Links.Select(l => l.PlanNodeId).Should().BeEquivalentTo([first, second]);
        (await AuditedAsync(stored.Id)).Should().BeTrue();

        var list = WebUtility.HtmlDecode(await planner.GetStringAsync(new Uri($"/plans/{plan}/indicators", UriKind.Relative)));
        list.Should().Contain("技术创新战略联盟").And.Contain("15至20");
    }

    public static TheoryData<string, (string, string)[]> Refusals() => new()
    {
        { "请填写指标名称。", Fields(" ") },
        { "本规划版本已有名为“国家现代服务业产业化基地”的指标。", Fields(NationalOnly) },
        { "目标年份不能早于基期年份。", Fields("拒绝一", baselineYear: "2016") },
        { "目标年份须在1949年至2100年之间。", Fields("拒绝二", targetYear: "3015") },
        { "按各单位合计或平均汇总的指标须填写目标值", Fields("拒绝三", target: "") },
        { "年份须填写数字", Fields("拒绝四", targetYear: "二〇一五") },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Create_BadInput_Is422_WithTheChineseReason_KeepsWhatWasTyped_AndStoresNothing(string message, (string, string)[] fields)
    {
        var plan = await ShippedPlanAsync();
        var before = await IndicatorCountAsync();
        using var planner = await portal.SignedInClientAsync("planner");

        var response = await PostAsync(planner, $"/plans/{plan}/indicators/new", await planner.GetStringAsync(new Uri($"/plans/{plan}/indicators/new", UriKind.Relative)), fields);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.Should().Contain(message).And.Contain("name=\"Name\"");
        html.Should().Contain("value=\"个\"", "what was typed stays in the form");
        (await IndicatorCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Edit_ChangesFieldsAndLinks_ShowsHowTheTargetWasUnderstood_AndIsAudited()
    {
        var plan = await ShippedPlanAsync();
        var (first, second) = await TwoTasksAsync();
        var id = await CreateDirectAsync("待编辑指标", first);
        using var planner = await portal.SignedInClientAsync("planner");
        var form = WebUtility.HtmlDecode(await planner.GetStringAsync(new Uri($"/plans/{plan}/indicators/{id}/edit", UriKind.Relative)));
        form.Should().Contain("≥50 → 不低于50").And.Contain($"value=\"{first}\" selected");

        var response = await PostAsync(planner, $"/plans/{plan}/indicators/{id}/edit", form,
            [.. Fields("已编辑指标", target: "新增一批", aggregation: "NationalOnly", direction: "LowerIsBetter", version: await RowVersionAsync(id)), ("NodeIds", second.ToString(CultureInfo.InvariantCulture))]);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var stored = await IndicatorAsync("已编辑指标");
        stored.Id.Should().Be(id);
        stored.Should().BeEquivalentTo(new { Direction = IndicatorDirection.LowerIsBetter, Aggregation = IndicatorAggregation.NationalOnly });
        stored.Target.Comparison.Should().Be(TargetComparison.Qualitative);
        stored.Links.Select(l => l.PlanNodeId).Should().Equal(second);
        (await AuditedAsync(id)).Should().BeTrue();
        WebUtility.HtmlDecode(await planner.GetStringAsync(new Uri($"/plans/{plan}/indicators", UriKind.Relative))).Should().Contain("定性目标（按里程碑评价）");
    }

    [Fact]
    public async Task Edit_StaleForm_IsRefused_WithAClearMessage_AndKeepsTheOtherEdit()
    {
        var plan = await ShippedPlanAsync();
        var id = await CreateDirectAsync("并发指标", null);
        var seen = await RowVersionAsync(id);
        using var planner = await portal.SignedInClientAsync("planner");
        var form = await planner.GetStringAsync(new Uri($"/plans/{plan}/indicators/{id}/edit", UriKind.Relative));
        (await PostAsync(planner, $"/plans/{plan}/indicators/{id}/edit", form, Fields("并发指标", target: "≥60", version: seen))).StatusCode.Should().Be(HttpStatusCode.OK);

        var stale = await PostAsync(planner, $"/plans/{plan}/indicators/{id}/edit", form, Fields("并发指标改名", target: "≥70", version: seen));

        stale.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await stale.Content.ReadAsStringAsync()).Should().Contain("该指标已被他人修改，未保存");
        var stored = await IndicatorAsync("并发指标");
        stored.Target.Text.Should().Be("≥60");
    }

    [Fact]
    public async Task Edit_LinkToANodeOfAnotherPlanOrAnIndicatorOfAnotherPlan_Is404_AndChangesNothing()
    {
        var plan = await ShippedPlanAsync();
        var id = await CreateDirectAsync("范围指标", null);
        using var planner = await portal.SignedInClientAsync("planner");
        var form = await planner.GetStringAsync(new Uri($"/plans/{plan}/indicators/{id}/edit", UriKind.Relative));

        (await PostAsync(planner, $"/plans/{plan}/indicators/{id}/edit", form, [.. Fields("范围指标", version: await RowVersionAsync(id)), ("NodeIds", "999999")])).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await PostAsync(planner, $"/plans/999999/indicators/{id}/edit", form, Fields("范围指标", version: await RowVersionAsync(id)))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await planner.GetAsync(new Uri($"/plans/{plan}/indicators/999999/edit", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await IndicatorAsync("范围指标")).Links.Should().BeEmpty();
    }

    [Fact]
    public async Task Delete_IndicatorWithReportedValues_IsRefused_SayingWhy_AndWithoutValues_Removes()
    {
        var plan = await ShippedPlanAsync();
        var kept = await CreateDirectAsync("有填报值的指标", null);
        var removed = await CreateDirectAsync("无填报值的指标", null);
        var (period, _) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2012, 3, "110000");
        await using (var db = SeededDatabase.CreateContext(portal.ConnectionString))
        {
            db.IndicatorValues.Add(new IndicatorValue(kept, null, period, 5m, null, "个", "科技部", null, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        using var planner = await portal.SignedInClientAsync("planner");
        var list = await planner.GetStringAsync(new Uri($"/plans/{plan}/indicators", UriKind.Relative));

        var refused = await PostAsync(planner, $"/plans/{plan}/indicators/{kept}/delete", list, ("RowVersion", await RowVersionAsync(kept)));
        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).Should().Contain("指标“有填报值的指标”已有1条填报的指标值，不能删除");
        (await IndicatorCountAsync("有填报值的指标")).Should().Be(1);

        var done = await PostAsync(planner, $"/plans/{plan}/indicators/{removed}/delete", list, ("RowVersion", await RowVersionAsync(removed)));
        done.StatusCode.Should().Be(HttpStatusCode.OK);
        (await done.Content.ReadAsStringAsync()).Should().Contain("指标已删除");
        (await IndicatorCountAsync("无填报值的指标")).Should().Be(0);
        (await AuditedAsync(removed)).Should().BeTrue();
    }

    [Fact]
    public async Task Thresholds_GoodValues_AreStoredAndAudited_BadOnes_Are422WithTheChineseRefusals_AndChangeNothing()
    {
        var plan = await ShippedPlanAsync();
        using var planner = await portal.SignedInClientAsync("planner");
        using var evaluator = await portal.SignedInClientAsync("evaluator");
        var page = await planner.GetStringAsync(new Uri($"/plans/{plan}/thresholds", UriKind.Relative));
        page.Should().Contain("name=\"RedGapPoints\"").And.Contain("value=\"25\"");
        (await evaluator.GetStringAsync(new Uri($"/plans/{plan}/thresholds", UriKind.Relative))).Should().Contain("value=\"25\"").And.Contain("disabled").And.NotContain("保存阈值");

        var good = await PostAsync(planner, $"/plans/{plan}/thresholds", page, Thresholds("5", "20", "8", "7", "5", await PlanRowVersionAsync(plan)));
        good.StatusCode.Should().Be(HttpStatusCode.OK);
        (await good.Content.ReadAsStringAsync()).Should().Contain("预警阈值已保存");
        var expected = new MonitoringThresholds { AmberGapPoints = 5m, RedGapPoints = 20m, OnScheduleBandPoints = 8m, OverdueRedDays = 7, ReturnedRedDays = 5 };
        (await ThresholdsAsync(plan)).Should().Be(expected);
        await using (var db = SeededDatabase.CreateContext(portal.ConnectionString))
        {
            var entries = await db.AuditEntries.Where(a => a.EntityType == nameof(Plan) && a.EntityId == plan.ToString(CultureInfo.InvariantCulture) && a.UserName == "planner").ToListAsync();
            entries.Should().Contain(a => a.AfterJson!.Contains("20", StringComparison.Ordinal));
        }

        var bad = await PostAsync(planner, $"/plans/{plan}/thresholds", page, Thresholds("30", "20", "8", "0", "5", await PlanRowVersionAsync(plan)));
        bad.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        html.Should().Contain("红色预警的滞后幅度须大于黄色预警的滞后幅度。").And.Contain("报告逾期转为红色预警的天数须在1到365天之间。").And.Contain("value=\"30\"");
        (await ThresholdsAsync(plan)).Should().Be(expected);

        var words = await PostAsync(planner, $"/plans/{plan}/thresholds", page, Thresholds("十", "20", "8", "7", "5", await PlanRowVersionAsync(plan)));
        words.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await words.Content.ReadAsStringAsync()).Should().Contain("阈值须填写数字");

        var stale = await PostAsync(planner, $"/plans/{plan}/thresholds", page, Thresholds("6", "20", "8", "7", "5", "1"));
        stale.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await stale.Content.ReadAsStringAsync()).Should().Contain("预警阈值已被他人修改");
        (await ThresholdsAsync(plan)).Should().Be(expected);
    }

    private static (string, string)[] Fields(
        string name,
        string baselineYear = "2010",
        string baseline = "18",
        string targetYear = "2015",
        string target = "≥50",
        string aggregation = "Sum",
        string direction = "HigherIsBetter",
        string? note = null,
        string version = "0") =>
    [
        ("Name", name), ("Category", "产业集聚"), ("Unit", "个"), ("Direction", direction), ("Aggregation", aggregation),
        ("BaselineYear", baselineYear), ("BaselineText", baseline), ("BaselineNote", note ?? string.Empty),
        ("TargetYear", targetYear), ("TargetText", target), ("RowVersion", version),
    ];

    private static (string, string)[] Thresholds(string amber, string red, string band, string overdue, string returned, string version) =>
    [
        ("AmberGapPoints", amber), ("RedGapPoints", red), ("OnScheduleBandPoints", band), ("OverdueRedDays", overdue), ("ReturnedRedDays", returned), ("RowVersion", version),
    ];

    /// <summary>The shipped plan, with the demo indicators seeded (once per database).</summary>
    private async Task<int> ShippedPlanAsync()
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        await new DemoSeeder(db, new UnitSeeder(db), new PlanImportService(db, TimeProvider.System, NullLogger<PlanImportService>.Instance), NullLogger<DemoSeeder>.Instance).SeedDemoIndicatorsAsync();
        return await db.Plans.Where(p => p.DocumentNumber == SeedResources.ShippedPlanDocumentNumber).Select(p => p.Id).SingleAsync();
    }

    private async Task<(int First, int Second)> TwoTasksAsync()
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var tasks = await db.PlanNodes.Where(n => n.Kind == NodeKind.Task).OrderBy(n => n.Position).Select(n => n.Id).Take(2).ToListAsync();
        return (tasks[0], tasks[1]);
    }

    /// <summary>An indicator added straight to the shipped plan's version, optionally linked to a node.</summary>
    private async Task<int> CreateDirectAsync(string name, int? nodeId)
    {
        await ShippedPlanAsync();
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var version = await db.PlanVersions.Where(v => db.Plans.Any(p => p.Id == v.PlanId && p.DocumentNumber == SeedResources.ShippedPlanDocumentNumber)).OrderByDescending(v => v.Number).FirstAsync();
        var (indicator, problems) = Indicator.Create(
            new IndicatorDraft(name, "产业集聚", "个", null, IndicatorDirection.HigherIsBetter, IndicatorAggregation.Sum, 2010, "18", null, 2015, "≥50"), [], 100, Guid.NewGuid());
        problems.Should().BeEmpty();
        if (nodeId is int id)
        {
            indicator!.LinkTo(await db.PlanNodes.SingleAsync(n => n.Id == id));
        }

        version.AddIndicator(indicator!);
        await db.SaveChangesAsync();
        return indicator!.Id;
    }

    private async Task<string> LinkedNodeTitleAsync(string indicatorName)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.IndicatorLinks.Where(l => l.Indicator!.Name == indicatorName).Select(l => l.Node!.Title).SingleAsync();
    }

    private async Task<Indicator> IndicatorAsync(string name)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.Indicators.AsNoTracking().Include(i => i.Links).SingleAsync(i => i.Name == name);
    }

    private async Task<int> IndicatorCountAsync(string? name = null)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.Indicators.CountAsync(i => name == null || i.Name == name);
    }

    private async Task<string> RowVersionAsync(int indicatorId)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return (await db.Indicators.Where(i => i.Id == indicatorId).Select(i => i.RowVersion).SingleAsync()).ToString(CultureInfo.InvariantCulture);
    }

    private async Task<string> PlanRowVersionAsync(int planId)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return (await db.Plans.Where(p => p.Id == planId).Select(p => p.RowVersion).SingleAsync()).ToString(CultureInfo.InvariantCulture);
    }

    private async Task<MonitoringThresholds> ThresholdsAsync(int planId)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return (await db.Plans.AsNoTracking().SingleAsync(p => p.Id == planId)).Thresholds;
    }

    private async Task<bool> AuditedAsync(int indicatorId)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Indicator) && a.EntityId == indicatorId.ToString(CultureInfo.InvariantCulture) && a.UserName == "planner");
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string page, params (string Name, string Value)[] fields)
    {
        var form = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", Antiforgery.TokenIn(page)) };
        form.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(form));
    }
}
