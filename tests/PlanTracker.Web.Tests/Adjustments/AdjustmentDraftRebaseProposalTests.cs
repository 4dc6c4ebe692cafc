using System.Net;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Infrastructure.Adjustments;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Adjustments;

/// <summary>
/// Submitting a draft after the plan moved on (another proposal approved meanwhile) and re-basing it; in its own
/// database because the approval makes a new current version of the shipped plan.
/// </summary>
public sealed class AdjustmentDraftRebaseProposalTests(ProposalPortal portal) : IClassFixture<ProposalPortal>
{
    [Fact]
    public async Task Submit_AfterThePlanMovedOn_IsRefusedWithWhatChanged_AndRebase_MovesTheDraftOntoTheCurrentVersion()
    {
        using var planner = await portal.SignedInClientAsync("planner", allowAutoRedirect: false);
        var t = portal.Tasks;
        var stillApplies = await portal.DraftAsync(planner, "仍然适用的方案");
        await portal.PostToDraftAsync(planner, stillApplies, "changes", ("Kind", "MoveDates"), ("TaskKey", t[2].Key.ToString()), ("StartsOn", "2012-01-01"), ("EndsOn", "2014-12-31"));
        var noLongerApplies = await portal.DraftAsync(planner, "不再适用的方案");
        await portal.PostToDraftAsync(planner, noLongerApplies, "changes", ("Kind", "RewordTask"), ("TaskKey", t[6].Key.ToString()), ("Title", "改写已取消的任务"));
        var v1 = await portal.CurrentVersionIdAsync();

        // Meanwhile another proposal is approved: task 5 is reworded and task 6 cancelled in version 2.
        var approved = await portal.DraftAsync(planner, "先获批的方案");
        await portal.PostToDraftAsync(planner, approved, "changes", ("Kind", "RewordTask"), ("TaskKey", t[5].Key.ToString()), ("Title", "其间改写的任务"));
        await portal.PostToDraftAsync(planner, approved, "changes", ("Kind", "CancelTask"), ("TaskKey", t[6].Key.ToString()));
        (await portal.PostToDraftAsync(planner, approved, "submit")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using (var db = SeededDatabase.CreateContext(portal.ConnectionString))
        {
            (await new AdjustmentApproval(db, TimeProvider.System).ApproveAsync(approved, "planner", null)).Outcome.Should().Be(ApprovalOutcome.Approved);
        }

        var v2 = await portal.CurrentVersionIdAsync();
        var editor = await planner.GetStringAsync(new Uri($"/adjustments/{stillApplies}/edit", UriKind.Relative));
        var stale = await portal.PostToDraftAsync(planner, stillApplies, "submit");
        var rebased = await portal.PostToDraftAsync(planner, stillApplies, "rebase");
        var submitted = await portal.PostToDraftAsync(planner, stillApplies, "submit");
        var refusedRebase = await portal.PostToDraftAsync(planner, noLongerApplies, "rebase");

        v2.Should().NotBe(v1);
        editor.Should().Contain("规划已由第1版调整为第2版").And.Contain("其间改写的任务").And.Contain("按当前版本重新起草");
        stale.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var staleHtml = await stale.Content.ReadAsStringAsync();
        staleHtml.Should().Contain("本方案依据第1版起草，规划现行版本已是第2版，不能提交。").And.Contain("proposal-changed-meanwhile").And.Contain("其间改写的任务").And.Contain("取消");
        rebased.StatusCode.Should().Be(HttpStatusCode.Redirect);
        submitted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var done = await portal.AdjustmentAsync(stillApplies);
        (done.BasedOnVersionId, done.Status).Should().Be((v2, AdjustmentStatus.Submitted));
        refusedRebase.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await refusedRebase.Content.ReadAsStringAsync()).Should().Contain("本方案的变更不能全部适用于第2版").And.Contain("找不到该任务");
        var kept = await portal.AdjustmentAsync(noLongerApplies);
        (kept.BasedOnVersionId, kept.Status).Should().Be((v1, AdjustmentStatus.Draft));
    }
}
