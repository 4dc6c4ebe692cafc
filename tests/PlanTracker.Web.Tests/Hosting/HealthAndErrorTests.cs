using System.Net;
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
}
