using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Infrastructure.Identity;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Admin;

/// <summary>Administrators manage accounts and units; every change is audited; nobody else gets in.</summary>
public sealed class AdministrationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task CreateUser_AsReporterOfShanghai_CanSignIn_AndIsAudited()
    {
        using var admin = await portal.SignedInClientAsync("admin");
        var shanghai = await UnitIdAsync("310000");

        var response = await PostAsync(admin, "/admin/users/new", "/admin/users/new", new()
        {
            ["UserName"] = "sh-new-reporter",
            ["DisplayName"] = "上海 新填报员",
            ["Role"] = "Reporter",
            ["UnitId"] = shanghai.ToString(),
            ["Password"] = "First-Password-1",
        });

        (await response.Content.ReadAsStringAsync()).Should().Contain("用户 sh-new-reporter 已保存");
        using var fresh = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await PortalFactory.PostSignInAsync(fresh, "sh-new-reporter", "First-Password-1")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var user = await db.Users.SingleAsync(u => u.UserName == "sh-new-reporter");
        user.UnitId.Should().Be(shanghai);
        var audit = await db.AuditEntries.Where(a => a.EntityType == "AppUser" && a.EntityId == user.Id).ToListAsync();
        audit.Should().Contain(a => a.Action == "create" && a.UserName == "admin");
        audit.Should().Contain(a => a.Action == "set-role" && a.AfterJson!.Contains("Reporter"));
        audit.Should().OnlyContain(a => a.AfterJson == null || !a.AfterJson.Contains("PasswordHash"), "secrets never reach the log");
    }

    [Fact]
    public async Task CreateUser_ReporterOfTheMinistry_IsRefused_AndNothingIsStored()
    {
        using var admin = await portal.SignedInClientAsync("admin");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var ministry = await db.Units.Where(u => u.Name == "科学技术部").Select(u => u.Id).SingleAsync();

        var response = await PostAsync(admin, "/admin/users/new", "/admin/users/new", new()
        {
            ["UserName"] = "wrong-reporter",
            ["DisplayName"] = "错配",
            ["Role"] = "Reporter",
            ["UnitId"] = ministry.ToString(),
            ["Password"] = "First-Password-1",
        });

        (await response.Content.ReadAsStringAsync()).Should().Contain("填报员和审核员必须属于一个报送单位");
        (await db.Users.AnyAsync(u => u.UserName == "wrong-reporter")).Should().BeFalse();
    }

    [Fact]
    public async Task DisplayNameWithScript_IsShownAsText()
    {
        using var admin = await portal.SignedInClientAsync("admin");
        var beijing = await UnitIdAsync("110000");
        await PostAsync(admin, "/admin/users/new", "/admin/users/new", new()
        {
            ["UserName"] = "xss-probe",
            ["DisplayName"] = "<script>alert(1)</script>",
            ["Role"] = "Reviewer",
            ["UnitId"] = beijing.ToString(),
            ["Password"] = "First-Password-1",
        });

        var list = await admin.GetStringAsync(new Uri("/admin/users?q=xss", UriKind.Relative));

        list.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt;").And.NotContain("<script>alert(1)</script>");
    }

    [Fact]
    public async Task ResetPassword_LetsTheNewPasswordIn_AndLiftsALockout()
    {
        using var admin = await portal.SignedInClientAsync("admin");
        using var victim = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        for (var i = 0; i < 5; i++)
        {
            await PortalFactory.PostSignInAsync(victim, "gd-reporter", "Wrong-Password-" + i);
        }

        var id = await UserIdAsync("gd-reporter");
        await PostAsync(admin, $"/admin/users/{id}", $"/admin/users/{id}/password", new() { ["NewPassword"] = "Reset-Password-7" });

        (await PortalFactory.PostSignInAsync(victim, "gd-reporter", DemoAccounts.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await PortalFactory.PostSignInAsync(victim, "gd-reporter", "Reset-Password-7")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Disable_EndsTheUsersOpenSession()
    {
        using var admin = await portal.SignedInClientAsync("admin");
        using var evaluator = await portal.SignedInClientAsync("evaluator", allowAutoRedirect: false);
        var id = await UserIdAsync("evaluator");

        await PostAsync(admin, $"/admin/users/{id}", $"/admin/users/{id}/disable", []);

        var after = await evaluator.GetAsync(new Uri("/plans", UriKind.Relative));
        after.StatusCode.Should().Be(HttpStatusCode.Redirect);
        after.Headers.Location!.AbsolutePath.Should().Be("/account/signin");
        await PostAsync(admin, $"/admin/users/{id}", $"/admin/users/{id}/enable", []);
    }

    [Fact]
    public async Task Unit_StaleEditAndDuplicateName_AreRefused_AndAGoodEditIsAudited()
    {
        using var admin = await portal.SignedInClientAsync("admin");
        var hainan = await UnitIdAsync("460000");
        var form = await admin.GetStringAsync(new Uri($"/admin/units/{hainan}", UriKind.Relative));
        var rowVersion = System.Text.RegularExpressions.Regex.Match(form, "name=\"RowVersion\" value=\"(\\d+)\"").Groups[1].Value;
        Dictionary<string, string> Fields(string name, string version) => new()
        {
            ["Name"] = name,
            ["Kind"] = "Province",
            ["Code"] = "460000",
            ["SortOrder"] = "120",
            ["IsActive"] = "true",
            ["ContactName"] = "海南 联络员",
            ["ContactPhone"] = "0898-12345678",
            ["RowVersion"] = version,
        };

        var duplicate = await PostAsync(admin, $"/admin/units/{hainan}", $"/admin/units/{hainan}", Fields("北京市", rowVersion));
        var saved = await PostAsync(admin, $"/admin/units/{hainan}", $"/admin/units/{hainan}", Fields("海南省", rowVersion));
        var stale = await PostAsync(admin, $"/admin/units/{hainan}", $"/admin/units/{hainan}", Fields("海南省（旧）", rowVersion));

        (await duplicate.Content.ReadAsStringAsync()).Should().Contain("已有同名或同代码的单位");
        (await saved.Content.ReadAsStringAsync()).Should().Contain("单位“海南省”已保存");
        (await stale.Content.ReadAsStringAsync()).Should().Contain("该记录已被他人修改");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        (await db.Units.SingleAsync(u => u.Id == hainan)).Name.Should().Be("海南省");
        (await db.AuditEntries.CountAsync(a => a.EntityType == "OrgUnit" && a.EntityId == hainan.ToString() && a.Action == "update")).Should().Be(1);
    }

    [Theory]
    [InlineData("planner", "/admin/users")]
    [InlineData("evaluator", "/admin/units")]
    [InlineData("bj-reporter", "/audit")]
    [InlineData("planner", "/audit")]
    [InlineData("bj-reviewer", "/audit/Plan/1")]
    public async Task AdministrationPages_ForOtherRoles_Are403(string userName, string url)
    {
        using var client = await portal.SignedInClientAsync(userName, allowAutoRedirect: false);

        var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("无权访问");
    }

    [Fact]
    public async Task AuditSearch_ByEntity_FindsTheImportOfTheShippedPlan_AndPlannersSeeItsHistory()
    {
        using var admin = await portal.SignedInClientAsync("admin");
        using var planner = await portal.SignedInClientAsync("planner");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var planId = await db.Plans.Select(p => p.Id).FirstAsync();

        var search = await admin.GetStringAsync(new Uri($"/audit?entity=Plan&id={planId}", UriKind.Relative));
        var history = await planner.GetStringAsync(new Uri($"/audit/Plan/{planId}", UriKind.Relative));

        search.Should().Contain("import-and-publish").And.Contain($"Plan #{planId}");
        history.Should().Contain("import-and-publish").And.Contain("create");
    }

    private async Task<HttpResponseMessage> PostAsync(HttpClient client, string formUrl, string postUrl, Dictionary<string, string> fields)
    {
        var form = await client.GetStringAsync(new Uri(formUrl, UriKind.Relative));
        fields["__RequestVerificationToken"] = Antiforgery.TokenIn(form);
        var response = await client.PostAsync(new Uri(postUrl, UriKind.Relative), new FormUrlEncodedContent(fields));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return response;
    }

    private async Task<int> UnitIdAsync(string code)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync();
    }

    private async Task<string> UserIdAsync(string userName)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }
}
