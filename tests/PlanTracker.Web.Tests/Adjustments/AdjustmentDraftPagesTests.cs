using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Adjustments;

/// <summary>Drafting adjustment proposals over HTTP: the list, a new draft, the editor's changes and evidence, submit.</summary>
public sealed partial class AdjustmentDraftPagesTests(ProposalPortal portal) : IClassFixture<ProposalPortal>
{
    [Fact]
    public async Task Create_AsAPlanner_DraftsForTheMinistry_AndAsAReviewer_ForItsUnit_OnTheCurrentVersion()
    {
        using var planner = await portal.SignedInClientAsync("planner", allowAutoRedirect: false);
        using var reviewer = await portal.SignedInClientAsync("bj-reviewer", allowAutoRedirect: false);
        var form = await planner.GetStringAsync(Url($"/plans/{portal.PlanId}/adjustments/new"));

        var ministry = await portal.DraftAsync(planner, "部委的调整");
        var beijing = await portal.DraftAsync(reviewer, "北京的调整");

        form.Should().Contain("以部委名义提出。");
        var current = await portal.CurrentVersionIdAsync();
        var drafted = await portal.AdjustmentAsync(ministry);
        drafted.Status.Should().Be(AdjustmentStatus.Draft);
        drafted.BasedOnVersionId.Should().Be(current);
        drafted.ProposedByUnitId.Should().BeNull();
        drafted.ProposedBy.Should().Be("planner");
        (await portal.AdjustmentAsync(beijing)).ProposedByUnitId.Should().Be(portal.BeijingId);
        var editor = await planner.GetStringAsync(Url($"/adjustments/{ministry}/edit"));
        editor.Should().Contain("部委的调整").And.Contain("尚未添加变更。").And.Contain("data-kind=\"ReviseTarget\"").And.Contain("data-kind=\"AddTask\"");
    }

    [Fact]
    public async Task Create_WithoutATitle_OrOnAPlanNotPublished_Is422_AndStoresNothing()
    {
        using var planner = await portal.SignedInClientAsync("planner", allowAutoRedirect: false);
        var before = await CountAsync();

        var untitled = await ProposalPortal.PostAsync(planner, $"/plans/{portal.PlanId}/adjustments/new", [("Title", " "), ("Reason", "理由照旧")]);
        var unpublishedForm = await planner.GetStringAsync(Url($"/plans/{portal.UnpublishedPlanId}/adjustments/new"));
        var unpublished = await ProposalPortal.PostAsync(planner, $"/plans/{portal.UnpublishedPlanId}/adjustments/new", [("Title", "标题"), ("Reason", "理由")]);
        var unknown = await ProposalPortal.PostAsync(planner, "/plans/999999/adjustments/new", [("Title", "标题"), ("Reason", "理由")]);

        untitled.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await untitled.Content.ReadAsStringAsync()).Should().Contain("调整方案须有标题和调整理由。").And.Contain(">理由照旧</textarea>");
        unpublishedForm.Should().Contain("该规划尚未发布，不能提出调整方案。").And.NotContain("name=\"Title\"");
        unpublished.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await CountAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData(AdjustmentChangeKind.ReviseTarget)]
    [InlineData(AdjustmentChangeKind.MoveDates)]
    [InlineData(AdjustmentChangeKind.ReassignUnits)]
    [InlineData(AdjustmentChangeKind.AddTask)]
    [InlineData(AdjustmentChangeKind.CancelTask)]
    [InlineData(AdjustmentChangeKind.MergeTasks)]
    [InlineData(AdjustmentChangeKind.SplitTask)]
    [InlineData(AdjustmentChangeKind.RewordTask)]
    public async Task AddChange_OfEachKind_IsStored_AndShownInWords(AdjustmentChangeKind kind)
    {
        using var planner = await portal.SignedInClientAsync("planner", allowAutoRedirect: false);
        var id = await portal.DraftAsync(planner);
        var t = portal.Tasks;

        var response = await portal.PostToDraftAsync(planner, id, "changes", [("Kind", kind.ToString()), .. kind switch
        {
            AdjustmentChangeKind.ReviseTarget => [("IndicatorKey", K(portal.IndicatorKey)), ("TargetText", "≥40"), ("TargetYear", "2015")],
            AdjustmentChangeKind.MoveDates => [("TaskKey", K(t[2].Key)), ("StartsOn", "2012-01-01"), ("EndsOn", "2014-12-31")],
            AdjustmentChangeKind.ReassignUnits => [("TaskKey", K(t[0].Key)), ("LeadUnitIds", I(portal.GuangdongId)), ("ParticipatingUnitIds", I(portal.BeijingId))],
            AdjustmentChangeKind.AddTask => [("ParentKey", K(portal.ParentKey)), ("Title", "新增的任务"), ("Text", "新增任务的内容"), ("StartsOn", "2013-01-01"), ("EndsOn", "2015-06-30"), ("LeadUnitIds", I(portal.BeijingId)), ("LeadUnitIds", I(portal.ShanghaiId))],
            AdjustmentChangeKind.CancelTask => [("TaskKey", K(t[4].Key))],
            AdjustmentChangeKind.MergeTasks => [("TaskKeys", K(t[5].Key)), ("TaskKeys", K(t[6].Key)), ("Title", "合并后的任务")],
            AdjustmentChangeKind.SplitTask => [("TaskKey", K(t[7].Key)), ("NewTitles", "拆分甲\r\n拆分乙\r\n")],
            _ => new (string, string)[] { ("TaskKey", K(t[8].Key)), ("Title", "重新表述的任务"), ("Text", "新的内容") },
        }]);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var stored = (await portal.ChangesAsync(id)).Should().ContainSingle().Subject;
        switch (stored)
        {
            case ReviseTarget c:
                c.Should().Be(new ReviseTarget(portal.IndicatorKey, "≥40", 2015));
                break;
            case MoveDates c:
                c.Should().Be(new MoveDates(t[2].Key, new(2012, 1, 1), new(2014, 12, 31)));
                break;
            case ReassignUnits c:
                (c.TaskKey, c.LeadUnitIds.Single(), c.ParticipatingUnitIds.Single()).Should().Be((t[0].Key, portal.GuangdongId, portal.BeijingId));
                break;
            case AddTask c:
                (c.ParentKey, c.Title, c.Text, c.StartsOn, c.EndsOn).Should().Be((portal.ParentKey, "新增的任务", "新增任务的内容", new DateOnly(2013, 1, 1), new DateOnly(2015, 6, 30)));
                c.LeadUnitIds.Should().Equal(portal.BeijingId, portal.ShanghaiId);
                c.NewKey.Should().NotBeEmpty();
                break;
            case CancelTask c:
                c.TaskKey.Should().Be(t[4].Key);
                break;
            case MergeTasks c:
                (c.TaskKeys, c.Title).Should().BeEquivalentTo((new[] { t[5].Key, t[6].Key }, "合并后的任务"));
                break;
            case SplitTask c:
                c.TaskKey.Should().Be(t[7].Key);
                c.Parts.Select(p => p.Title).Should().Equal("拆分甲", "拆分乙");
                c.Parts.Select(p => p.NewKey).Distinct().Should().HaveCount(2);
                break;
            case RewordTask c:
                c.Should().Be(new RewordTask(t[8].Key, "重新表述的任务", "新的内容"));
                break;
        }

        stored.Kind.Should().Be(kind);
        var editor = await planner.GetStringAsync(Url($"/adjustments/{id}/edit"));
        ChangeSentences(editor).Should().ContainSingle().Which.Should().StartWith(PlanChanges.Chinese(kind));
    }

    [Theory]
    [InlineData("no-lead", "每项任务至少要有一个牵头单位。")]
    [InlineData("target-year-before-baseline", "目标年份2009年早于基期年份2010年")]
    [InlineData("merge-with-a-task-not-of-this-plan", "找不到该任务")]
    [InlineData("no-dates", "请填写开始日期和结束日期。")]
    [InlineData("outside-the-plan-years", "任务时间须在规划期")]
    [InlineData("unknown-unit", "所选单位不存在或不是填报单位。")]
    [InlineData("split-in-one", "拆分至少要分成两项任务。")]
    [InlineData("no-kind", "请选择变更类型。")]
    public async Task AddChange_ThatDoesNotApply_Is422_WithTheReason_AndStoresNothing(string problem, string message)
    {
        using var planner = await portal.SignedInClientAsync("planner", allowAutoRedirect: false);
        var id = await portal.DraftAsync(planner);
        var t = portal.Tasks;
        (await portal.PostToDraftAsync(planner, id, "changes", ("Kind", "CancelTask"), ("TaskKey", K(t[9].Key)))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var before = await portal.AdjustmentAsync(id);

        var response = await portal.PostToDraftAsync(planner, id, "changes", problem switch
        {
            "no-lead" => [("Kind", "ReassignUnits"), ("TaskKey", K(t[0].Key)), ("ParticipatingUnitIds", I(portal.BeijingId))],
            "target-year-before-baseline" => [("Kind", "ReviseTarget"), ("IndicatorKey", K(portal.IndicatorKey)), ("TargetText", "≥20"), ("TargetYear", "2009")],
            "merge-with-a-task-not-of-this-plan" => [("Kind", "MergeTasks"), ("TaskKeys", K(t[5].Key)), ("TaskKeys", K(Guid.NewGuid())), ("Title", "合并")],
            "no-dates" => [("Kind", "MoveDates"), ("TaskKey", K(t[2].Key))],
            "outside-the-plan-years" => [("Kind", "MoveDates"), ("TaskKey", K(t[2].Key)), ("StartsOn", "2019-01-01"), ("EndsOn", "2020-12-31")],
            "unknown-unit" => [("Kind", "AddTask"), ("ParentKey", K(portal.ParentKey)), ("Title", "新任务"), ("LeadUnitIds", "999999")],
            "split-in-one" => [("Kind", "SplitTask"), ("TaskKey", K(t[7].Key)), ("NewTitles", "只有一项")],
            _ => new (string, string)[] { ("TaskKey", K(t[2].Key)) },
        });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).Should().Contain(message);
        var after = await portal.AdjustmentAsync(id);
        after.Changes.Should().ContainSingle();
        after.RowVersion.Should().Be(before.RowVersion);
    }

    [Fact]
    public async Task AddChange_AsAProvincialReviewer_OnlyForItsOwnTasks_AndNeverTargets()
    {
        using var reviewer = await portal.SignedInClientAsync("bj-reviewer", allowAutoRedirect: false);
        var id = await portal.DraftAsync(reviewer, "北京的调整");
        var t = portal.Tasks;
        var beijingWarning = await portal.OpenWarningAsync();
        var shanghaiWarning = await portal.OpenWarningAsync(portal.ShanghaiId);

        var own = await portal.PostToDraftAsync(reviewer, id, "changes", ("Kind", "MoveDates"), ("TaskKey", K(t[0].Key)), ("StartsOn", "2012-01-01"), ("EndsOn", "2015-12-31"));
        var shanghais = await portal.PostToDraftAsync(reviewer, id, "changes", ("Kind", "MoveDates"), ("TaskKey", K(t[1].Key)), ("StartsOn", "2012-01-01"), ("EndsOn", "2015-12-31"));
        var target = await portal.PostToDraftAsync(reviewer, id, "changes", ("Kind", "ReviseTarget"), ("IndicatorKey", K(portal.IndicatorKey)), ("TargetText", "≥40"));
        var newTask = await portal.PostToDraftAsync(reviewer, id, "changes", ("Kind", "AddTask"), ("ParentKey", K(portal.ParentKey)), ("Title", "新任务"), ("LeadUnitIds", I(portal.BeijingId)));
        var editor = await reviewer.GetStringAsync(Url($"/adjustments/{id}/edit"));

        own.StatusCode.Should().Be(HttpStatusCode.Redirect);
        shanghais.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await shanghais.Content.ReadAsStringAsync()).Should().Contain("只能对本单位承担的任务提出调整。");
        target.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await target.Content.ReadAsStringAsync()).Should().Contain("指标目标的调整由部委提出");
        newTask.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await portal.ChangesAsync(id)).Should().ContainSingle().Which.Should().BeOfType<MoveDates>();
        editor.Should().NotContain("data-kind=\"ReviseTarget\"").And.NotContain("data-kind=\"AddTask\"").And.Contain("data-kind=\"MoveDates\"");
        editor.Should().Contain($"data-candidate=\"Warning-{beijingWarning}\"").And.NotContain($"data-candidate=\"Warning-{shanghaiWarning}\"", "a unit sees its own warnings only");
        (await portal.PostToDraftAsync(reviewer, id, "evidence", ("Kind", "Warning"), ("TargetId", L(shanghaiWarning)))).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        editor.Should().Contain($"value=\"{t[0].Key}\"").And.NotContain($"value=\"{t[1].Key}\"", "only the tasks 北京 carries are offered");
    }

    [Fact]
    public async Task Access_ReportersAreForbidden_AnotherUnitsDraftIs404_AndEachSideEditsOnlyItsOwn()
    {
        using var planner = await portal.SignedInClientAsync("planner", allowAutoRedirect: false);
        using var beijing = await portal.SignedInClientAsync("bj-reviewer", allowAutoRedirect: false);
        using var shanghai = await portal.SignedInClientAsync("sh-reviewer", allowAutoRedirect: false);
        using var reporter = await portal.SignedInClientAsync("bj-reporter", allowAutoRedirect: false);
        using var evaluator = await portal.SignedInClientAsync("evaluator", allowAutoRedirect: false);
        var ministryDraft = await portal.DraftAsync(planner, "部委草稿");
        var beijingDraft = await portal.DraftAsync(beijing, "北京草稿");

        (await reporter.GetAsync(Url($"/plans/{portal.PlanId}/adjustments/new"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reporter.GetAsync(Url($"/plans/{portal.PlanId}/adjustments"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ProposalPortal.PostAsync(reporter, $"/plans/{portal.PlanId}/adjustments/new", [("Title", "越权"), ("Reason", "越权")])).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await evaluator.GetAsync(Url($"/plans/{portal.PlanId}/adjustments/new"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await shanghai.GetAsync(Url($"/adjustments/{beijingDraft}/edit"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await portal.PostToDraftAsync(shanghai, beijingDraft, "changes", ("Kind", "CancelTask"), ("TaskKey", K(portal.Tasks[0].Key)))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await beijing.GetAsync(Url($"/adjustments/{ministryDraft}/edit"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await planner.GetAsync(Url($"/adjustments/{beijingDraft}/edit"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await portal.PostToDraftAsync(planner, beijingDraft, "edit", ("Title", "部委改写"), ("Reason", "部委改写"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await portal.AdjustmentAsync(beijingDraft)).Title.Should().Be("北京草稿");
        (await portal.AdjustmentAsync(beijingDraft)).Changes.Should().BeEmpty();
    }

    [Fact]
    public async Task RemoveChange_TakesItOut_AndRedraft_RewritesTitleAndReason()
    {
        using var planner = await portal.SignedInClientAsync("planner", allowAutoRedirect: false);
        var id = await portal.DraftAsync(planner);
        await portal.PostToDraftAsync(planner, id, "changes", ("Kind", "CancelTask"), ("TaskKey", K(portal.Tasks[9].Key)));
        await portal.PostToDraftAsync(planner, id, "changes", ("Kind", "CancelTask"), ("TaskKey", K(portal.Tasks[10].Key)));

        var removed = await portal.PostToDraftAsync(planner, id, "changes/1/remove");
        var redrafted = await portal.PostToDraftAsync(planner, id, "edit", ("Title", "新的标题"), ("Reason", "新的理由"));
        var empty = await portal.PostToDraftAsync(planner, id, "edit", ("Title", ""), ("Reason", "理由"));

        removed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        redrafted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        empty.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await empty.Content.ReadAsStringAsync()).Should().Contain("调整方案须有标题和调整理由。");
        var adjustment = await portal.AdjustmentAsync(id);
        (adjustment.Title, adjustment.Reason).Should().Be(("新的标题", "新的理由"));
        (await portal.ChangesAsync(id)).Should().Equal(new CancelTask(portal.Tasks[10].Key));
    }

    [Fact]
    public async Task Evidence_AWarningAddedIsLinkedToTheProposal_AndTheWarningPageLinksBack()
    {
        using var planner = await portal.SignedInClientAsync("planner", allowAutoRedirect: false);
        var warningId = await portal.OpenWarningAsync();
        var id = await portal.DraftAsync(planner);
        await portal.PostToDraftAsync(planner, id, "changes", ("Kind", "MoveDates"), ("TaskKey", K(portal.Tasks[0].Key)), ("StartsOn", "2012-01-01"), ("EndsOn", "2015-12-31"));
        var editor = await planner.GetStringAsync(Url($"/adjustments/{id}/edit"));

        var added = await portal.PostToDraftAsync(planner, id, "evidence", ("Kind", "Warning"), ("TargetId", L(warningId)));
        var again = await portal.PostToDraftAsync(planner, id, "evidence", ("Kind", "Warning"), ("TargetId", L(warningId)));

        editor.Should().Contain($"data-candidate=\"Warning-{warningId}\"").And.Contain($"data-candidate=\"Report-{portal.SubmittedReportId}\"")
            .And.NotContain($"data-candidate=\"Report-{portal.DraftReportId}\"", "a draft report is no evidence");
        added.StatusCode.Should().Be(HttpStatusCode.Redirect);
        again.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await again.Content.ReadAsStringAsync()).Should().Contain("该预警已列为依据。");
        (await portal.AdjustmentAsync(id)).Evidence.Should().ContainSingle().Which.WarningId.Should().Be(warningId);
        await using (var db = SeededDatabase.CreateContext(portal.ConnectionString))
        {
            var warning = await db.EarlyWarnings.AsNoTracking().SingleAsync(w => w.Id == warningId);
            (warning.State, warning.AdjustmentId, warning.HandledBy).Should().Be((WarningState.LinkedToAdjustment, id, "planner"));
        }

        var page = await planner.GetStringAsync(Url($"/monitoring/warnings/{warningId}"));
        page.Should().Contain($"href=\"/adjustments/{id}\"");
        var after = await planner.GetStringAsync(Url($"/adjustments/{id}/edit"));
        after.Should().Contain($"href=\"/monitoring/warnings/{warningId}\"").And.NotContain($"data-candidate=\"Warning-{warningId}\"");
    }

    [Fact]
    public async Task Evidence_ASubmittedReportByIdIsAdded_ADraftOneOrAnUnknownIdIsRefused_AndRemoveTakesItOut()
    {
        using var planner = await portal.SignedInClientAsync("planner", allowAutoRedirect: false);
        var id = await portal.DraftAsync(planner);

        var draft = await portal.PostToDraftAsync(planner, id, "evidence", ("Kind", "Report"), ("TargetId", L(portal.DraftReportId)));
        var unknown = await portal.PostToDraftAsync(planner, id, "evidence", ("Kind", "IndicatorValue"), ("TargetId", "999999"));
        var added = await portal.PostToDraftAsync(planner, id, "evidence", ("Kind", "Report"), ("TargetId", L(portal.SubmittedReportId)));
        var editor = await planner.GetStringAsync(Url($"/adjustments/{id}/edit"));
        var evidenceId = (await portal.AdjustmentAsync(id)).Evidence.Single().Id;
        var removed = await portal.PostToDraftAsync(planner, id, $"evidence/{evidenceId}/remove");

        draft.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await draft.Content.ReadAsStringAsync()).Should().Contain("只有已报送或已通过的进展报告可以作为依据。");
        unknown.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("找不到该依据，或它不属于本规划。");
        added.StatusCode.Should().Be(HttpStatusCode.Redirect);
        editor.Should().Contain($"href=\"/progress/reports/{portal.SubmittedReportId}\"");
        removed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await portal.AdjustmentAsync(id)).Evidence.Should().BeEmpty();
    }

    [Fact]
    public async Task Submit_WithoutChanges_IsRefused_AndWithChanges_SendsItToTheMinistrysPage()
    {
        using var planner = await portal.SignedInClientAsync("planner", allowAutoRedirect: false);
        var id = await portal.DraftAsync(planner);

        var empty = await portal.PostToDraftAsync(planner, id, "submit");
        await portal.PostToDraftAsync(planner, id, "changes", ("Kind", "RewordTask"), ("TaskKey", K(portal.Tasks[11].Key)), ("Title", "改写的名称"));
        var submitted = await portal.PostToDraftAsync(planner, id, "submit");
        var editor = await planner.GetAsync(Url($"/adjustments/{id}/edit"));
        var late = await portal.PostToDraftAsync(planner, id, "changes", ("Kind", "CancelTask"), ("TaskKey", K(portal.Tasks[10].Key)));

        empty.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await empty.Content.ReadAsStringAsync()).Should().Contain("调整方案中没有任何变更，不能提交。");
        submitted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        submitted.Headers.Location!.OriginalString.Should().Be($"/adjustments/{id}");
        editor.StatusCode.Should().Be(HttpStatusCode.Redirect, "a submitted proposal is no longer edited");
        editor.Headers.Location!.OriginalString.Should().Be($"/adjustments/{id}");
        late.StatusCode.Should().Be(HttpStatusCode.Redirect, "the refusal of a change to a submitted proposal leads to its page");
        var adjustment = await portal.AdjustmentAsync(id);
        (adjustment.Status, adjustment.SubmittedAt is not null, adjustment.Changes.Count).Should().Be((AdjustmentStatus.Submitted, true, 1));
    }

    [Fact]
    public async Task TwoTabs_TheSecondWriteOnTheSameVersionIsAConflict_AndItsInputIsKept()
    {
        using var planner = await portal.SignedInClientAsync("planner", allowAutoRedirect: false);
        var id = await portal.DraftAsync(planner);
        var rowVersion = (await portal.AdjustmentAsync(id)).RowVersion.ToString(CultureInfo.InvariantCulture);

        var first = await ProposalPortal.PostAsync(planner, $"/adjustments/{id}/changes", [("Kind", "CancelTask"), ("TaskKey", K(portal.Tasks[9].Key)), ("RowVersion", rowVersion)]);
        var second = await ProposalPortal.PostAsync(planner, $"/adjustments/{id}/changes", [("Kind", "RewordTask"), ("TaskKey", K(portal.Tasks[8].Key)), ("Title", "第二个标签页的名称"), ("RowVersion", rowVersion)]);
        var third = await ProposalPortal.PostAsync(planner, $"/adjustments/{id}/edit", [("Title", "第二个标签页的标题"), ("Reason", "理由"), ("RowVersion", rowVersion)]);

        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        second.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await second.Content.ReadAsStringAsync()).Should().Contain("该调整方案已被他人修改，请刷新后重试。").And.Contain("value=\"第二个标签页的名称\"");
        third.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await third.Content.ReadAsStringAsync()).Should().Contain("value=\"第二个标签页的标题\"");
        (await portal.ChangesAsync(id)).Should().Equal(new CancelTask(portal.Tasks[9].Key));
        (await portal.AdjustmentAsync(id)).Title.Should().Be("调整方案");
    }

    [Fact]
    public async Task List_ShowsThePlansProposals_FiltersByStatus_AndAReviewerSeesOnlyItsUnits()
    {
        using var planner = await portal.SignedInClientAsync("planner", allowAutoRedirect: false);
        using var beijing = await portal.SignedInClientAsync("bj-reviewer", allowAutoRedirect: false);
        using var shanghai = await portal.SignedInClientAsync("sh-reviewer", allowAutoRedirect: false);
        var draft = await portal.DraftAsync(planner, "列表中的草稿");
        var submitted = await portal.DraftAsync(beijing, "北京已提交的方案");
        await portal.PostToDraftAsync(beijing, submitted, "changes", ("Kind", "MoveDates"), ("TaskKey", K(portal.Tasks[0].Key)), ("StartsOn", "2012-01-01"), ("EndsOn", "2015-12-31"));
        (await portal.PostToDraftAsync(beijing, submitted, "submit")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var list = $"/plans/{portal.PlanId}/adjustments";

        var all = await planner.GetStringAsync(Url(list));
        var drafts = await planner.GetStringAsync(Url(list + "?status=Draft"));
        var rejected = await planner.GetStringAsync(Url(list + "?status=Rejected"));
        var beijings = await beijing.GetStringAsync(Url(list));
        var shanghais = await shanghai.GetStringAsync(Url(list));

        Rows(all).Should().Contain([draft, submitted]);
        all.Should().Contain($"href=\"/adjustments/{draft}/edit\"").And.Contain($"href=\"/adjustments/{submitted}\"").And.Contain("新建调整方案");
        Row(all, submitted).Should().Contain("已提交").And.Contain("bj-reviewer").And.Contain("北京").And.Contain("第1版").And.Contain(">1</td>");
        Rows(drafts).Should().Contain(draft).And.NotContain(submitted);
        Rows(rejected).Should().BeEmpty();
        rejected.Should().Contain("没有符合条件的调整方案。");
        Rows(beijings).Should().Contain(submitted).And.NotContain(draft);
        Rows(shanghais).Should().BeEmpty();
        shanghais.Should().Contain("本规划尚无调整方案。");
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static string K(Guid key) => key.ToString();

    private static string I(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string L(long id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<int> CountAsync()
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.Adjustments.IgnoreQueryFilters().CountAsync();
    }

    private static List<string> ChangeSentences(string html) =>
        [.. ChangeSentence().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))];

    private static List<int> Rows(string html) =>
        [.. RowId().Matches(html).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    private static string Row(string html, int id) =>
        Regex.Match(html, $"<tr data-adjustment=\"{id}\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;

    [GeneratedRegex("<span class=\"proposal-change\">(.*?)</span>", RegexOptions.Singleline)]
    private static partial Regex ChangeSentence();

    [GeneratedRegex("<tr data-adjustment=\"([0-9]+)\">")]
    private static partial Regex RowId();
}
