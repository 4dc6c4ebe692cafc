using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Seed;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.PlanDrafts;

/// <summary>Planners import, shape and publish plans, over HTTP against real PostgreSQL.</summary>
public sealed class DraftPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static int _serial;

    [Fact]
    public async Task Preview_ShippedPlanUnderAnotherDocumentNumber_ShowsTreeCoverIndicatorsAndWarnings_AndStoresNothing()
    {
        // Arrange: the shipped plan is already imported; the same text under another 文号 and title is a new plan.
        using var client = await portal.SignedInClientAsync("planner");
        var text = SeedResources.ReadText(SeedResources.ShippedPlanFileName)
            .Replace("国科发计〔2012〕70号", "国科发计〔2012〕970号", StringComparison.Ordinal)
            .Replace("现代服务业科技发展“十二五”专项规划", "现代服务业科技发展“十二五”专项规划（修订稿）", StringComparison.Ordinal);
        var plans = await CountPlansAsync();

        // Act
        var (status, html) = await PostPreviewAsync(client, text);

        // Assert
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("导入预览").And.Contain("国科发计〔2012〕970号").And.Contain("科学技术部").And.Contain("2012-01-29").And.Contain("2011—2015年");
        html.Should().Contain("共9章、6个专栏、48项重点任务、0项指标");
        html.Should().Contain("电子商务云服务技术与平台研发");
        html.Should().Contain("(7.13,0.13,1.86%)").And.Contain("第81行");
        html.Should().Contain("type=\"hidden\" name=\"Text\"", "the text goes back with the import form");
        (await CountPlansAsync()).Should().Be(plans);
    }

    [Fact]
    public async Task Preview_ShippedPlanText_SaysItIsAlreadyImported()
    {
        using var client = await portal.SignedInClientAsync("planner");

        var (_, html) = await PostPreviewAsync(client, SeedResources.ReadText(SeedResources.ShippedPlanFileName));

        html.Should().Contain("该文本已导入").And.NotContain("导入预览");
    }

    [Fact]
    public async Task Preview_SmallPlanWithIndicatorTable_ShowsIndicators()
    {
        using var client = await portal.SignedInClientAsync("planner");
        var text = SmallPlan(out _) + """
            表1　主要指标
            领域	指标	2020年	2025年	属性
            创新投入	研发经费投入强度（%）	2.3	≥2.8	预期性
            """;

        var (_, html) = await PostPreviewAsync(client, text);

        html.Should().Contain("研发经费投入强度").And.Contain("≥2.8").And.Contain("预期性");
    }

    [Fact]
    public async Task Preview_GbkFile_IsRefusedAsNotUtf8_AndStoresNothing()
    {
        // Arrange
        using var client = await portal.SignedInClientAsync("planner");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding("GBK").GetBytes(SmallPlan(out _));
        var plans = await CountPlansAsync();

        // Act
        var (status, html) = await PostPreviewFileAsync(client, gbk);

        // Assert
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("文件不是 UTF-8 编码（可能是 GBK/GB2312），请另存为 UTF-8 后重试");
        (await CountPlansAsync()).Should().Be(plans);
    }

    [Fact]
    public async Task Preview_Utf8File_ShowsThePreview()
    {
        using var client = await portal.SignedInClientAsync("planner");

        var (_, html) = await PostPreviewFileAsync(client, Encoding.UTF8.GetBytes(SmallPlan(out var title)));

        html.Should().Contain("导入预览").And.Contain(title);
    }

    [Theory]
    [InlineData("", "文件为空")]
    [InlineData("   \n  ", "文件为空")]
    [InlineData("一份会议纪要\n会议讨论了工作安排。", "未找到规划结构")]
    public async Task Preview_EmptyOrNoStructure_SaysWhy(string text, string expected)
    {
        using var client = await portal.SignedInClientAsync("planner");

        var (status, html) = await PostPreviewAsync(client, text);

        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain(expected).And.NotContain("导入预览");
    }

    [Fact]
    public async Task Preview_Over4MegaBytes_IsRefused()
    {
        using var client = await portal.SignedInClientAsync("planner");

        var (_, html) = await PostPreviewAsync(client, SmallPlan(out _) + new string('文', 1_400_000));

        html.Should().Contain("文件过大").And.Contain("不超过 4 MB");
    }

    [Fact]
    public async Task Import_FromPreview_StoresADraftByThePlannerAndOpensTheEditor()
    {
        // Arrange
        using var client = await portal.SignedInClientAsync("planner");
        var text = SmallPlan(out var title);

        // Act
        var response = await PostAsync(client, "/drafts/import", await TokenAsync(client, "/drafts/import"), new() { ["Text"] = text });
        var html = await response.Content.ReadAsStringAsync();

        // Assert
        response.RequestMessage!.RequestUri!.AbsolutePath.Should().MatchRegex("^/drafts/[0-9]+$");
        html.Should().Contain("已导入为草案").And.Contain(title).And.Contain("云服务平台");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var plan = await db.Plans.Include(p => p.Versions).SingleAsync(p => p.Title == title);
        plan.Status.Should().Be(PlanStatus.Draft);
        plan.DocumentNumber.Should().MatchRegex("^国科发计〔2026〕[0-9]+号$");
        plan.Versions.Single().Status.Should().Be(PlanVersionStatus.Draft);
        (await db.AuditEntries.AnyAsync(a => a.Action == "import" && a.EntityId == plan.Id.ToString(CultureInfo.InvariantCulture) && a.UserName == "planner")).Should().BeTrue();
        (await client.GetStringAsync(new Uri("/drafts", UriKind.Relative))).Should().Contain(title);
    }

    [Fact]
    public async Task Import_SameDocumentNumberTwice_IsRefusedTheSecondTime()
    {
        using var client = await portal.SignedInClientAsync("planner");
        var text = SmallPlan(out var title);
        await ImportAsync(client, text);

        var response = await PostAsync(client, "/drafts/import", await TokenAsync(client, "/drafts/import"), new() { ["Text"] = text.Replace("云服务平台", "云平台", StringComparison.Ordinal) });

        (await response.Content.ReadAsStringAsync()).Should().Contain("的规划已存在");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        (await db.Plans.CountAsync(p => p.Title == title)).Should().Be(1);
    }

    [Fact]
    public async Task Rename_Task_ChangesTitleAndText()
    {
        var (client, planId) = await DraftAsync();
        var task = await NodeAsync(planId, "云服务平台");

        var html = await EditAsync(client, planId, $"nodes/{task}/rename", new() { ["Title"] = "云服务公共平台", ["Text"] = "建设云服务公共平台。" });

        html.Should().Contain("已修改名称").And.Contain("云服务公共平台");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var node = await db.PlanNodes.SingleAsync(n => n.Id == task);
        (node.Title, node.Text).Should().Be(("云服务公共平台", "建设云服务公共平台。"));
    }

    [Fact]
    public async Task Rename_EmptyOrTooLongTitle_SaysWhyAndChangesNothing()
    {
        var (client, planId) = await DraftAsync();
        var task = await NodeAsync(planId, "云服务平台");

        (await EditAsync(client, planId, $"nodes/{task}/rename", new() { ["Title"] = " " })).Should().Contain("名称不能为空");
        (await EditAsync(client, planId, $"nodes/{task}/rename", new() { ["Title"] = new string('题', 1001) })).Should().Contain("名称不能超过1000字");

        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        (await db.PlanNodes.SingleAsync(n => n.Id == task)).Title.Should().Be("云服务平台");
    }

    [Fact]
    public async Task Move_TaskUp_SwapsPositionsInPostgres()
    {
        var (client, planId) = await DraftAsync();
        var third = await NodeAsync(planId, "智能客服系统");

        var html = await EditAsync(client, planId, $"nodes/{third}/move", new() { ["Direction"] = "up" });

        html.Should().Contain("已移动");
        (await TitlesUnderAsync(planId, "智慧服务")).Should().Equal("云服务平台", "智能客服系统", "数据交易平台");
        await AssertPositionsConsistentAsync(planId);
    }

    [Fact]
    public async Task Move_SectionWithItsSubtreeDown_RenumbersEveryPosition()
    {
        var (client, planId) = await DraftAsync();
        var section = await NodeAsync(planId, "数字服务");

        await EditAsync(client, planId, $"nodes/{section}/move", new() { ["Direction"] = "down" });

        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var titles = await db.PlanNodes.Where(n => db.PlanVersions.Any(v => v.Id == n.PlanVersionId && v.PlanId == planId) && n.Kind != NodeKind.Paragraph)
            .OrderBy(n => n.Position).Select(n => n.Title).ToListAsync();
        titles.Should().ContainInOrder("绿色服务", "数字服务", "智慧服务", "云服务平台", "数据交易平台", "智能客服系统", "保障措施");
        await AssertPositionsConsistentAsync(planId);
    }

    [Fact]
    public async Task Reparent_TaskToAnotherSection_MovesIt()
    {
        var (client, planId) = await DraftAsync();
        var task = await NodeAsync(planId, "云服务平台");
        var green = await NodeAsync(planId, "绿色服务");

        (await EditAsync(client, planId, $"nodes/{task}/reparent", new() { ["ParentId"] = green.ToString(CultureInfo.InvariantCulture) })).Should().Contain("已移动");

        (await TitlesUnderAsync(planId, "绿色服务")).Should().Equal("云服务平台");
        await AssertPositionsConsistentAsync(planId);
    }

    [Fact]
    public async Task Split_Task_ReplacesItWithNewTasks()
    {
        var (client, planId) = await DraftAsync();
        var task = await NodeAsync(planId, "数据交易平台");

        var html = await EditAsync(client, planId, $"nodes/{task}/split", new() { ["Titles"] = "数据确权平台\r\n数据定价平台\r\n" });

        html.Should().Contain("已拆分任务");
        (await TitlesUnderAsync(planId, "智慧服务")).Should().Equal("云服务平台", "数据确权平台", "数据定价平台", "智能客服系统");
        await AssertPositionsConsistentAsync(planId);
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        (await db.AuditEntries.CountAsync(a => a.Action == "split-task" && a.UserName == "planner")).Should().BePositive();
    }

    [Fact]
    public async Task Merge_TwoTasksOfOneColumn_KeepsTheFirstsKeyAndRemovesTheOther()
    {
        // Arrange
        var (client, planId) = await DraftAsync();
        var first = await NodeAsync(planId, "云服务平台");
        var third = await NodeAsync(planId, "智能客服系统");
        await using var before = SeededDatabase.CreateContext(portal.ConnectionString);
        var key = (await before.PlanNodes.SingleAsync(n => n.Id == first)).Key;

        // Act
        var html = await EditAsync(client, planId, "merge", new() { ["TaskIds"] = new[] { first.ToString(CultureInfo.InvariantCulture), third.ToString(CultureInfo.InvariantCulture) }, ["Title"] = "云服务与智能客服" });

        // Assert
        html.Should().Contain("已合并任务");
        (await TitlesUnderAsync(planId, "智慧服务")).Should().Equal("云服务与智能客服", "数据交易平台");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var merged = await db.PlanNodes.SingleAsync(n => n.Id == first);
        merged.Key.Should().Be(key);
        merged.Text.Should().Be("云服务平台\n智能客服系统");
        (await db.PlanNodes.AnyAsync(n => n.Id == third)).Should().BeFalse();
        (await db.AuditEntries.AnyAsync(a => a.Action == "merge-tasks")).Should().BeTrue();
        await AssertPositionsConsistentAsync(planId);
    }

    [Fact]
    public async Task Merge_TasksOfDifferentParents_SaysWhyAndChangesNothing()
    {
        var (client, planId) = await DraftAsync();
        var task = await NodeAsync(planId, "云服务平台");
        var moved = await NodeAsync(planId, "智能客服系统");
        await EditAsync(client, planId, $"nodes/{moved}/reparent", new() { ["ParentId"] = (await NodeAsync(planId, "绿色服务")).ToString(CultureInfo.InvariantCulture) });

        var html = await EditAsync(client, planId, "merge", new() { ["TaskIds"] = new[] { task.ToString(CultureInfo.InvariantCulture), moved.ToString(CultureInfo.InvariantCulture) }, ["Title"] = "合并" });

        html.Should().Contain("只能合并同一专栏或同一上级下的任务");
        (await TitlesUnderAsync(planId, "智慧服务")).Should().Equal("云服务平台", "数据交易平台");
    }

    [Fact]
    public async Task Edits_NamingANodeOfAnotherPlan_Answer404()
    {
        // Arrange
        var (client, planId) = await DraftAsync();
        var (_, otherPlanId) = await DraftAsync();
        var ours = await NodeAsync(planId, "云服务平台");
        var theirs = await NodeAsync(otherPlanId, "数据交易平台");
        var token = await TokenAsync(client, $"/drafts/{planId}");
        var rowVersion = await RowVersionAsync(planId);

        // Act
        var merge = await PostAsync(client, $"/drafts/{planId}/merge", token, new() { ["RowVersion"] = rowVersion, ["TaskIds"] = new[] { ours.ToString(CultureInfo.InvariantCulture), theirs.ToString(CultureInfo.InvariantCulture) }, ["Title"] = "合并" });
        var rename = await PostAsync(client, $"/drafts/{planId}/nodes/{theirs}/rename", token, new() { ["RowVersion"] = rowVersion, ["Title"] = "改名" });
        var page = await client.GetAsync(new Uri($"/drafts/{planId}/nodes/{theirs}", UriKind.Relative));

        // Assert
        merge.StatusCode.Should().Be(HttpStatusCode.NotFound);
        rename.StatusCode.Should().Be(HttpStatusCode.NotFound);
        page.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AddTask_UnderAColumn_AppendsIt()
    {
        var (client, planId) = await DraftAsync();
        var column = await NodeAsync(planId, "智慧服务");

        var html = await EditAsync(client, planId, $"nodes/{column}/tasks", new() { ["Title"] = "服务质量监测平台", ["Text"] = "建设服务质量监测平台。" });

        html.Should().Contain("已新增任务").And.Contain("服务质量监测平台");
        (await TitlesUnderAsync(planId, "智慧服务")).Should().Equal("云服务平台", "数据交易平台", "智能客服系统", "服务质量监测平台");
        await AssertPositionsConsistentAsync(planId);
    }

    [Fact]
    public async Task Edit_WithAStaleRowVersion_IsRefusedAsChangedBySomeoneElse()
    {
        // Arrange: two edits from the same page; the first changes the version's xmin.
        var (client, planId) = await DraftAsync();
        var task = await NodeAsync(planId, "云服务平台");
        var token = await TokenAsync(client, $"/drafts/{planId}");
        var seen = await RowVersionAsync(planId);
        await PostAsync(client, $"/drafts/{planId}/nodes/{task}/rename", token, new() { ["RowVersion"] = seen, ["Title"] = "第一次修改" });

        // Act
        var response = await PostAsync(client, $"/drafts/{planId}/nodes/{task}/rename", token, new() { ["RowVersion"] = seen, ["Title"] = "第二次修改" });

        // Assert
        (await response.Content.ReadAsStringAsync()).Should().Contain("该草案已被他人修改");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        (await db.PlanNodes.SingleAsync(n => n.Id == task)).Title.Should().Be("第一次修改");
    }

    [Fact]
    public async Task Publish_MakesThePlanVisibleToEveryone_AndTheEditorRefusesEdits()
    {
        // Arrange
        var (client, planId) = await DraftAsync();
        var title = await PlanTitleAsync(planId);
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        (await reporter.GetStringAsync(new Uri("/plans", UriKind.Relative))).Should().NotContain(title);

        // Act
        var html = await EditAsync(client, planId, "publish", []);

        // Assert
        html.Should().Contain("规划已发布");
        (await reporter.GetStringAsync(new Uri("/plans", UriKind.Relative))).Should().Contain(title);
        (await reporter.GetAsync(new Uri($"/plans/{planId}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var version = await db.PlanVersions.Include(v => v.Plan).SingleAsync(v => v.PlanId == planId);
        (version.Status, version.Plan!.Status).Should().Be((PlanVersionStatus.Published, PlanStatus.Published));
        version.PublishedAt.Should().NotBeNull();
        (await db.AuditEntries.AnyAsync(a => a.Action == "publish" && a.EntityId == version.Id.ToString(CultureInfo.InvariantCulture))).Should().BeTrue();

        var task = await NodeAsync(planId, "云服务平台");
        (await EditAsync(client, planId, $"nodes/{task}/rename", new() { ["Title"] = "改名" })).Should().Contain("已发布的版本不能直接修改，请通过动态调整提出变更");
        (await EditAsync(client, planId, "publish", [])).Should().Contain("已发布的版本不能直接修改");
        (await db.PlanNodes.AsNoTracking().SingleAsync(n => n.Id == task)).Title.Should().Be("云服务平台");
    }

    [Fact]
    public async Task Draft_IsNotFoundForAReporter_AtPlans()
    {
        var (_, planId) = await DraftAsync();
        using var reporter = await portal.SignedInClientAsync("bj-reporter");

        (await reporter.GetAsync(new Uri($"/plans/{planId}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await reporter.GetStringAsync(new Uri("/plans", UriKind.Relative))).Should().NotContain(await PlanTitleAsync(planId));
    }

    [Theory]
    [InlineData("bj-reporter")]
    [InlineData("evaluator")]
    public async Task EveryDraftsRoute_IsForbiddenToANonPlanner(string userName)
    {
        // Arrange
        var (_, planId) = await DraftAsync();
        var task = await NodeAsync(planId, "云服务平台");
        using var client = await portal.SignedInClientAsync(userName, allowAutoRedirect: false);
        var token = Antiforgery.TokenIn(await (await client.GetAsync(new Uri("/plans", UriKind.Relative))).Content.ReadAsStringAsync());
        string[] gets = ["/drafts", "/drafts/import", $"/drafts/{planId}", $"/drafts/{planId}/nodes/{task}"];
        string[] posts = ["/drafts/preview", "/drafts/import", $"/drafts/{planId}/nodes/{task}/rename", $"/drafts/{planId}/nodes/{task}/move", $"/drafts/{planId}/nodes/{task}/reparent",
            $"/drafts/{planId}/nodes/{task}/split", $"/drafts/{planId}/nodes/{task}/tasks", $"/drafts/{planId}/merge", $"/drafts/{planId}/publish"];

        // Act
        var responses = new List<(string Route, HttpResponseMessage Response)>();
        foreach (var route in gets)
        {
            responses.Add((route, await client.GetAsync(new Uri(route, UriKind.Relative))));
        }

        foreach (var route in posts)
        {
            responses.Add((route, await PostAsync(client, route, token, new() { ["Title"] = "越权", ["Text"] = SmallPlan(out _) })));
        }

        // Assert: the portal's forbid answer (403 with the Chinese page), never the page or the change.
        responses.Should().OnlyContain(r => r.Response.StatusCode == HttpStatusCode.Forbidden);
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        (await db.PlanNodes.SingleAsync(n => n.Id == task)).Title.Should().Be("云服务平台");
    }

    /// <summary>A small plan with a unique title and 文号: three chapters, a section with a 专栏 of three projects.</summary>
    private static string SmallPlan(out string title)
    {
        var n = Interlocked.Increment(ref _serial) + (Environment.ProcessId % 90 * 100);
        title = $"某某科技发展“十四五”专项规划{n}";
        return $"""
            {title}
            国科发计〔2026〕{n}号
            一、发展基础
            创新能力持续增强。
            二、重点任务
            （一）数字服务
            推进数字服务发展。
            专栏：智慧服务
            云服务平台、数据交易平台、智能客服系统。
            （二）绿色服务
            三、保障措施
            加强组织领导。

            """;
    }

    private async Task<(HttpClient Client, int PlanId)> DraftAsync()
    {
        var client = await portal.SignedInClientAsync("planner");
        return (client, await ImportAsync(client, SmallPlan(out _)));
    }

    private static async Task<int> ImportAsync(HttpClient client, string text)
    {
        var response = await PostAsync(client, "/drafts/import", await TokenAsync(client, "/drafts/import"), new() { ["Text"] = text });
        var path = response.RequestMessage!.RequestUri!.AbsolutePath;
        path.Should().MatchRegex("^/drafts/[0-9]+$");
        return int.Parse(path["/drafts/".Length..], CultureInfo.InvariantCulture);
    }

    /// <summary>Posts an edit with the version's current xmin and answers the page it redirects to.</summary>
    private async Task<string> EditAsync(HttpClient client, int planId, string action, Dictionary<string, StringOrList> fields)
    {
        fields["RowVersion"] = await RowVersionAsync(planId);
        var response = await PostAsync(client, $"/drafts/{planId}/{action}", await TokenAsync(client, $"/drafts/{planId}"), fields);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.RequestMessage!.RequestUri!.AbsolutePath.Should().Be($"/drafts/{planId}");
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string token, Dictionary<string, StringOrList> fields)
    {
        var pairs = fields.SelectMany(f => f.Value.Values.Select(v => new KeyValuePair<string, string>(f.Key, v))).ToList();
        pairs.Add(new("__RequestVerificationToken", token));
        using var content = new FormUrlEncodedContent(pairs);
        return await client.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    private static async Task<string> TokenAsync(HttpClient client, string page) =>
        Antiforgery.TokenIn(await client.GetStringAsync(new Uri(page, UriKind.Relative)));

    private static async Task<(HttpStatusCode, string)> PostPreviewAsync(HttpClient client, string text)
    {
        var response = await PostAsync(client, "/drafts/preview", await TokenAsync(client, "/drafts/import"), new() { ["Text"] = text });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<(HttpStatusCode, string)> PostPreviewFileAsync(HttpClient client, byte[] bytes)
    {
        using var content = new MultipartFormDataContent();
        using var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        content.Add(file, "File", "plan.txt");
        using var token = new StringContent(await TokenAsync(client, "/drafts/import"));
        content.Add(token, "__RequestVerificationToken");
        var response = await client.PostAsync(new Uri("/drafts/preview", UriKind.Relative), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<int> CountPlansAsync()
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.Plans.CountAsync();
    }

    private async Task<string> RowVersionAsync(int planId)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var rowVersion = await db.PlanVersions.Where(v => v.PlanId == planId).OrderByDescending(v => v.Number).Select(v => v.RowVersion).FirstAsync();
        return rowVersion.ToString(CultureInfo.InvariantCulture);
    }

    private async Task<string> PlanTitleAsync(int planId)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.Plans.Where(p => p.Id == planId).Select(p => p.Title).SingleAsync();
    }

    private async Task<int> NodeAsync(int planId, string title)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.PlanNodes.Where(n => n.Title == title && db.PlanVersions.Any(v => v.Id == n.PlanVersionId && v.PlanId == planId)).Select(n => n.Id).SingleAsync();
    }

    private async Task<List<string>> TitlesUnderAsync(int planId, string parentTitle)
    {
        var parent = await NodeAsync(planId, parentTitle);
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var children = await db.PlanNodes.Where(n => n.ParentId == parent).OrderBy(n => n.Position).Select(n => new { n.Title, n.Ordinal }).ToListAsync();
        children.Select(c => c.Ordinal).Should().Equal(Enumerable.Range(1, children.Count));
        return children.ConvertAll(c => c.Title);
    }

    /// <summary>Positions 0…n-1 over the version; a child after its parent, one deeper.</summary>
    private async Task AssertPositionsConsistentAsync(int planId)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var nodes = await db.PlanNodes.Where(n => db.PlanVersions.Any(v => v.Id == n.PlanVersionId && v.PlanId == planId))
            .OrderBy(n => n.Position).Select(n => new { n.Id, n.ParentId, n.Position, n.Depth }).ToListAsync();
        nodes.Select(n => n.Position).Should().Equal(Enumerable.Range(0, nodes.Count));
        var byId = nodes.ToDictionary(n => n.Id);
        nodes.Where(n => n.ParentId is not null).Should().OnlyContain(n => byId[n.ParentId!.Value].Position < n.Position && byId[n.ParentId!.Value].Depth + 1 == n.Depth);
    }

    /// <summary>A form field's value or values (checkbox lists post one pair per value).</summary>
    public sealed class StringOrList
    {
        private StringOrList(IReadOnlyList<string> values) => Values = values;

        public IReadOnlyList<string> Values { get; }

        public static implicit operator StringOrList(string value) => new([value]);

        public static implicit operator StringOrList(string[] values) => new(values);
    }
}
