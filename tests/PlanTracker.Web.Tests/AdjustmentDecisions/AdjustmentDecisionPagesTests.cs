using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Messages;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Adjustments;
using PlanTracker.TestSupport;
using PlanTracker.TestSupport.Builders;
using PlanTracker.Web.Features.AdjustmentDecisions;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.AdjustmentDecisions;

/// <summary>
/// The proposal page, the ministry's approve and reject, and the queue, over HTTP on the seeded database (the shipped
/// plan, 北京 leading its first task in an open 2013 period). Proposals are written straight through the domain and the
/// context (the editor is another feature); each test proposes against whatever version is current when it starts,
/// since approvals in other tests move the plan on.
/// </summary>
public sealed class AdjustmentDecisionPagesTests(AdjustmentDecisionPagesTests.Fixture portal) : IClassFixture<AdjustmentDecisionPagesTests.Fixture>
{
    [Fact]
    public async Task Proposal_ShowsChangesInWords_EvidenceWithLinks_Timeline_AndThePreviewOfApproval()
    {
        var (warning, report, value, indicator) = await portal.EvidenceAsync();
        var (number, _) = await portal.CurrentAsync();
        var id = await portal.ProposeAsync(
            "调整首项任务",
            s =>
            [
                new RewordTask(portal.TaskKey(s, 0), "改写后的首项任务", null),
                new MoveDates(portal.TaskKey(s, 0), new(2012, 1, 1), new(2014, 12, 31)),
                new ReassignUnits(portal.TaskKey(s, 0), [portal.BeijingId], [portal.ShanghaiId]),
            ],
            evidence: [AdjustmentEvidence.ForWarning(warning), AdjustmentEvidence.ForReport(report), AdjustmentEvidence.ForIndicatorValue(value)]);
        using var planner = await portal.SignedInClientAsync("planner");

        var html = await planner.GetStringAsync(Url($"/adjustments/{id}"));

        html.Should().Contain("调整首项任务").And.Contain("已提交").And.Contain("部委").And.Contain("监测显示首项任务滞后");
        html.Should().Contain($"href=\"/plans/{portal.PlanId}/versions/{number}\"", "the based-on version links to its page");
        html.Should().Contain("修改任务表述").And.Contain("改写后的首项任务")
            .And.Contain("调整任务时间").And.Contain("2012年1月1日至2014年12月31日")
            .And.Contain("调整承担单位").And.Contain("牵头：北京市；参与：上海市");
        html.Should().Contain($"href=\"/monitoring/warnings/{warning}\"").And.Contain("红色预警").And.Contain("北京首项任务进度落后")
            .And.Contain($"href=\"/progress/reports/{report}\"").And.Contain("2013年度")
            .And.Contain($"href=\"/monitoring/indicators/{indicator}\"").And.Contain("示范基地数");
        html.Should().Contain($"批准后将在第{number}版基础上形成第{number + 1}版").And.Contain("表述修改").And.Contain("时间调整").And.Contain("承担单位调整");
        html.Should().Contain("data-step=\"Created\"").And.Contain("data-step=\"Submitted\"").And.Contain($"href=\"/audit/Adjustment/{id}\"");
        html.Should().Contain("/approve\"").And.Contain("/reject\"");
    }

    [Fact]
    public async Task Proposal_Downloads_ItsChangesAndPreview_AsCsv()
    {
        var id = await portal.ProposeAsync("可下载的方案", s => [new RewordTask(portal.TaskKey(s, 1), "下载用的表述", null)]);
        using var evaluator = await portal.SignedInClientAsync("evaluator");

        var changes = await evaluator.GetAsync(Url($"/adjustments/{id}?table=changes&format=csv"));
        var preview = await evaluator.GetAsync(Url($"/adjustments/{id}?table=preview&format=xlsx"));
        var unknown = await evaluator.GetAsync(Url($"/adjustments/{id}?table=other&format=csv"));

        changes.StatusCode.Should().Be(HttpStatusCode.OK);
        (await changes.Content.ReadAsStringAsync()).Should().Contain("修改任务表述").And.Contain("下载用的表述");
        preview.Content.Headers.ContentType!.MediaType.Should().Be(FigureTypes.Xlsx);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Approve_WritesTheNextVersion_SaysSo_ApprovedReportsKeepTheirVersion_AndTheAuditLogHasTheActor()
    {
        var (number, versionId) = await portal.CurrentAsync();
        var (approvedReport, draftReport, oldTask) = await portal.ReportsOnCurrentVersionAsync();
        var id = await portal.ProposeAsync("批准的方案", s => [new RewordTask(portal.TaskKey(s, 2), "批准后的表述", null)]);
        using var planner = await portal.SignedInClientAsync("planner");

        var response = await PostAsync(planner, id, "approve", new() { ["Comment"] = "同意调整" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.RequestMessage!.RequestUri!.AbsolutePath.Should().Be($"/adjustments/{id}");
        var page = await response.Content.ReadAsStringAsync();
        page.Should().Contain($"已批准，形成第{number + 1}版").And.Contain($"href=\"/plans/{portal.PlanId}/versions/{number + 1}\"")
            .And.Contain("意见：同意调整").And.NotContain("/approve\"");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var adjustment = await db.Adjustments.AsNoTracking().SingleAsync(a => a.Id == id);
        adjustment.Status.Should().Be(AdjustmentStatus.Approved);
        adjustment.DecidedBy.Should().Be("planner");
        var current = await db.CurrentVersionAsync(portal.PlanId);
        current!.Number.Should().Be(number + 1);
        adjustment.ResultingVersionId.Should().Be(current.Id);
        (await db.ProgressReports.AsNoTracking().SingleAsync(r => r.Id == approvedReport)).TaskId.Should().Be(oldTask, "an approved report keeps pointing at the version it was written against");
        var moved = await db.ProgressReports.AsNoTracking().SingleAsync(r => r.Id == draftReport);
        (await db.PlanNodes.AsNoTracking().Where(n => n.Id == moved.TaskId).Select(n => n.PlanVersionId).SingleAsync()).Should().Be(current.Id, "a report still in the workflow follows its task");
        (await db.PlanNodes.AsNoTracking().Where(n => n.Id == oldTask).Select(n => n.PlanVersionId).SingleAsync()).Should().Be(versionId);
        var audit = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "Adjustment" && a.EntityId == id.ToString(CultureInfo.InvariantCulture) && a.Action == "update")
            .Select(a => new { a.UserName, a.AfterJson })
            .ToListAsync();
        audit.Should().ContainSingle(a => a.UserName == "planner" && AdjustmentDecisionPages.StatusIn(a.AfterJson) == AdjustmentStatus.Approved);
    }

    [Fact]
    public async Task Reject_WithoutAComment_Is422_AndChangesNothing()
    {
        var id = await portal.ProposeAsync("缺少意见的否决", s => [new RewordTask(portal.TaskKey(s, 3), "不会生效", null)]);
        var before = await portal.RowVersionAsync(id);
        using var planner = await portal.SignedInClientAsync("planner");

        var response = await PostAsync(planner, id, "reject", new() { ["Comment"] = "   " });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).Should().Contain("不予批准须填写意见。").And.Contain("/reject\"");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        (await db.Adjustments.AsNoTracking().SingleAsync(a => a.Id == id)).Status.Should().Be(AdjustmentStatus.Submitted);
        (await portal.RowVersionAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task Reject_WithAComment_RecordsTheDecision_InTheAuditLog_AndTellsTheProposingUnit()
    {
        var id = await portal.ProposeAsync("北京的调整建议", s => [new MoveDates(portal.TaskKey(s, 0), new(2012, 1, 1), new(2015, 6, 30))], unitId: portal.BeijingId, proposer: "bj-reviewer");
        using var planner = await portal.SignedInClientAsync("planner");

        var response = await PostAsync(planner, id, "reject", new() { ["Comment"] = "时间安排不宜推迟" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("已不予批准").And.Contain("意见：时间安排不宜推迟").And.Contain("未批准");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var adjustment = await db.Adjustments.AsNoTracking().SingleAsync(a => a.Id == id);
        (adjustment.Status, adjustment.DecidedBy, adjustment.DecisionComment).Should().Be((AdjustmentStatus.Rejected, "planner", "时间安排不宜推迟"));
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == "Adjustment" && a.EntityId == id.ToString(CultureInfo.InvariantCulture) && a.Action == "update").ToListAsync();
        audit.Should().ContainSingle(a => a.UserName == "planner" && AdjustmentDecisionPages.StatusIn(a.AfterJson) == AdjustmentStatus.Rejected);
        var message = await db.PortalMessages.AsNoTracking().SingleAsync(m => m.UnitId == portal.BeijingId && m.Subject.Contains("北京的调整建议"));
        message.Kind.Should().Be(MessageKind.Notice);
        message.Body.Should().Contain("时间安排不宜推迟");
    }

    [Fact]
    public async Task Approve_OfAStaleProposal_Is409_WithTheRefusalAndWhatChanged_AndChangesNothing()
    {
        var first = await portal.ProposeAsync("甲方案", s => [new RewordTask(portal.TaskKey(s, 4), "甲方案的表述", null)]);
        var second = await portal.ProposeAsync("乙方案", s => [new RewordTask(portal.TaskKey(s, 4), "乙方案的表述", null)]);
        using var planner = await portal.SignedInClientAsync("planner");
        (await PostAsync(planner, first, "approve", [])).StatusCode.Should().Be(HttpStatusCode.OK);
        var (number, _) = await portal.CurrentAsync();

        var page = await planner.GetStringAsync(Url($"/adjustments/{second}"));
        var response = await PostAsync(planner, second, "approve", []);

        page.Should().Contain("data-preview=\"Stale\"").And.Contain("已不是当前版本").And.Contain("甲方案的表述");
        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("已不是当前版本").And.Contain($"当前为第{number}版").And.Contain("甲方案的表述");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        (await db.Adjustments.AsNoTracking().SingleAsync(a => a.Id == second)).Status.Should().Be(AdjustmentStatus.Submitted);
        (await db.CurrentVersionAsync(portal.PlanId))!.Number.Should().Be(number);
    }

    [Fact]
    public async Task Approve_ThatBreaksARuleOfThePlan_Is422_WithTheProblem_AndChangesNothing()
    {
        var (number, _) = await portal.CurrentAsync();
        var id = await portal.ProposeAsync("没有牵头单位", s => [new ReassignUnits(portal.TaskKey(s, 0), [], [portal.ShanghaiId])]);
        using var planner = await portal.SignedInClientAsync("planner");

        var page = await planner.GetStringAsync(Url($"/adjustments/{id}"));
        var response = await PostAsync(planner, id, "approve", []);

        page.Should().Contain("data-preview=\"Problems\"").And.Contain("每项任务至少要有一个牵头单位");
        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).Should().Contain("每项任务至少要有一个牵头单位");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        (await db.Adjustments.AsNoTracking().SingleAsync(a => a.Id == id)).Status.Should().Be(AdjustmentStatus.Submitted);
        (await db.CurrentVersionAsync(portal.PlanId))!.Number.Should().Be(number);
    }

    [Fact]
    public async Task ASecondDecision_OnAProposalAlreadyDecided_IsAConflict_AndChangesNothing()
    {
        var id = await portal.ProposeAsync("只能审定一次", s => [new RewordTask(portal.TaskKey(s, 5), "一次审定的表述", null)]);
        var readBefore = await portal.RowVersionAsync(id);
        using var planner = await portal.SignedInClientAsync("planner");
        var page = await planner.GetStringAsync(Url($"/adjustments/{id}"));
        (await PostAsync(planner, id, "approve", [], page)).StatusCode.Should().Be(HttpStatusCode.OK);
        var (number, _) = await portal.CurrentAsync();
        var decided = await portal.RowVersionAsync(id);

        // A second planner, who read the page before the first decided, posts what that page held.
        var again = await PostAsync(planner, id, "approve", new() { ["RowVersion"] = readBefore.ToString(CultureInfo.InvariantCulture) }, page);
        var reject = await PostAsync(planner, id, "reject", new() { ["Comment"] = "不同意", ["RowVersion"] = readBefore.ToString(CultureInfo.InvariantCulture) }, page);

        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).Should().Contain("该调整方案已由他人审定（已批准，planner");
        reject.StatusCode.Should().Be(HttpStatusCode.Conflict);
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var adjustment = await db.Adjustments.AsNoTracking().SingleAsync(a => a.Id == id);
        (adjustment.Status, adjustment.DecisionComment).Should().Be((AdjustmentStatus.Approved, null));
        (await portal.RowVersionAsync(id)).Should().Be(decided);
        (await db.CurrentVersionAsync(portal.PlanId))!.Number.Should().Be(number);
    }

    [Fact]
    public async Task ProvincialAccounts_SeeTheirOwnUnitsProposal_CannotDecideIt_AndGet404OnAnotherUnits()
    {
        var own = await portal.ProposeAsync("北京提出的方案", s => [new RewordTask(portal.TaskKey(s, 0), "北京建议的表述", null)], unitId: portal.BeijingId, proposer: "bj-reviewer");
        var other = await portal.ProposeAsync("上海提出的方案", s => [new RewordTask(portal.TaskKey(s, 0), "上海建议的表述", null)], unitId: portal.ShanghaiId, proposer: "sh-reviewer");
        var ministry = await portal.ProposeAsync("部委提出的方案", s => [new RewordTask(portal.TaskKey(s, 0), "部委的表述", null)]);
        using var reviewer = await portal.SignedInClientAsync("bj-reviewer", allowAutoRedirect: false);
        using var reporter = await portal.SignedInClientAsync("bj-reporter", allowAutoRedirect: false);

        var page = await reviewer.GetAsync(Url($"/adjustments/{own}"));
        var html = await page.Content.ReadAsStringAsync();
        var approve = await reviewer.PostAsync(Url($"/adjustments/{own}/approve"), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Antiforgery.TokenIn(html) }));

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("北京提出的方案").And.Contain("北京市").And.Contain("北京建议的表述").And.NotContain("/approve\"").And.NotContain("/audit/Adjustment/");
        approve.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reporter.GetAsync(Url($"/adjustments/{own}"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await reviewer.GetAsync(Url($"/adjustments/{other}"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await reviewer.GetAsync(Url($"/adjustments/{ministry}"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await reviewer.GetAsync(Url("/adjustments"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        (await db.Adjustments.AsNoTracking().SingleAsync(a => a.Id == own)).Status.Should().Be(AdjustmentStatus.Submitted);
    }

    [Fact]
    public async Task Proposal_ForAnEvaluator_HasNoDecisionForms_AndADraft_LinksItsEditorForPlannersOnly()
    {
        var submitted = await portal.ProposeAsync("评估专家可读", s => [new RewordTask(portal.TaskKey(s, 6), "专家读到的表述", null)]);
        var draft = await portal.ProposeAsync("尚未提交的草稿", s => [new RewordTask(portal.TaskKey(s, 6), "草稿中的表述", null)], submit: false);
        using var evaluator = await portal.SignedInClientAsync("evaluator");
        using var planner = await portal.SignedInClientAsync("planner");

        var read = await evaluator.GetStringAsync(Url($"/adjustments/{submitted}"));
        var draftForPlanner = await planner.GetStringAsync(Url($"/adjustments/{draft}"));
        var draftForEvaluator = await evaluator.GetStringAsync(Url($"/adjustments/{draft}"));

        read.Should().Contain("专家读到的表述").And.Contain("data-preview=\"WouldApply\"").And.NotContain("/approve\"").And.NotContain("/reject\"");
        draftForPlanner.Should().Contain($"href=\"/adjustments/{draft}/edit\"").And.Contain("草稿").And.NotContain("data-preview").And.NotContain("/approve\"");
        draftForEvaluator.Should().NotContain($"/adjustments/{draft}/edit");
        (await planner.GetAsync(Url("/adjustments/999999"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Queue_ListsSubmittedProposalsOldestFirst_WithChangesAndDaysWaiting_AndTheLatestDecisions()
    {
        var older = await portal.ProposeAsync("较早提交的方案", s => [new RewordTask(portal.TaskKey(s, 7), "早", null), new MoveDates(portal.TaskKey(s, 7), new(2012, 1, 1), new(2013, 12, 31))], submittedAt: DateTimeOffset.UtcNow.AddDays(-30));
        var newer = await portal.ProposeAsync("较晚提交的方案", s => [new RewordTask(portal.TaskKey(s, 8), "晚", null)], unitId: portal.BeijingId, proposer: "bj-reviewer", submittedAt: DateTimeOffset.UtcNow.AddDays(-2));
        var rejected = await portal.ProposeAsync("已否决的方案", s => [new RewordTask(portal.TaskKey(s, 9), "否", null)]);
        var draft = await portal.ProposeAsync("队列外的草稿", s => [new RewordTask(portal.TaskKey(s, 9), "稿", null)], submit: false);
        using var planner = await portal.SignedInClientAsync("planner");
        (await PostAsync(planner, rejected, "reject", new() { ["Comment"] = "不必调整" })).StatusCode.Should().Be(HttpStatusCode.OK);
        using var evaluator = await portal.SignedInClientAsync("evaluator");

        var html = await evaluator.GetStringAsync(Url("/adjustments"));
        var csv = await (await evaluator.GetAsync(Url("/adjustments?table=pending&format=csv"))).Content.ReadAsStringAsync();

        var pending = html[..html.IndexOf("id=\"table-decided\"", StringComparison.Ordinal)];
        pending.IndexOf($"href=\"/adjustments/{older}\"", StringComparison.Ordinal).Should().BeGreaterThan(0)
            .And.BeLessThan(pending.IndexOf($"href=\"/adjustments/{newer}\"", StringComparison.Ordinal), "oldest first");
        pending.Should().NotContain($"href=\"/adjustments/{rejected}\"").And.NotContain($"href=\"/adjustments/{draft}\"");
        csv.Should().Contain("较早提交的方案").And.MatchRegex("较早提交的方案,[^\\r\\n]*部委[^\\r\\n]*,2,[0-9-]+,30\\r\\n").And.Contain("北京市（bj-reviewer）");
        var decided = html[html.IndexOf("id=\"table-decided\"", StringComparison.Ordinal)..];
        decided.Should().Contain($"href=\"/adjustments/{rejected}\"").And.Contain("未批准").And.Contain("不必调整");
        html.Should().Contain("href=\"/adjustments\"", "the 调整审定 nav entry");
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);

    /// <summary>Posts a decision with the antiforgery token and, unless given, the row version the page carries now.</summary>
    private async Task<HttpResponseMessage> PostAsync(HttpClient client, int id, string action, Dictionary<string, string> form, string? page = null)
    {
        page ??= await client.GetStringAsync(Url($"/adjustments/{id}"));
        form["__RequestVerificationToken"] = Antiforgery.TokenIn(page);
        if (!form.ContainsKey("RowVersion"))
        {
            form["RowVersion"] = (await portal.RowVersionAsync(id)).ToString(CultureInfo.InvariantCulture);
        }

        return await client.PostAsync(Url($"/adjustments/{id}/{action}"), new FormUrlEncodedContent(form));
    }

    public sealed class Fixture : PortalFactory
    {
        public int PlanId { get; private set; }

        public int BeijingId { get; private set; }

        public int ShanghaiId { get; private set; }

        public int PeriodId { get; private set; }

        /// <summary>The key of the <paramref name="index"/>th task of a version, in document order.</summary>
        public Guid TaskKey(PlanSnapshot snapshot, int index) => snapshot.Nodes.Where(n => n.Kind == NodeKind.Task).ElementAt(index).Key;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var (periodId, _) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(ConnectionString, 2013, 0, "110000");
            PeriodId = periodId;
            await using var db = SeededDatabase.CreateContext(ConnectionString);
            PlanId = await db.ReportingPeriods.Where(p => p.Id == periodId).Select(p => p.PlanId).SingleAsync();
            BeijingId = await db.Units.Where(u => u.Code == "110000").Select(u => u.Id).SingleAsync();
            ShanghaiId = await db.Units.Where(u => u.Code == "310000").Select(u => u.Id).SingleAsync();
        }

        public async Task<(int Number, int VersionId)> CurrentAsync()
        {
            await using var db = SeededDatabase.CreateContext(ConnectionString);
            var current = await db.CurrentVersionAsync(PlanId);
            return (current!.Number, current.Id);
        }

        /// <summary>A proposal against the current version, written through the domain (submitted unless told otherwise).</summary>
        public async Task<int> ProposeAsync(
            string title,
            Func<PlanSnapshot, IReadOnlyList<PlanChange>> changes,
            int? unitId = null,
            string proposer = "planner",
            bool submit = true,
            IReadOnlyList<AdjustmentEvidence>? evidence = null,
            DateTimeOffset? submittedAt = null)
        {
            await using var db = SeededDatabase.CreateContext(ConnectionString);
            var current = await db.CurrentVersionAsync(PlanId);
            var snapshot = await db.SnapshotAsync(current!.Id);
            var at = submittedAt ?? DateTimeOffset.UtcNow;
            var adjustment = new Adjustment(PlanId, current.Id, title, title == "调整首项任务" ? "监测显示首项任务滞后，需要调整。" : "进展滞后，需要调整。", proposer, unitId, at.AddHours(-1));
            var list = changes(snapshot);
            for (var i = 0; i < list.Count; i++)
            {
                adjustment.AddChange(PlanChanges.ToStored(list[i], i + 1));
            }

            foreach (var e in evidence ?? [])
            {
                adjustment.AddEvidence(e).Succeeded.Should().BeTrue();
            }

            if (submit)
            {
                adjustment.Submit(proposer, at).Succeeded.Should().BeTrue();
            }

            db.Adjustments.Add(adjustment);
            await db.SaveChangesAsync();
            return adjustment.Id;
        }

        public async Task<uint> RowVersionAsync(int id)
        {
            await using var db = SeededDatabase.CreateContext(ConnectionString);
            return await db.Adjustments.AsNoTracking().Where(a => a.Id == id).Select(a => a.RowVersion).SingleAsync();
        }

        /// <summary>A red warning on 北京's first task, a report of it, and a value of a new indicator of the current version.</summary>
        public async Task<(long Warning, long Report, long Value, int Indicator)> EvidenceAsync()
        {
            await using var db = SeededDatabase.CreateContext(ConnectionString);
            var current = await db.CurrentVersionAsync(PlanId);
            var task = await db.PlanNodes.Where(n => n.PlanVersionId == current!.Id && n.Kind == NodeKind.Task).OrderBy(n => n.Position).FirstAsync();
            var (indicator, problems) = Indicator.Create(
                new IndicatorDraft("示范基地数", "产业集聚", "个", null, IndicatorDirection.HigherIsBetter, IndicatorAggregation.Sum, 2010, "18", null, 2015, "≥50"), [], 100, Guid.NewGuid());
            problems.Should().BeEmpty();
            current!.AddIndicator(indicator!);
            var report = await ReportBuilder.For(PeriodId, task.Id, BeijingId).WrittenBy("bj-reporter").At(DateTimeOffset.UtcNow).SaveAsync(db);
            var warning = new EarlyWarning(PlanId, WarningSubject.TaskUnit(task.Key, task.Id, BeijingId, report.Id), StatusColour.Red, null, "北京首项任务进度落后。", new DateOnly(2026, 11, 25), DateTimeOffset.UtcNow);
            var value = new IndicatorValue(indicator!.Id, BeijingId, PeriodId, 12m, null, "个", "统计", null, DateTimeOffset.UtcNow);
            db.EarlyWarnings.Add(warning);
            db.IndicatorValues.Add(value);
            await db.SaveChangesAsync();
            return (warning.Id, report.Id, value.Id, indicator.Id);
        }

        /// <summary>An approved and a draft report of 北京 on the current version's second and third task.</summary>
        public async Task<(long Approved, long Draft, int OldTask)> ReportsOnCurrentVersionAsync()
        {
            await using var db = SeededDatabase.CreateContext(ConnectionString);
            var current = await db.CurrentVersionAsync(PlanId);
            var tasks = await db.PlanNodes.Where(n => n.PlanVersionId == current!.Id && n.Kind == NodeKind.Task).OrderBy(n => n.Position).Skip(1).Take(2).Select(n => n.Id).ToListAsync();
            ReportBuilder Report(int task) => ReportBuilder.For(PeriodId, task, BeijingId).WrittenBy("bj-reporter").At(DateTimeOffset.UtcNow);
            var approved = await Report(tasks[0]).Approved().SaveAsync(db);
            var draft = await Report(tasks[1]).SaveAsync(db);
            return (approved.Id, draft.Id, tasks[0]);
        }
    }

    private static class FigureTypes
    {
        public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
}
