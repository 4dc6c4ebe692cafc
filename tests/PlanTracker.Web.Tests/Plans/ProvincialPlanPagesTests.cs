using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using PlanTracker.Infrastructure.PlanImport;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Plans;

/// <summary>A plan of the same family with other habits: numbered items, 专栏1…, a 主要指标 table.</summary>
public sealed class ProvincialPlanPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Outline_ImportedProvincialPlan_ShowsItemsNumberedColumnsAndTheIndicatorTable()
    {
        int planId;
        await using (var db = SeededDatabase.CreateContext(portal.ConnectionString))
        {
            var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "hubei-cultural-relics-14th-five-year-plan.zh.txt"));
            var outcome = await new PlanImportService(db, TimeProvider.System, NullLogger<PlanImportService>.Instance).ImportAsync(text, new PlanImportOptions());
            planId = outcome.PlanId!.Value;
        }

        using var client = await portal.SignedInClientAsync("planner");
        var response = await client.GetAsync(new Uri($"/plans/{planId}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("湖北省文物事业发展“十四五”规划").And.Contain("2021—2025年").And.Contain("草稿");
        html.Should().Contain("专栏1 构筑文物安全防护体系");
        html.Should().Contain("1. “十三五”全省文物事业发展取得重大成就");
        html.Should().Contain("25项指标");
        html.Should().Contain("<td>县级博物馆覆盖率</td>").And.Contain("约束性").And.Contain("3-5（2025年）");
        html.Should().Contain("导入提示（1条）").And.Contain("第1行");
    }
}
