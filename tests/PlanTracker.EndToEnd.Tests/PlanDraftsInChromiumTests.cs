using Microsoft.Playwright;
using PlanTracker.TestSupport;

namespace PlanTracker.EndToEnd.Tests;

[Collection(PortalCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed class PlanDraftsInChromiumTests(PortalInChromium portal)
{
    private const string PlanText = """
        某市现代服务业“十四五”发展规划
        市科技局
        2021年6月30日
        一、发展基础
        全市服务业创新能力持续增强。
        二、重点任务
        （一）发展数字服务
        推动数字服务企业集聚发展。
        专栏：数字服务重点项目
        云服务平台、智慧物流平台、智能客服系统。
        三、保障措施
        加强组织领导，强化监测评估。
        """;

    [Fact]
    public async Task Planner_PastesPreviewsImportsRenamesAndPublishes_AndThePlanShowsUnderPlans()
    {
        // Arrange
        var (page, errors) = await portal.SignedInPageAsync("planner");
        await page.GotoAsync("/plans");
        await page.GetByRole(AriaRole.Link, new() { Name = "规划草案" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "导入规划" }).ClickAsync();

        // Act: paste and preview
        await page.GetByLabel("或粘贴规划全文").FillAsync(PlanText);
        await page.GetByRole(AriaRole.Button, new() { Name = "预览" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("导入预览");
        await Assertions.Expect(page.Locator(".summary")).ToContainTextAsync("共3章、1个专栏、3项重点任务");
        await Assertions.Expect(page.Locator(".preview-outline")).ToContainTextAsync("智慧物流平台");

        // import as a draft, then rename a task from the editor
        await page.GetByRole(AriaRole.Button, new() { Name = "导入为草案" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("已导入为草案");
        await page.Locator(".draft-outline").GetByRole(AriaRole.Link, new() { Name = "智慧物流平台", Exact = true }).ClickAsync();
        await page.Locator("#rename-title").FillAsync("智慧物流公共服务平台");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("已修改名称");
        await Assertions.Expect(page.Locator(".draft-outline")).ToContainTextAsync("智慧物流公共服务平台");

        // publish, and find it under 规划
        await page.GetByRole(AriaRole.Button, new() { Name = "发布规划" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice").First).ToContainTextAsync("规划已发布");
        await page.GetByRole(AriaRole.Link, new() { Name = "规划", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "某市现代服务业“十四五”发展规划" }).ClickAsync();

        // Assert
        await Assertions.Expect(page.Locator(".plan-header")).ToContainTextAsync("现行版本");
        await Assertions.Expect(page.Locator(".outline")).ToContainTextAsync("智慧物流公共服务平台");
        errors.Should().BeEmpty("every drafts page must satisfy the CSP and run without script errors");
    }
}
