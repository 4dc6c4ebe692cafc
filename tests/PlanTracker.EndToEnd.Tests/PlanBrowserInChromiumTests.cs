using Microsoft.Playwright;
using PlanTracker.TestSupport;

namespace PlanTracker.EndToEnd.Tests;

[Collection(PortalCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed class PlanBrowserInChromiumTests(PortalInChromium portal)
{
    [Fact]
    public async Task Outline_CollapseAllThenExpandAll_TogglesEveryBranch_WithoutScriptErrors()
    {
        var (page, errors) = await portal.SignedInPageAsync("planner");
        await page.GotoAsync("/plans");
        await page.GetByRole(AriaRole.Link, new() { Name = "现代服务业科技发展“十二五”专项规划" }).ClickAsync();
        var branches = page.Locator(".outline details");
        var total = await branches.CountAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "全部折叠" }).ClickAsync();
        var openAfterCollapse = await page.Locator(".outline details[open]").CountAsync();
        var taskVisibleWhenCollapsed = await page.GetByRole(AriaRole.Link, new() { Name = "电子商务云服务技术与平台研发" }).IsVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "全部展开" }).ClickAsync();
        var openAfterExpand = await page.Locator(".outline details[open]").CountAsync();

        total.Should().BeGreaterThan(20);
        openAfterCollapse.Should().Be(0);
        taskVisibleWhenCollapsed.Should().BeFalse();
        openAfterExpand.Should().Be(total);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "电子商务云服务技术与平台研发" })).ToBeVisibleAsync();
        errors.Should().BeEmpty("the page must satisfy its own CSP and run without script errors");
    }

    [Fact]
    public async Task SpecialColumn_OpenedFromOutline_ShowsItsTasksMarkedInTheText_AndATaskOpensOnClick()
    {
        var (page, errors) = await portal.SignedInPageAsync("planner");
        await page.GotoAsync("/plans");
        await page.GetByRole(AriaRole.Link, new() { Name = "现代服务业科技发展“十二五”专项规划" }).ClickAsync();

        await page.Locator(".outline").GetByRole(AriaRole.Link, new() { Name = "现代物流", Exact = true }).ClickAsync();
        var marks = page.Locator(".fulltext .task-mark");
        await Assertions.Expect(marks).ToHaveCountAsync(5);
        await marks.Nth(1).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("网购物流服务技术研发及应用示范");
        await Assertions.Expect(page.Locator(".breadcrumb")).ToContainTextAsync("现代物流");
        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task Search_TypedInTheForm_ListsMatchesWithTheTermMarked()
    {
        var (page, errors) = await portal.SignedInPageAsync("planner");
        await page.GotoAsync("/plans/search");

        await page.GetByLabel("检索词").FillAsync("科技金融");
        await page.GetByRole(AriaRole.Button, new() { Name = "检索" }).ClickAsync();

        await Assertions.Expect(page.Locator(".summary")).ToContainTextAsync("包含“科技金融”");
        (await page.Locator(".hits mark").CountAsync()).Should().BeGreaterThan(0);
        (await page.Locator(".hits mark").First.TextContentAsync()).Should().Be("科技金融");
        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task LanguageSwitch_ToEnglish_StaysEnglishOnTheNextPage()
    {
        var (page, errors) = await portal.SignedInPageAsync("planner");
        await page.GotoAsync("/plans");

        await page.Locator(".language a[hreflang=en]").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Plans");
        await page.GetByRole(AriaRole.Link, new() { Name = "Search", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Search plans");
        errors.Should().BeEmpty();
    }
}
