using Microsoft.Playwright;
using PlanTracker.Infrastructure.Identity;
using PlanTracker.TestSupport;

namespace PlanTracker.EndToEnd.Tests;

[Collection(PortalCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed class SignInInChromiumTests(PortalInChromium portal)
{
    [Fact]
    public async Task SignIn_FromAProtectedLink_ComesBackToIt_AndSignOutEndsTheSession()
    {
        var (page, errors) = await portal.NewPageAsync();
        await page.GotoAsync("/plans/search?q=" + Uri.EscapeDataString("物流"));
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));

        await page.GetByLabel("用户名").FillAsync("evaluator");
        await page.GetByLabel("密码").FillAsync(DemoAccounts.Password);
        await page.Locator("form.form button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator(".summary")).ToContainTextAsync("包含“物流”");
        await Assertions.Expect(page.Locator(".account")).ToContainTextAsync("评估专家 李评估");
        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("登录");
        await page.GotoAsync("/plans");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LockTheAccount_WithTheSameMessageAsAWrongPassword()
    {
        var (page, errors) = await portal.NewPageAsync();

        for (var i = 0; i < 5; i++)
        {
            await PortalInChromium.SignInAsync(page, "sz-reviewer", "Not-The-Password-" + i);
            await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("用户名或密码不正确");
        }

        await PortalInChromium.SignInAsync(page, "sz-reviewer", DemoAccounts.Password);

        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("用户名或密码不正确");
        await Assertions.Expect(page.Locator(".account")).ToHaveCountAsync(0);
        errors.Should().BeEmpty();
    }
}
