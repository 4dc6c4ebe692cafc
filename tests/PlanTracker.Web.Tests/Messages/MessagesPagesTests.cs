using System.Net;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Messages;
using PlanTracker.Web.Tests.Support;
using static PlanTracker.Web.Tests.Progress.ReportForms;

namespace PlanTracker.Web.Tests.Messages;

/// <summary>A unit's inbox over HTTP: its own messages only, newest first, unread marked and counted in the navigation.</summary>
public sealed class MessagesPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Inbox_ListsOnlyTheUnitsMessages_NewestFirst_AndAnotherUnitsMessageIs404()
    {
        var beijing = await UnitIdAsync(portal.ConnectionString, "110000");
        var shanghai = await UnitIdAsync(portal.ConnectionString, "310000");
        var older = await SendAsync(beijing, "北京的旧消息", DateTimeOffset.UtcNow.AddDays(-2));
        var newer = await SendAsync(beijing, "北京的新消息", DateTimeOffset.UtcNow.AddDays(-1));
        var other = await SendAsync(shanghai, "上海的消息", DateTimeOffset.UtcNow);
        using var bj = await portal.SignedInClientAsync("bj-reviewer");
        using var sh = await portal.SignedInClientAsync("sh-reporter");

        var list = await bj.GetStringAsync(Url("/messages"));

        list.Should().Contain("北京的新消息").And.Contain("北京的旧消息").And.NotContain("上海的消息");
        list.IndexOf("北京的新消息", StringComparison.Ordinal).Should().BeLessThan(list.IndexOf("北京的旧消息", StringComparison.Ordinal));
        (await bj.GetAsync(Url($"/messages/{other}"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await sh.GetAsync(Url($"/messages/{older}"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await sh.GetStringAsync(Url("/messages"))).Should().Contain("上海的消息").And.NotContain("北京");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        (await db.PortalMessages.Where(m => m.Id == older || m.Id == other).Select(m => m.ReadAt).ToListAsync()).Should().OnlyContain(r => r == null, "a 404 marks nothing read");
        newer.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Opening_MarksTheMessageRead_ByTheFirstReader_AndTheNavigationCountsUnread()
    {
        var guangdong = await UnitIdAsync(portal.ConnectionString, "440000");
        var first = await SendAsync(guangdong, "请于月底前报送", DateTimeOffset.UtcNow);
        await SendAsync(guangdong, "第二条", DateTimeOffset.UtcNow);
        using var reporter = await portal.SignedInClientAsync("gd-reporter");
        using var reviewer = await portal.SignedInClientAsync("gd-reviewer");

        (await reporter.GetStringAsync(Url("/progress"))).Should().Contain("<span class=\"badge unread-count\" title=\"2条未读消息\">2</span>");
        var opened = await reporter.GetStringAsync(Url($"/messages/{first}"));
        opened.Should().Contain("正文：请于月底前报送").And.Contain("gd-reporter于");
        await reviewer.GetStringAsync(Url($"/messages/{first}"));

        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var message = await db.PortalMessages.SingleAsync(m => m.Id == first);
        message.ReadBy.Should().Be("gd-reporter");
        message.ReadAt.Should().NotBeNull();
        (await reviewer.GetStringAsync(Url("/progress"))).Should().Contain("title=\"1条未读消息\">1</span>");
    }

    [Fact]
    public async Task Planner_HasNoInbox_403()
    {
        using var planner = await portal.SignedInClientAsync("planner", allowAutoRedirect: false);

        (await planner.GetAsync(Url("/messages"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private async Task<long> SendAsync(int unitId, string subject, DateTimeOffset at)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var message = new PortalMessage(unitId, MessageKind.Notice, null, subject, "正文：" + subject, "planner", at);
        db.PortalMessages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }
}
