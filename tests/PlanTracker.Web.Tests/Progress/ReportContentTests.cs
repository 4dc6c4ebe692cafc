using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Reporting;
using PlanTracker.TestSupport;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Progress;

/// <summary>Money by source and milestones in the entry form: stored whole or refused whole (422, nothing stored), shown read-only.</summary>
public sealed partial class ReportContentTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Beijing = "110000";

    [Fact]
    public async Task Save_SplitWithoutTotal_AndMilestones_StoresThem_ComputesTheTotal_AndShowsThemReadOnly()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2011, 0, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        using var planner = await portal.SignedInClientAsync("planner");
        var form = await reporter.GetStringAsync(new Uri(entry, UriKind.Relative));
        form.Should().Contain("中央财政").And.Contain("社会资本及其他").And.Contain("Milestones[2].Title").And.Contain("/js/milestones.");

        var saved = await ReportForms.PostAsync(reporter, entry + "/submit", form, [
            .. Complete(),
            .. Sources(("Central", "100"), ("Enterprise", "50.5")),
            ("Milestones[0].Title", "完成项目立项"), ("Milestones[0].ReachedOn", "2011-03-15"),
            ("Milestones[1].Title", ""), ("Milestones[1].ReachedOn", ""),
            ("Milestones[2].Title", "建成示范平台"), ("Milestones[2].ReachedOn", "2011-10-08"),
        ]);

        saved.StatusCode.Should().Be(HttpStatusCode.OK);
        var report = (await ReportForms.ReportAsync(portal.ConnectionString, period, task))!;
        report.Status.Should().Be(ReportStatus.Submitted);
        report.InvestmentWan.Should().Be(150.5m);
        report.InvestmentSources.Should().Equal(new InvestmentBySource(FundingSource.Central, 100m), new InvestmentBySource(FundingSource.Enterprise, 50.5m));
        report.Milestones.Should().Equal(new Milestone("完成项目立项", new(2011, 3, 15)), new Milestone("建成示范平台", new(2011, 10, 8)));

        var readOnly = await reporter.GetStringAsync(new Uri(entry, UriKind.Relative));
        readOnly.Should().NotContain("保存草稿").And.Contain("企业自筹").And.Contain("50.5").And.Contain("建成示范平台").And.Contain("2011-10-08").And.Contain("150.5");
        var ministry = await planner.GetStringAsync(new Uri($"/progress/reports/{report.Id}", UriKind.Relative));
        ministry.Should().Contain("中央财政").And.Contain("完成项目立项").And.Contain("2011-03-15").And.Contain("150.5");

        // The audit log keeps the lists the report holds as JSON, not only its columns.
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var audited = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(ProgressReport) && a.EntityId == report.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(a => a.Id).Select(a => a.AfterJson).ToListAsync();
        audited.Should().Contain(json => json!.Contains("建成示范平台") && json.Contains("\"AmountWan\": 50.5"));
    }

    [Fact]
    public async Task Save_StoredSplitAndMilestones_AreInTheFormAgain()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2012, 1, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        await ReportForms.PostAsync(reporter, entry + "/save", await reporter.GetStringAsync(new Uri(entry, UriKind.Relative)),
            [.. Sources(("BankLoan", "12.25")), ("Milestones[0].Title", "签订合作协议"), ("Milestones[0].ReachedOn", "2012-05-20")]);

        var form = await reporter.GetStringAsync(new Uri(entry, UriKind.Relative));

        form.Should().Contain("name=\"Sources[3].AmountWan\" type=\"number\" min=\"0\" step=\"0.0001\" value=\"12.25\"")
            .And.Contain("value=\"签订合作协议\"").And.Contain("value=\"2012-05-20\"")
            .And.Contain("Milestones[3].Title", "the stored milestone comes with three blank rows");
    }

    /// <summary>Each rule with its own year (a period per case) and the exact words the page must show.</summary>
    public static TheoryData<string, int, string, (string, string)[]> Refusals() => new()
    {
        { "sum≠total", 2016, "各资金来源合计90万元，与投入资金合计100万元不一致。", [("InvestmentWan", "100"), .. Sources(("Central", "60"), ("Other", "30"))] },
        { "negative", 2017, "投入资金不能为负数。", Sources(("Local", "-5")) },
        { "duplicate", 2018, "资金来源“中央财政”填了两次。", [("Sources[0].Source", "Central"), ("Sources[0].AmountWan", "1"), ("Sources[1].Source", "Central"), ("Sources[1].AmountWan", "2")] },
        { "outside", 2019, "里程碑“立项”的达成日期2018-12-31不在本填报期（2019-01-01至2019-12-31）内。", [("Milestones[0].Title", "立项"), ("Milestones[0].ReachedOn", "2018-12-31")] },
        { "too many", 2020, $"每份报告最多填写{ReportLimits.MaxMilestones}个里程碑。", [.. Enumerable.Range(0, ReportLimits.MaxMilestones + 1).SelectMany(i => new[] { ($"Milestones[{i}].Title", $"节点{i}"), ($"Milestones[{i}].ReachedOn", "2020-06-01") })] },
        { "no title", 2021, "第1个里程碑缺少名称。", [("Milestones[0].Title", " "), ("Milestones[0].ReachedOn", "2021-06-01")] },
        { "no day", 2022, "第1个里程碑缺少达成日期。", [("Milestones[0].Title", "验收"), ("Milestones[0].ReachedOn", "")] },
        { "script", 2023, "进展情况含有HTML标记或脚本", [("ProgressText", "<script>alert(1)</script>")] },
        { "img onerror", 2024, "存在问题含有HTML标记或脚本", [("Problems", "<img src=x onerror=alert(1)>")] },
        { "javascript url", 2025, "下一步工作含有HTML标记或脚本", [("NextSteps", "见 javascript:alert(1)")] },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Save_RefusedContent_Is422_WithTheMessage_AndStoresNothing(string rule, int year, string message, (string, string)[] fields)
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, year, year - 2006, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        var form = await reporter.GetStringAsync(new Uri(entry, UriKind.Relative));

        var fresh = await ReportForms.PostAsync(reporter, entry + "/submit", form, fields);

        fresh.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, rule);
        System.Net.WebUtility.HtmlDecode(await fresh.Content.ReadAsStringAsync()).Should().Contain(message);
        (await ReportForms.ReportAsync(portal.ConnectionString, period, task)).Should().BeNull("a refused first save stores no report ({0})", rule);

        // A report already saved keeps its content whole.
        await ReportForms.PostAsync(reporter, entry + "/save", form, ("ProgressText", "第一版"), ("InvestmentWan", "8"));
        form = await reporter.GetStringAsync(new Uri(entry, UriKind.Relative));
        var again = await ReportForms.PostAsync(reporter, entry + "/save", form, [("Achievements", "不该保存"), .. fields]);
        again.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, rule);
        var report = (await ReportForms.ReportAsync(portal.ConnectionString, period, task))!;
        report.Achievements.Should().BeNull(rule);
        report.InvestmentWan.Should().Be(8m, rule);
        report.InvestmentSources.Should().BeEmpty(rule);
        report.Milestones.Should().BeEmpty(rule);
    }

    [Fact]
    public async Task Save_PlainTextWithAngleBrackets_IsStored()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2014, 2, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");

        var saved = await ReportForms.PostAsync(reporter, entry + "/save", await reporter.GetStringAsync(new Uri(entry, UriKind.Relative)), ("ProgressText", "能耗增长<5%，a<b"));

        saved.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReportForms.ReportAsync(portal.ConnectionString, period, task))!.ProgressText.Should().Be("能耗增长<5%，a<b");
    }

    [Fact]
    public async Task Save_WordsInNumberAndDayFields_Is422_NamingEachField_NotA500()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2015, 3, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");

        var response = await ReportForms.PostAsync(reporter, entry + "/save", await reporter.GetStringAsync(new Uri(entry, UriKind.Relative)),
            ("ProgressText", "进展"), ("PercentComplete", "abc"), ("InvestmentWan", "一百"),
            ("Sources[0].Source", "Central"), ("Sources[0].AmountWan", "十万"), ("Milestones[0].Title", ""), ("Milestones[1].Title", "验收"), ("Milestones[1].ReachedOn", "2015-13-45"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.Should().Contain("以下内容须填写有效的数字或日期，未保存");
        ReportForms.Missing(html).Should().BeEquivalentTo("完成进度（%）", "投入资金（万元）", "资金来源“中央财政”", "第2行里程碑的达成日期");
        html.Should().Contain(">进展</textarea>", "what was typed in the other fields stays in the form");
        (await ReportForms.ReportAsync(portal.ConnectionString, period, task)).Should().BeNull();
    }

    /// <summary>The five source rows as the form posts them (Sources[0] … Sources[4], in enum order), blank where not given.</summary>
    private static (string, string)[] Sources(params (string Source, string Amount)[] given) =>
    [
        .. Enum.GetNames<FundingSource>().SelectMany((name, i) => new[]
        {
            ($"Sources[{i}].Source", name),
            ($"Sources[{i}].AmountWan", given.FirstOrDefault(g => g.Source == name).Amount ?? string.Empty),
        }),
    ];

    private static (string, string)[] Complete() =>
    [
        ("Progress", "OnTrack"), ("PercentComplete", "60"), ("ProgressText", "建成试点园区3个"), ("Achievements", "带动就业1200人"), ("NextSteps", "扩大试点范围"),
    ];
}
