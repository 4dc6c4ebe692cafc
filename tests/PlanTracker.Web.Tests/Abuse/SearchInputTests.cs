using System.Net;
using Microsoft.EntityFrameworkCore;
using PlanTracker.TestSupport;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Abuse;

/// <summary>
/// SQL-looking and malformed input in every search and filter box and page number: the page answers (200, or 422 with
/// a Chinese message where the box expects a date), never 500; LIKE wildcards match themselves, not everything; a
/// NUL or a broken UTF-8 sequence is dropped, not sent to PostgreSQL; and the tables are all still there afterwards.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Abuse)]
public sealed class SearchInputTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    /// <summary>Values as they go into a URL: already percent-encoded, so that a NUL, a lone surrogate's bytes and an overlong dot can be sent.</summary>
    public static readonly TheoryData<string> Hostile = new()
    {
        Uri.EscapeDataString("' OR 1=1 --"),
        Uri.EscapeDataString("'; DROP TABLE plans; --"),
        Uri.EscapeDataString("\") OR (\"1\"=\"1"),
        Uri.EscapeDataString("%%%%"),
        Uri.EscapeDataString("____"),
        Uri.EscapeDataString("\\%\\_\\\\"),
        Uri.EscapeDataString("1 UNION SELECT password_hash FROM users"),
        "a%00b",
        "%00",
        "%ED%A0%80",
        "%C0%AE%C0%AE%2F",
        "%FF%FE",
        Uri.EscapeDataString(new string('国', 5000)),
        Uri.EscapeDataString("$$ || pg_sleep(5) || $$"),
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task EverySearchAndFilterBox_AnswersWithoutAServerError_AndFindsNothingForTheTrick(string value)
    {
        using var planner = await portal.SignedInClientAsync("planner");
        using var admin = await portal.SignedInClientAsync("admin");
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        var plan = await PlanIdAsync();

        var search = await HtmlAsync(planner, $"/plans/search?q={value}");
        search.Should().NotContain("<ol class=\"hits\">", "no plan text contains the trick, and it is not a wildcard");
        search.Should().ContainAny("没有找到包含", "检索词不能超过", "按字查找");
        await HtmlAsync(planner, $"/plans/search?q={value}&plan={plan}&page={value}");

        var users = await HtmlAsync(admin, $"/admin/users?q={value}");
        if (value != "%00")
        {
            // (A lone NUL is dropped, leaving an empty filter: the whole list, rightly.)
            users.Should().NotContain("bj-reporter", "the user list is filtered by the text itself");
        }

        await HtmlAsync(admin, $"/audit?user={value}&entity={value}&id={value}&from={value}&unit={value}");
        await HtmlAsync(planner, $"/monitoring/plans/{plan}/warnings?state={value}&colour={value}&kind={value}&unit={value}&page={value}");
        await HtmlAsync(reporter, $"/messages?page={value}");
        await HtmlAsync(planner, $"/monitoring/plans/{plan}?asOf={value}", HttpStatusCode.OK, HttpStatusCode.UnprocessableEntity, HttpStatusCode.NotFound);
        var window = await planner.GetAsync(Url($"/plans/{plan}/adjustment-report?from={value}&to={value}"));
        if (value != "%00")
        {
            window.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
            (await window.Content.ReadAsStringAsync()).Should().Contain("报告期的日期应按");
        }
        else
        {
            window.StatusCode.Should().Be(HttpStatusCode.OK, "an empty date is the default window");
        }

        await AssertTablesStandAsync();
    }

    [Theory]
    [InlineData("2147483647")]
    [InlineData("-2147483648")]
    [InlineData("0")]
    public async Task AnyPageNumber_GivesAPage_NotAServerError(string page)
    {
        using var planner = await portal.SignedInClientAsync("planner");
        using var admin = await portal.SignedInClientAsync("admin");
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        var plan = await PlanIdAsync();

        await HtmlAsync(planner, $"/plans/search?q=%E6%9C%8D%E5%8A%A1&page={page}");
        await HtmlAsync(admin, $"/admin/users?page={page}");
        await HtmlAsync(admin, $"/audit?page={page}");
        await HtmlAsync(reporter, $"/messages?page={page}");
        await HtmlAsync(planner, $"/monitoring/plans/{plan}/warnings?page={page}");
        await HtmlAsync(planner, $"/plans/{plan}/adjustments?page={page}");
    }

    [Fact]
    public async Task AWildcardSearch_FindsOnlyTheLiteralText()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        // "服务" is in the plan; "服%务" and "服_务" are not, and would match it if % and _ were wildcards.
        (await HtmlAsync(planner, "/plans/search?q=" + Uri.EscapeDataString("服务"))).Should().Contain("<ol class=\"hits\">");
        (await HtmlAsync(planner, "/plans/search?q=" + Uri.EscapeDataString("服%务"))).Should().Contain("没有找到包含“服%务”的内容");
        (await HtmlAsync(planner, "/plans/search?q=" + Uri.EscapeDataString("服_务"))).Should().Contain("没有找到包含“服_务”的内容");
        (await HtmlAsync(planner, "/plans/search?q=" + Uri.EscapeDataString("服务%00"))).Should().Contain("没有找到包含");

        // A NUL inside a word is dropped before the query: the word is found.
        (await HtmlAsync(planner, "/plans/search?q=%E6%9C%8D%00%E5%8A%A1")).Should().Contain("<ol class=\"hits\">");
    }

    [Fact]
    public async Task PostgreSQL_RefusesANulInText_WhichIsWhyTheBinderDropsIt()
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var withNul = "a\0b";

        var query = async () => await db.Plans.Where(p => p.Title == withNul).CountAsync();

        (await query.Should().ThrowAsync<Npgsql.PostgresException>()).Which.SqlState.Should().Be("22021");
    }

    private async Task<int> PlanIdAsync()
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.Plans.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
    }

    private async Task AssertTablesStandAsync()
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        (await db.Plans.IgnoreQueryFilters().CountAsync()).Should().BePositive();
        (await db.Users.CountAsync()).Should().BeGreaterThan(5);
        (await db.PlanNodes.IgnoreQueryFilters().CountAsync()).Should().BePositive();
        (await db.AuditEntries.CountAsync()).Should().BePositive();
    }

    private static async Task<string> HtmlAsync(HttpClient client, string url, params HttpStatusCode[] allowed)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().BeOneOf(allowed.Length == 0 ? [HttpStatusCode.OK] : allowed, $"{url} answers without a server error");
        return html;
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);
}
