using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Seed;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Plans;

/// <summary>The plan browser's pages render from PostgreSQL, in Chinese.</summary>
public sealed partial class PlanPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Plans_List_ShowsShippedPlanWithItsDocumentNumberAndTaskCount()
    {
        var html = await GetOkAsync("/plans");

        html.Should().Contain("现代服务业科技发展“十二五”专项规划").And.Contain(SeedResources.ShippedPlanDocumentNumber);
        html.Should().Contain("2011—2015年").And.Contain("已发布");
        html.Should().Contain("<td class=\"num\">48</td>", "the shipped plan has 48 special-column tasks");
    }

    [Fact]
    public async Task Root_RedirectsToPlans()
    {
        using var client = await portal.SignedInClientAsync("planner", allowAutoRedirect: false);

        var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/plans");
    }

    [Fact]
    public async Task Outline_ShippedPlan_ShowsChaptersColumnsTasksCountsAndImportWarning()
    {
        var planId = await ShippedPlanIdAsync();

        var html = await GetOkAsync($"/plans/{planId}");

        html.Should().Contain("形势与需求").And.Contain("建立健全规划实施保障机制").And.Contain("附录：专业名词和术语解释");
        html.Should().Contain("电子商务云服务技术与平台研发");
        html.Should().Contain("共9章、6个专栏、48项重点任务、0项指标");
        html.Should().Contain("(7.13,0.13,1.86%)", "the noise cut from a heading is reported as an import warning");
        html.Should().NotContain("动力源(7.13", "noise is kept out of titles");
    }

    [Fact]
    public async Task NodePage_SpecialColumn_MarksEachOfItsTasksInTheFullText()
    {
        var planId = await ShippedPlanIdAsync();
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var column = await db.PlanNodes.SingleAsync(n => n.Kind == NodeKind.SpecialColumn && n.Title == "电子商务");

        var html = await GetOkAsync($"/plans/{planId}/nodes/{column.Id}");

        TaskMark().Matches(html).Should().HaveCount(10);
        html.Should().Contain("重点任务（10项）");
        html.Should().Contain("三、", "the breadcrumb leads back through the chapter").And.Contain("大力改造提升生产性服务业");
    }

    [Fact]
    public async Task NodePage_NodeOfAnotherPlanOrMissing_Is404WithChineseErrorPage()
    {
        var planId = await ShippedPlanIdAsync();

        using var client = await portal.SignedInClientAsync("planner");
        var missingPlan = await client.GetAsync(new Uri("/plans/999999", UriKind.Relative));
        var missingNode = await client.GetAsync(new Uri($"/plans/{planId}/nodes/999999", UriKind.Relative));
        var wrongPlan = await client.GetAsync(new Uri("/plans/999999/nodes/1", UriKind.Relative));

        foreach (var response in new[] { missingPlan, missingNode, wrongPlan })
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await response.Content.ReadAsStringAsync()).Should().Contain("页面不存在");
        }
    }

    [Theory]
    [InlineData("电子商务", "电子商务云服务技术与平台研发")]
    [InlineData("物流", "现代物流")]
    [InlineData("SAAS", "SAAS")]
    [InlineData("saas", "SAAS")]
    public async Task Search_ChineseOrLatinSubstring_FindsNodesAndMarksTheMatch(string query, string expected)
    {
        var html = await GetOkAsync($"/plans/search?q={Uri.EscapeDataString(query)}");

        html.Should().Contain(expected).And.Contain("<mark>");
        html.Should().MatchRegex(@"共\d+处包含");
    }

    [Fact]
    public async Task Search_NothingMatches_SaysSo()
    {
        var html = await GetOkAsync("/plans/search?q=" + Uri.EscapeDataString("量子引力"));

        html.Should().Contain("没有找到包含“量子引力”的内容");
    }

    [Fact]
    public async Task Search_LikeWildcards_AreTakenLiterally()
    {
        var html = await GetOkAsync("/plans/search?q=" + Uri.EscapeDataString("%_%"));

        html.Should().Contain("没有找到包含");
    }

    [Fact]
    public async Task Search_OverlongQuery_IsRefusedWithMessage()
    {
        var html = await GetOkAsync("/plans/search?q=" + new string('规', 60));

        html.Should().Contain("检索词不能超过50个字");
    }

    [Fact]
    public async Task Pages_InEnglish_WhenAskedForEnglish()
    {
        var html = await GetOkAsync("/plans?culture=en");

        html.Should().Contain(">Plans</a>").And.Contain("Document number").And.Contain("<html lang=\"en\">");
    }

    [Fact]
    public async Task CultureQuery_English_IsRememberedForTheNextPage()
    {
        using var client = await portal.SignedInClientAsync("planner", allowAutoRedirect: false);

        var chosen = await client.GetAsync(new Uri("/plans?culture=en", UriKind.Relative));
        var next = await client.GetStringAsync(new Uri("/plans/search", UriKind.Relative));

        var cookie = chosen.Headers.GetValues("Set-Cookie").Should().ContainSingle(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal)).Subject;
        cookie.Should().Contain("httponly").And.Contain("samesite=lax").And.Contain("path=/");
        next.Should().Contain("<html lang=\"en\">").And.Contain("Search plans");
    }

    [Fact]
    public async Task CultureQuery_BackToChinese_IsRemembered()
    {
        using var client = await portal.SignedInClientAsync("planner");

        await client.GetStringAsync(new Uri("/plans?culture=en", UriKind.Relative));
        await client.GetStringAsync(new Uri("/plans?culture=zh-CN", UriKind.Relative));
        var next = await client.GetStringAsync(new Uri("/plans", UriKind.Relative));

        next.Should().Contain("<html lang=\"zh-CN\">").And.Contain("规划列表");
    }

    [Fact]
    public async Task LanguageLinks_KeepThePageAndItsQuery()
    {
        var html = await GetOkAsync("/plans/search?q=" + Uri.EscapeDataString("科技") + "&culture=zh-CN");

        html.Should().Contain("href=\"/plans/search?q=%E7%A7%91%E6%8A%80&amp;culture=en\"");
    }

    [Fact]
    public async Task Pages_InChinese_ByDefault_WhateverTheBrowserPrefers()
    {
        using var client = await portal.SignedInClientAsync("planner");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        var html = await client.GetStringAsync(new Uri("/plans", UriKind.Relative));

        html.Should().Contain("规划列表").And.Contain("<html lang=\"zh-CN\">");
    }

    [Fact]
    public async Task CultureSwitch_PostWithoutAntiforgeryToken_IsRefused()
    {
        using var client = portal.CreateClient();

        var response = await client.PostAsync(new Uri("/culture", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en" }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
        cookies.Should().NotContain(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CultureSwitch_PostWithToken_SetsCookieAndRedirectsBack()
    {
        using var client = await portal.SignedInClientAsync("planner", allowAutoRedirect: false);
        var page = await client.GetStringAsync(new Uri("/plans", UriKind.Relative));
        var token = Antiforgery.TokenIn(page);

        var response = await client.PostAsync(new Uri("/culture", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "en",
            ["returnUrl"] = "/plans",
            ["__RequestVerificationToken"] = token,
        }));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/plans");
        response.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Responses_CarrySecurityHeaders()
    {
        using var client = await portal.SignedInClientAsync("planner");

        var response = await client.GetAsync(new Uri("/plans", UriKind.Relative));

        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'").And.Contain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        var html = await response.Content.ReadAsStringAsync();
        InlineScript().IsMatch(html).Should().BeFalse("the CSP forbids inline script");
    }

    private async Task<string> GetOkAsync(string url)
    {
        using var client = await portal.SignedInClientAsync("planner");
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, html.Length > 2000 ? html[..2000] : html);
        return html;
    }

    private async Task<int> ShippedPlanIdAsync()
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.Plans.Where(p => p.DocumentNumber == SeedResources.ShippedPlanDocumentNumber).Select(p => p.Id).SingleAsync();
    }

    [GeneratedRegex("class=\"task-mark\"")]
    private static partial Regex TaskMark();

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
