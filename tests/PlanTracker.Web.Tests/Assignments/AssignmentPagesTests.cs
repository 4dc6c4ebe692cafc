using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Units;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Assignments;

/// <summary>Task assignment over HTTP against the seeded PostgreSQL database. Each test works on its own tasks.</summary>
public sealed class AssignmentPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Beijing = "110000";
    private const string Shanghai = "310000";
    private const string Guangdong = "440000";
    private const string Shenzhen = "440300";

    [Fact]
    public async Task AssignUnits_AllProvincesInOnePost_Stores31Rows_EachAudited_AndOneSummary()
    {
        var task = await TaskAsync(0);
        using var client = await portal.SignedInClientAsync("planner");

        var response = await PostAsync(client, $"/assignments/tasks/{task}", ("Groups", "Provincial"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("已保存：新增31个分配");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var rows = await db.TaskAssignments.Where(a => a.TaskId == task).Select(a => new { a.Id, a.Role, a.Unit!.Kind }).ToListAsync();
        rows.Should().HaveCount(31).And.OnlyContain(r => r.Role == AssignmentRole.Participating);
        rows.Select(r => r.Kind).Should().OnlyContain(k => k == UnitKind.Province || k == UnitKind.Municipality || k == UnitKind.AutonomousRegion);
        var ids = rows.Select(r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        (await db.AuditEntries.CountAsync(e => e.Action == "create" && e.EntityType == nameof(TaskAssignment) && ids.Contains(e.EntityId) && e.UserName == "planner")).Should().Be(31);
        (await db.AuditEntries.CountAsync(e => e.Action == "assign" && e.EntityType == nameof(PlanNode) && e.EntityId == task.ToString(System.Globalization.CultureInfo.InvariantCulture))).Should().Be(1);
    }

    [Fact]
    public async Task AssignUnits_LeadAndParticipants_ThenANewLead_DemotesThePreviousLead()
    {
        var task = await TaskAsync(1);
        var (beijing, shanghai, guangdong) = (await UnitAsync(Beijing), await UnitAsync(Shanghai), await UnitAsync(Guangdong));
        using var client = await portal.SignedInClientAsync("planner");

        await PostAsync(client, $"/assignments/tasks/{task}", ("LeadUnitId", beijing), ("UnitIds", shanghai), ("UnitIds", guangdong));
        var second = await PostAsync(client, $"/assignments/tasks/{task}", ("LeadUnitId", shanghai));

        (await second.Content.ReadAsStringAsync()).Should().Contain("原牵头单位北京市已改为参与单位");
        var roles = await RolesAsync(task);
        roles.Should().BeEquivalentTo(new Dictionary<int, AssignmentRole>
        {
            [beijing] = AssignmentRole.Participating,
            [shanghai] = AssignmentRole.Lead,
            [guangdong] = AssignmentRole.Participating,
        });
        var planId = await PlanIdAsync();
        var node = await client.GetStringAsync(new Uri($"/plans/{planId}/nodes/{task}", UriKind.Relative));
        node.Should().Contain("承担单位").And.Contain("上海市").And.Contain($"/assignments/tasks/{task}");
    }

    [Fact]
    public async Task Remove_AnAssignment_DeletesThatRowOnly()
    {
        var task = await TaskAsync(2);
        var (beijing, shanghai) = (await UnitAsync(Beijing), await UnitAsync(Shanghai));
        using var client = await portal.SignedInClientAsync("planner");
        await PostAsync(client, $"/assignments/tasks/{task}", ("LeadUnitId", beijing), ("UnitIds", shanghai));

        var response = await PostAsync(client, $"/assignments/tasks/{task}/remove", ("UnitId", shanghai));

        (await response.Content.ReadAsStringAsync()).Should().Contain("已移除1个分配");
        (await RolesAsync(task)).Should().BeEquivalentTo(new Dictionary<int, AssignmentRole> { [beijing] = AssignmentRole.Lead });
    }

    [Fact]
    public async Task AssignTasks_AWholeSpecialColumnAndOneTaskAsLead_ToOneUnit()
    {
        var planId = await PlanIdAsync();
        var shenzhen = await UnitAsync(Shenzhen);
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var column = await db.PlanNodes.SingleAsync(n => n.Kind == NodeKind.SpecialColumn && n.Title == "电子商务");
        var columnTasks = await db.PlanNodes.Where(n => n.ParentId == column.Id && n.Kind == NodeKind.Task).Select(n => n.Id).ToListAsync();
        var otherTask = await TaskAsync(47);
        using var client = await portal.SignedInClientAsync("planner");

        var first = await PostAsync(client, $"/assignments/units/{shenzhen}", ("PlanId", planId), ("Role", "Participating"), ("ColumnIds", column.Id));
        var second = await PostAsync(client, $"/assignments/units/{shenzhen}", ("PlanId", planId), ("Role", "Lead"), ("TaskIds", otherTask));

        (await first.Content.ReadAsStringAsync()).Should().Contain("已保存：新增10个分配");
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        var held = await db.TaskAssignments.Where(a => a.UnitId == shenzhen).ToDictionaryAsync(a => a.TaskId, a => a.Role);
        held.Should().HaveCount(11);
        held.Keys.Should().Contain(columnTasks);
        held[otherTask].Should().Be(AssignmentRole.Lead);

        var page = await client.GetStringAsync(new Uri($"/units/{shenzhen}", UriKind.Relative));
        page.Should().Contain("承担的重点任务（11项）").And.Contain("牵头1项，参与10项").And.Contain($"/plans/{planId}/nodes/{otherTask}");
    }

    [Fact]
    public async Task Refusals_UnknownUnit_Ministry_TaskOfAnotherPlan_OrNotATask_LeaveNothingChanged()
    {
        var task = await TaskAsync(3);
        var planId = await PlanIdAsync();
        var beijing = await UnitAsync(Beijing);
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var ministry = await db.Units.Where(u => u.Kind == UnitKind.Ministry).Select(u => u.Id).SingleAsync();
        var chapter = await db.PlanNodes.Where(n => n.Kind == NodeKind.Chapter).Select(n => n.Id).FirstAsync();
        var before = await db.TaskAssignments.CountAsync();
        var auditBefore = await db.AuditEntries.CountAsync();
        using var client = await portal.SignedInClientAsync("planner");

        var unknownUnit = await PostAsync(client, $"/assignments/tasks/{task}", ("LeadUnitId", beijing), ("UnitIds", 999999));
        var ministryAsAssignee = await PostAsync(client, $"/assignments/tasks/{task}", ("UnitIds", beijing), ("UnitIds", ministry));
        var otherPlan = await PostAsync(client, $"/assignments/units/{beijing}", ("PlanId", 999999), ("Role", "Participating"), ("TaskIds", task));
        var notATask = await PostAsync(client, $"/assignments/units/{beijing}", ("PlanId", planId), ("Role", "Participating"), ("TaskIds", task), ("TaskIds", chapter));
        var chapterAsTaskRoute = await PostAsync(client, $"/assignments/tasks/{chapter}", ("UnitIds", beijing));

        foreach (var response in new[] { unknownUnit, ministryAsAssignee, otherPlan, notATask })
        {
            response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        }

        chapterAsTaskRoute.StatusCode.Should().Be(HttpStatusCode.NotFound, "a node that is not a task has no assignment page");

        (await unknownUnit.Content.ReadAsStringAsync()).Should().Contain("所选单位（编号999999）不存在，未作任何更改");
        (await ministryAsAssignee.Content.ReadAsStringAsync()).Should().Contain("科学技术部不是填报单位");
        (await otherPlan.Content.ReadAsStringAsync()).Should().Contain("不属于该规划的当前版本，未作任何更改");
        (await notATask.Content.ReadAsStringAsync()).Should().Contain("不属于该规划的当前版本，未作任何更改");
        (await db.TaskAssignments.CountAsync()).Should().Be(before);
        (await db.AuditEntries.CountAsync()).Should().Be(auditBefore);
    }

    [Fact]
    public async Task Reporter_SeesOwnUnitWithItsAssignments_Gets404ForAnotherUnit_AndIsDeniedThePlannerPages()
    {
        var task = await TaskAsync(4);
        var (beijing, shanghai) = (await UnitAsync(Beijing), await UnitAsync(Shanghai));
        using (var planner = await portal.SignedInClientAsync("planner"))
        {
            await PostAsync(planner, $"/assignments/tasks/{task}", ("LeadUnitId", beijing), ("UnitIds", shanghai));
        }

        using var client = await portal.SignedInClientAsync("bj-reporter", allowAutoRedirect: false);

        var own = await client.GetAsync(new Uri($"/units/{beijing}", UriKind.Relative));
        var other = await client.GetAsync(new Uri($"/units/{shanghai}", UriKind.Relative));
        var list = await client.GetStringAsync(new Uri("/units", UriKind.Relative));
        var plannerPage = await client.GetAsync(new Uri($"/assignments/tasks/{task}", UriKind.Relative));
        var plannerUnitPage = await client.GetAsync(new Uri($"/assignments/units/{beijing}", UriKind.Relative));

        own.StatusCode.Should().Be(HttpStatusCode.OK);
        var ownHtml = await own.Content.ReadAsStringAsync();
        ownHtml.Should().Contain("北京市").And.Contain($"/plans/{await PlanIdAsync()}/nodes/{task}").And.Contain("牵头");
        ownHtml.Should().NotContain("为本单位分配任务");
        other.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.Content.ReadAsStringAsync()).Should().Contain("页面不存在").And.NotContain("上海市");
        list.Should().Contain("北京市").And.NotContain("上海市").And.NotContain("科学技术部</a>");
        list.Should().Contain($"href=\"/units/{beijing}\">本单位</a>");
        foreach (var denied in new[] { plannerPage, plannerUnitPage })
        {
            denied.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the planner's pages are forbidden to a reporter");
        }
    }

    [Fact]
    public async Task Evaluator_ReadsAnyUnitPage_ButIsDeniedAssignmentPosts()
    {
        var task = await TaskAsync(5);
        var shanghai = await UnitAsync(Shanghai);
        using var client = await portal.SignedInClientAsync("evaluator", allowAutoRedirect: false);

        var unitPage = await client.GetAsync(new Uri($"/units/{shanghai}", UriKind.Relative));
        var list = await client.GetStringAsync(new Uri("/units", UriKind.Relative));
        var post = await client.PostAsync(new Uri($"/assignments/tasks/{task}", UriKind.Relative), Form(Antiforgery.TokenIn(list), ("UnitIds", shanghai)));

        unitPage.StatusCode.Should().Be(HttpStatusCode.OK);
        list.Should().Contain("上海市").And.Contain("深圳市").And.Contain("新疆生产建设兵团").And.Contain("中关村科技园区").And.Contain("110000");
        post.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await RolesAsync(task)).Should().BeEmpty();
    }

    private async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, params (string Name, object Value)[] fields)
    {
        var page = await client.GetStringAsync(new Uri("/units", UriKind.Relative));
        return await client.PostAsync(new Uri(path, UriKind.Relative), Form(Antiforgery.TokenIn(page), fields));
    }

    private static FormUrlEncodedContent Form(string token, params (string Name, object Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, Convert.ToString(f.Value, System.Globalization.CultureInfo.InvariantCulture)!))
            .Append(new KeyValuePair<string, string>("__RequestVerificationToken", token)));

    private async Task<int> TaskAsync(int index)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.PlanNodes.Where(n => n.Kind == NodeKind.Task).OrderBy(n => n.Position).Select(n => n.Id).Skip(index).FirstAsync();
    }

    private async Task<int> UnitAsync(string code)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync();
    }

    private async Task<int> PlanIdAsync()
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.Plans.Select(p => p.Id).SingleAsync();
    }

    private async Task<Dictionary<int, AssignmentRole>> RolesAsync(int task)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.TaskAssignments.Where(a => a.TaskId == task).ToDictionaryAsync(a => a.UnitId, a => a.Role);
    }
}
