using System.Net;
using System.Net.Http.Headers;
using PlanTracker.TestSupport;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Hosting;

public sealed class HealthAndErrorTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task HealthEndpoints_WithDatabaseUp_AreHealthy()
    {
        using var client = portal.CreateClient();

        var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Fact]
    public async Task DatabaseDown_ReadyIsUnhealthy_LiveStaysUp_AndPagesAnswer503InChinese()
    {
        await using var down = new UnreachableDatabasePortalFactory();
        using var client = down.CreateClient();

        var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var page = await client.GetAsync(new Uri("/account/signin", UriKind.Relative));

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        page.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await page.Content.ReadAsStringAsync()).Should().Contain("服务暂时不可用").And.Contain("请求编号");
        page.Headers.RetryAfter.Should().NotBeNull();
    }

    [Fact]
    public async Task AnUploadOverTheRequestLimit_IsRefusedWithAChinesePage_NotABlankOrAServerError()
    {
        var (period, _) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2014, 3, "110000");
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        var form = await reporter.GetStringAsync(new Uri($"/progress/{period}/workbook/upload", UriKind.Relative));
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Antiforgery.TokenIn(form)), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(new byte[40 * 1024 * 1024]);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "file", "大文件.xlsx");

        var response = await reporter.PostAsync(new Uri($"/progress/{period}/workbook", UriKind.Relative), content);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).Should().Contain("上传的内容过大").And.Contain("请求编号");
    }
}
