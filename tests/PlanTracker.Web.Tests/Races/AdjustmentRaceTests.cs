using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Plans;
using PlanTracker.TestSupport;
using PlanTracker.Web.Features.AdjustmentDecisions;
using PlanTracker.Web.Tests.Support;
using Xunit.Abstractions;

namespace PlanTracker.Web.Tests.Races;

/// <summary>
/// Adjustments decided at the same moment by two planners' sessions over HTTP: two proposals on one version approved
/// together, and one proposal approved twice or approved and rejected together. Exactly one decision is stored each
/// round, the plan gains at most one version (numbers without gap or duplicate), the loser gets 409 with what changed
/// or who decided first, and the audit log holds the winner's decision alone.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Race)]
public sealed class AdjustmentRaceTests(RacePortal portal, ITestOutputHelper output) : IClassFixture<RacePortal>
{
    private const int Rounds = 10;

    [Fact]
    public async Task TwoProposals_OnTheSameVersion_ApprovedAtOnce_OneNewVersion_TheOtherIs409WithWhatChanged()
    {
        using var plannerA = await portal.SignedInClientAsync("planner");
        using var plannerB = await portal.SignedInClientAsync("planner");
        var mark = portal.Logged.Count;
        for (var round = 1; round <= Rounds; round++)
        {
            var versions = await portal.VersionNumbersAsync();
            var wording = new[] { $"第{round}轮甲方案的表述", $"第{round}轮乙方案的表述" };
            var ids = new[]
            {
                await portal.ProposeAsync($"第{round}轮甲方案", s => [new RewordTask(RacePortal.TaskKey(s, 1), wording[0], null)]),
                await portal.ProposeAsync($"第{round}轮乙方案", s => [new RewordTask(RacePortal.TaskKey(s, 1), wording[1], null)]),
            };
            var responses = await Race.AtOnceAsync(await ApproveAsync(plannerA, ids[0]), await ApproveAsync(plannerB, ids[1]));

            var winner = Race.Winner(responses);
            var loser = 1 - winner;
            responses[loser].StatusCode.Should().Be(HttpStatusCode.Conflict);
            var page = await responses[loser].Content.ReadAsStringAsync();
            page.Should().Contain("已不是当前版本").And.Contain($"当前为第{versions[^1] + 1}版").And.Contain(wording[winner], "the loser reads what the winner changed");
            (await portal.AdjustmentAsync(ids[winner])).Status.Should().Be(AdjustmentStatus.Approved);
            (await portal.AdjustmentAsync(ids[loser])).Status.Should().Be(AdjustmentStatus.Submitted, "the stale proposal waits, to be redrafted");
            (await portal.VersionNumbersAsync()).Should().Equal([.. versions, versions[^1] + 1], "one new version, numbered next");
            await AuditShowsOnlyAsync(ids[winner], ids[loser], AdjustmentStatus.Approved);
        }

        var numbers = await portal.VersionNumbersAsync();
        numbers.Should().Equal(Enumerable.Range(1, numbers.Count), "no gap and no duplicate");
        portal.ConflictsSince(mark).Should().HaveCount(Rounds).And.OnlyContain(l => l.Contains("plan moved on", StringComparison.Ordinal));
        output.WriteLine($"two proposals approved at once: {Rounds} rounds, {Rounds} approvals, {Rounds} refused with 409 (stale), versions 1..{numbers[^1]} without gap");
    }

    [Fact]
    public async Task OneProposal_ApprovedTwiceAtOnce_OrApprovedAndRejectedAtOnce_IsDecidedOnce()
    {
        using var plannerA = await portal.SignedInClientAsync("planner");
        using var plannerB = await portal.SignedInClientAsync("planner");
        var mark = portal.Logged.Count;
        var (approvals, rejections) = (0, 0);
        for (var round = 1; round <= Rounds; round++)
        {
            var versions = await portal.VersionNumbersAsync();
            var id = await portal.ProposeAsync($"第{round}轮只审定一次", s => [new RewordTask(RacePortal.TaskKey(s, 2), $"第{round}轮审定一次的表述", null)]);
            var twice = round % 2 == 1;
            var second = twice ? await ApproveAsync(plannerB, id) : await RejectAsync(plannerB, id, "不同意调整");
            var responses = await Race.AtOnceAsync(await ApproveAsync(plannerA, id), second);

            var winner = Race.Winner(responses);
            responses[1 - winner].StatusCode.Should().Be(HttpStatusCode.Conflict);
            var approved = twice || winner == 0;
            (await responses[1 - winner].Content.ReadAsStringAsync()).Should().Contain($"该调整方案已由他人审定（{(approved ? "已批准" : "未批准")}，planner");
            (await portal.AdjustmentAsync(id)).Status.Should().Be(approved ? AdjustmentStatus.Approved : AdjustmentStatus.Rejected);
            (await portal.VersionNumbersAsync()).Should().Equal(approved ? [.. versions, versions[^1] + 1] : versions);
            await AuditShowsOnlyAsync(id, null, approved ? AdjustmentStatus.Approved : AdjustmentStatus.Rejected);
            if (approved)
            {
                approvals++;
            }
            else
            {
                rejections++;
            }
        }

        portal.ConflictsSince(mark).Should().HaveCount(Rounds);
        output.WriteLine($"one proposal decided twice at once: {Rounds} rounds, approved {approvals}, rejected {rejections}, {Rounds} refused with 409");
    }

    /// <summary>
    /// The audit log has exactly one decision on the winner (an update by the planner, to <paramref name="status"/>),
    /// none on the loser, and one new plan version per approval.
    /// </summary>
    private async Task AuditShowsOnlyAsync(int winner, int? loser, AdjustmentStatus status)
    {
        var decisions = (await portal.AuditAsync("Adjustment", winner)).Where(a => a.Action == "update").ToList();
        decisions.Should().ContainSingle().Which.UserName.Should().Be("planner");
        AdjustmentDecisionPages.StatusIn(decisions[0].AfterJson).Should().Be(status);
        if (loser is int other)
        {
            (await portal.AuditAsync("Adjustment", other)).Where(a => a.Action == "update").Should().BeEmpty("the losing approval left no entry");
        }

        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var resulting = await db.Adjustments.AsNoTracking().Where(a => a.Id == winner).Select(a => a.ResultingVersionId).SingleAsync();
        if (status == AdjustmentStatus.Approved)
        {
            (await portal.AuditAsync(nameof(PlanVersion), resulting!.Value)).Where(a => a.Action == "create").Should().ContainSingle().Which.UserName.Should().Be("planner");
        }
    }

    private async Task<Func<Task<HttpResponseMessage>>> ApproveAsync(HttpClient client, int id)
    {
        var page = await client.GetStringAsync(new Uri($"/adjustments/{id}", UriKind.Relative));
        return Race.Post(client, $"/adjustments/{id}/approve", page, ("RowVersion", (await portal.AdjustmentAsync(id)).RowVersion.ToString(CultureInfo.InvariantCulture)));
    }

    private async Task<Func<Task<HttpResponseMessage>>> RejectAsync(HttpClient client, int id, string comment)
    {
        var page = await client.GetStringAsync(new Uri($"/adjustments/{id}", UriKind.Relative));
        return Race.Post(client, $"/adjustments/{id}/reject", page, ("RowVersion", (await portal.AdjustmentAsync(id)).RowVersion.ToString(CultureInfo.InvariantCulture)), ("Comment", comment));
    }
}
