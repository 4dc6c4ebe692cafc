using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Periods;

/// <summary>Reporting periods over HTTP against the seeded PostgreSQL database. Each test works on its own periods.</summary>
public sealed class PeriodsPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Generate_QuarterlyForTheShippedPlan_Makes20Periods_AndAgainStill20()
    {
        var plan = await PlanIdAsync();
        using var client = await portal.SignedInClientAsync("planner");

        var first = await PostAsync(client, "/periods/generate", ("PlanId", plan), ("Kind", "Quarter"));
        var second = await PostAsync(client, "/periods/generate", ("PlanId", plan), ("Kind", "Quarter"));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        (await first.Content.ReadAsStringAsync()).Should().Contain("已生成20个报送期次");
        (await second.Content.ReadAsStringAsync()).Should().Contain("已生成0个报送期次，已有的20个期次未改动");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var quarters = await db.ReportingPeriods.Where(p => p.PlanId == plan && p.Kind == PeriodKind.Quarter).OrderBy(p => p.Year).ThenBy(p => p.Sequence).ToListAsync();
        quarters.Should().HaveCount(20).And.OnlyContain(p => p.Status == PeriodStatus.Scheduled);
        quarters[0].Label.Should().Be("2011年第一季度");
        quarters[^1].Label.Should().Be("2015年第四季度");
        var page = await client.GetStringAsync(new Uri($"/periods?plan={plan}", UriKind.Relative));
        page.Should().Contain("2015年第四季度").And.Contain("2016-01-21");
    }

    [Fact]
    public async Task OpenCloseReopen_WithoutAReasonRefused_WithAReasonOpenAndAudited()
    {
        var id = await AnnualAsync("2011年度");
        using var client = await portal.SignedInClientAsync("planner");
        await PostAsync(client, $"/periods/{id}/extend", ("RowVersion", await RowVersionAsync(id)), ("DueOn", Date(Today.AddDays(10))), ("ClosesOn", Date(Today.AddDays(30))));

        var opened = await PostAsync(client, $"/periods/{id}/open", ("RowVersion", await RowVersionAsync(id)));
        (await opened.Content.ReadAsStringAsync()).Should().Contain("已开放填报：2011年度").And.Contain("距截止还有");
        var closed = await PostAsync(client, $"/periods/{id}/close", ("RowVersion", await RowVersionAsync(id)));
        (await closed.Content.ReadAsStringAsync()).Should().Contain("已关闭填报：2011年度");

        var withoutReason = await PostAsync(client, $"/periods/{id}/reopen", ("RowVersion", await RowVersionAsync(id)), ("Reason", "  "));
        (await withoutReason.Content.ReadAsStringAsync()).Should().Contain("重新开放必须填写原因");
        (await StatusAsync(id)).Should().Be(PeriodStatus.Closed);

        var reopened = await PostAsync(client, $"/periods/{id}/reopen", ("RowVersion", await RowVersionAsync(id)), ("Reason", "西藏网络中断，补报三天"));
        (await reopened.Content.ReadAsStringAsync()).Should().Contain("已重新开放：2011年度");
        (await StatusAsync(id)).Should().Be(PeriodStatus.Open);
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == "reopen" && e.EntityType == nameof(ReportingPeriod) && e.EntityId == id.ToString(CultureInfo.InvariantCulture));
        entry.UserName.Should().Be("planner");
        JsonDocument.Parse(entry.AfterJson!).RootElement.GetProperty("reason").GetString().Should().Be("西藏网络中断，补报三天");
        (await db.AuditEntries.CountAsync(e => e.Action == "update" && e.EntityType == nameof(ReportingPeriod) && e.EntityId == id.ToString(CultureInfo.InvariantCulture))).Should().BeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public async Task Extend_DueAfterClose_IsRefused_AndChangesNothing()
    {
        var id = await AnnualAsync("2012年度");
        using var client = await portal.SignedInClientAsync("planner");

        var response = await PostAsync(client, $"/periods/{id}/extend", ("RowVersion", await RowVersionAsync(id)), ("DueOn", "2013-03-31"), ("ClosesOn", "2013-03-01"));

        (await response.Content.ReadAsStringAsync()).Should().Contain("关闭日期不能早于截止日期");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var period = await db.ReportingPeriods.SingleAsync(p => p.Id == id);
        (period.DueOn, period.ClosesOn).Should().Be((new DateOnly(2013, 1, 31), new DateOnly(2013, 2, 28)));
    }

    [Fact]
    public async Task Extend_WithAStaleRowVersion_IsRefusedAsChangedBySomeoneElse()
    {
        var id = await AnnualAsync("2013年度");
        var seen = await RowVersionAsync(id);
        using var client = await portal.SignedInClientAsync("planner");
        await PostAsync(client, $"/periods/{id}/extend", ("RowVersion", seen), ("DueOn", "2014-02-10"), ("ClosesOn", "2014-03-10"));

        var stale = await PostAsync(client, $"/periods/{id}/extend", ("RowVersion", seen), ("DueOn", "2014-02-20"), ("ClosesOn", "2014-03-20"));

        (await stale.Content.ReadAsStringAsync()).Should().Contain("该记录已被他人修改");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        (await db.ReportingPeriods.Where(p => p.Id == id).Select(p => p.DueOn).SingleAsync()).Should().Be(new DateOnly(2014, 2, 10));
    }

    [Fact]
    public async Task PlanPicker_ListsThePublishedPlan()
    {
        using var client = await portal.SignedInClientAsync("planner");

        var page = await client.GetStringAsync(new Uri("/periods", UriKind.Relative));

        page.Should().Contain($"/periods?plan={await PlanIdAsync()}");
    }

    [Theory]
    [InlineData("bj-reporter")]
    [InlineData("evaluator")]
    public async Task Periods_ForReportersAndEvaluators_Are403(string person)
    {
        var plan = await PlanIdAsync();
        var id = await AnnualAsync("2014年度");
        using var client = await portal.SignedInClientAsync(person, allowAutoRedirect: false);
        var token = Antiforgery.TokenIn(await client.GetStringAsync(new Uri("/account/signin", UriKind.Relative)));

        var list = await client.GetAsync(new Uri($"/periods?plan={plan}", UriKind.Relative));
        var close = await client.PostAsync(new Uri($"/periods/{id}/open", UriKind.Relative), Form(token, ("RowVersion", await RowVersionAsync(id))));

        list.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        close.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await StatusAsync(id)).Should().Be(PeriodStatus.Scheduled);
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, params (string Name, object Value)[] fields)
    {
        var page = await client.GetStringAsync(new Uri("/periods", UriKind.Relative));
        return await client.PostAsync(new Uri(path, UriKind.Relative), Form(Antiforgery.TokenIn(page), fields));
    }

    private static FormUrlEncodedContent Form(string token, params (string Name, object Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, Convert.ToString(f.Value, CultureInfo.InvariantCulture)!))
            .Append(new KeyValuePair<string, string>("__RequestVerificationToken", token)));

    private async Task<int> PlanIdAsync()
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.Plans.Where(p => p.Status == PlanStatus.Published).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
    }

    /// <summary>The annual period with this label, generating the plan's annual periods first (idempotent).</summary>
    private async Task<int> AnnualAsync(string label)
    {
        var plan = await PlanIdAsync();
        using var client = await portal.SignedInClientAsync("planner");
        await PostAsync(client, "/periods/generate", ("PlanId", plan), ("Kind", "Annual"));
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.ReportingPeriods.Where(p => p.PlanId == plan && p.Label == label).Select(p => p.Id).SingleAsync();
    }

    private async Task<uint> RowVersionAsync(int id)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.ReportingPeriods.Where(p => p.Id == id).Select(p => p.RowVersion).SingleAsync();
    }

    private async Task<PeriodStatus> StatusAsync(int id)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.ReportingPeriods.Where(p => p.Id == id).Select(p => p.Status).SingleAsync();
    }
}
