using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Auditing;
using PlanTracker.Domain.Reporting;
using PlanTracker.TestSupport;
using PlanTracker.Web.Tests.Support;
using Xunit.Abstractions;

namespace PlanTracker.Web.Tests.Races;

/// <summary>
/// Races on one unit's report, fired over HTTP at the same moment by separate signed-in sessions, 20 rounds each:
/// exactly one write wins each round, every other gets 409 with a Chinese message and its own input still on the page,
/// the stored row is exactly the winner's, and the audit log holds the winner's write alone (the losers' attempts are in
/// the application log as conflicts). Counts per race are written to the test output and to docs/reliability.md.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Race)]
public sealed class ReportRaceTests(RacePortal portal, ITestOutputHelper output) : IClassFixture<RacePortal>
{
    private const int Rounds = 20;
    private const string StaleMessage = "该报告已被他人修改，未保存";

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    [Fact]
    public async Task ManyTabs_SavingTheSameReport_OneSaveWinsEachVersion_TheOthersGet409_WithWhatTheyTypedKept()
    {
        const int tabs = 5;
        var period = await portal.OpenPeriodAsync();
        var entry = $"/progress/{period}/tasks/{portal.TaskId}";
        var clients = new List<HttpClient>();
        for (var i = 0; i < tabs; i++)
        {
            clients.Add(await portal.SignedInClientAsync("bj-reporter"));
        }

        var mark = portal.Logged.Count;
        var winners = new List<string>();
        for (var round = 1; round <= Rounds; round++)
        {
            // Every tab draws the form from the same stored version (none at all in the first round), then all save.
            var pages = new List<string>();
            foreach (var client in clients)
            {
                pages.Add(await client.GetStringAsync(new Uri(entry, UriKind.Relative)));
            }

            var texts = Enumerable.Range(0, tabs).Select(i => $"第{round}轮：第{i + 1}个窗口填写的进展情况").ToList();
            var responses = await Race.AtOnceAsync([.. clients.Select((c, i) => Race.Post(c, entry + "/save", pages[i], ("ProgressText", texts[i]), ("PercentComplete", (round + i).ToString(CultureInfo.InvariantCulture))))]);

            var winner = Race.Winner(responses);
            winners.Add(texts[winner]);
            (await responses[winner].Content.ReadAsStringAsync()).Should().Contain("草稿已保存");
            for (var i = 0; i < tabs; i++)
            {
                if (i == winner)
                {
                    continue;
                }

                responses[i].StatusCode.Should().Be(HttpStatusCode.Conflict);
                var page = await responses[i].Content.ReadAsStringAsync();
                page.Should().Contain(StaleMessage).And.Contain("最近一次修改：bj-reporter").And.Contain("报告现为“草稿”");
                Race.Typed(page, "ProgressText").Should().Be(texts[i], "the loser's own text is on the page beside the stored one");
            }

            var stored = await portal.ReportAsync(period);
            stored!.ProgressText.Should().Be(texts[winner], "the stored text is exactly the winner's");
            stored.PercentComplete.Should().Be(round + winner);
        }

        // The audit log: one entry per round (the create, then one update each), each the winner's text, nothing of a loser.
        var report = (await portal.ReportAsync(period))!;
        var audit = await portal.AuditAsync(nameof(ProgressReport), report.Id);
        audit.Should().HaveCount(Rounds);
        audit.Select(a => a.Action).Should().Equal(["create", .. Enumerable.Repeat("update", Rounds - 1)]);
        audit.Should().OnlyContain(a => a.UserName == "bj-reporter" && a.RequestId != null);
        audit.Select(a => Field(a.AfterJson, "ProgressText")).Should().Equal(winners);
        report.Events.Select(e => e.Step).Should().Equal(ReportStep.Created);
        portal.ConflictsSince(mark).Should().HaveCount(Rounds * (tabs - 1)).And.OnlyContain(l => l.Contains("save", StringComparison.Ordinal) && l.Contains("progress report", StringComparison.Ordinal));

        // The history page a planner reads says the same.
        using var planner = await portal.SignedInClientAsync("planner");
        var history = await planner.GetStringAsync(new Uri($"/audit/ProgressReport/{report.Id}", UriKind.Relative));
        Rows(history).Should().Be(Rounds);
        history.Should().Contain("bj-reporter");
        output.WriteLine($"save race: {Rounds} rounds x {tabs} tabs: {Rounds} saves won, {Rounds * (tabs - 1)} refused with 409, 0 lost, audit entries {audit.Count}");
    }

    [Fact]
    public async Task ApprovingAndReturningTheSameSubmission_AtOnce_ExactlyOneTransition_OneEvent_OneAuditEntry()
    {
        using var reviewerA = await portal.SignedInClientAsync("bj-reviewer");
        using var reviewerB = await portal.SignedInClientAsync("bj-reviewer");
        using var plannerA = await portal.SignedInClientAsync("planner");
        using var plannerB = await portal.SignedInClientAsync("planner");
        var mark = portal.Logged.Count;
        var tally = new Dictionary<string, int>();
        for (var round = 0; round < Rounds; round++)
        {
            var period = await portal.OpenPeriodAsync();
            var id = await portal.SubmittedReportAsync(period);
            var entry = $"/progress/{period}/tasks/{portal.TaskId}";
            var report = $"/progress/reports/{id}";
            var unitPage = await reviewerA.GetStringAsync(new Uri(entry, UriKind.Relative));
            var unitPageB = await reviewerB.GetStringAsync(new Uri(entry, UriKind.Relative));
            var ministryPage = await plannerA.GetStringAsync(new Uri(report, UriKind.Relative));
            var ministryPageB = await plannerB.GetStringAsync(new Uri(report, UriKind.Relative));
            var messagesBefore = await MessagesAsync();

            // Four pairs in turn: the unit's reviewer reviewing and returning; the ministry approving and returning;
            // two approvals; the unit's return against the ministry's approval.
            (string Name, string User, ReportStatus Status, ReportStep Step, string? Comment, Func<Task<HttpResponseMessage>> Send)[] pair = (round % 4) switch
            {
                0 =>
                [
                    ("unit review", "bj-reviewer", ReportStatus.Reviewed, ReportStep.Reviewed, "已核实", Race.Post(reviewerA, entry + "/review", unitPage, ("Comment", "已核实"))),
                    ("unit return", "bj-reviewer", ReportStatus.Returned, ReportStep.Returned, "请核实投入资金", Race.Post(reviewerB, entry + "/return", unitPageB, ("Comment", "请核实投入资金"))),
                ],
                1 =>
                [
                    ("ministry approve", "planner", ReportStatus.Approved, ReportStep.Approved, "同意", Race.Post(plannerA, report + "/approve", ministryPage, ("Comment", "同意"))),
                    ("ministry return", "planner", ReportStatus.Returned, ReportStep.Returned, "主要成效请补充量化数据", Race.Post(plannerB, report + "/return", ministryPageB, ("Comment", "主要成效请补充量化数据"))),
                ],
                2 =>
                [
                    ("ministry approve", "planner", ReportStatus.Approved, ReportStep.Approved, null, Race.Post(plannerA, report + "/approve", ministryPage)),
                    ("ministry approve", "planner", ReportStatus.Approved, ReportStep.Approved, null, Race.Post(plannerB, report + "/approve", ministryPageB)),
                ],
                _ =>
                [
                    ("unit return", "bj-reviewer", ReportStatus.Returned, ReportStep.Returned, "请补充佐证材料", Race.Post(reviewerA, entry + "/return", unitPage, ("Comment", "请补充佐证材料"))),
                    ("ministry approve", "planner", ReportStatus.Approved, ReportStep.Approved, "同意", Race.Post(plannerA, report + "/approve", ministryPage, ("Comment", "同意"))),
                ],
            };

            var responses = await Race.AtOnceAsync(pair[0].Send, pair[1].Send);

            var winner = Race.Winner(responses);
            var won = pair[winner];
            var lost = pair[1 - winner];
            tally[won.Name + " beat " + lost.Name] = tally.GetValueOrDefault(won.Name + " beat " + lost.Name) + 1;
            responses[1 - winner].StatusCode.Should().Be(HttpStatusCode.Conflict);
            var loserPage = await responses[1 - winner].Content.ReadAsStringAsync();
            loserPage.Should().Contain(StaleMessage).And.Contain($"最近一次修改：{won.User}").And.Contain($"报告现为“{Chinese(won.Status)}”");
            if (lost.Comment is not null)
            {
                loserPage.Should().Contain($"您填写的意见未生效：“{lost.Comment}”");
            }

            // Exactly one transition: the status, one new event (the winner's), one audit entry (the winner's).
            var stored = (await portal.ReportAsync(period))!;
            stored.Status.Should().Be(won.Status);
            stored.Events.OrderBy(e => e.Id).Select(e => (e.Step, e.Actor, e.Comment))
                .Should().Equal((ReportStep.Created, "bj-reporter", null), (ReportStep.Submitted, "bj-reporter", null), (won.Step, won.User, won.Comment));
            var audit = (await portal.AuditAsync(nameof(ProgressReport), id)).Where(a => a.RequestId is not null).ToList();
            audit.Should().ContainSingle().Which.Should().Match<AuditEntry>(a => a.UserName == won.User && a.Action == "update");
            Field(audit[0].AfterJson, "Status").Should().BeOneOf(won.Status.ToString(), ((int)won.Status).ToString(CultureInfo.InvariantCulture));

            // Only a ministry return that won tells the unit; a losing one sent nothing.
            (await MessagesAsync()).Should().Be(messagesBefore + (won.Name == "ministry return" ? 1 : 0));
        }

        portal.ConflictsSince(mark).Should().HaveCount(Rounds);
        output.WriteLine($"decision race: {Rounds} rounds, {Rounds} transitions, {Rounds} refused with 409: " + string.Join("; ", tally.Select(t => $"{t.Key} {t.Value}")));
    }

    [Fact]
    public async Task Submit_RacingASaveInAnotherTab_OneWins_AndTheSubmittedVersionIsWhatIsStored()
    {
        using var tabA = await portal.SignedInClientAsync("bj-reporter");
        using var tabB = await portal.SignedInClientAsync("bj-reporter");
        var (submits, saves) = (0, 0);
        for (var round = 1; round <= Rounds; round++)
        {
            var period = await portal.OpenPeriodAsync();
            var entry = $"/progress/{period}/tasks/{portal.TaskId}";
            (await Race.Post(tabA, entry + "/save", await tabA.GetStringAsync(new Uri(entry, UriKind.Relative)), Complete("草稿"))()).StatusCode.Should().Be(HttpStatusCode.OK);
            var pageA = await tabA.GetStringAsync(new Uri(entry, UriKind.Relative));
            var pageB = await tabB.GetStringAsync(new Uri(entry, UriKind.Relative));
            var submitted = $"第{round}轮报送的进展";
            var saved = $"第{round}轮另一窗口保存的进展";

            var responses = await Race.AtOnceAsync(Race.Post(tabA, entry + "/submit", pageA, Complete(submitted)), Race.Post(tabB, entry + "/save", pageB, Complete(saved)));

            var winner = Race.Winner(responses);
            var loser = await responses[1 - winner].Content.ReadAsStringAsync();
            responses[1 - winner].StatusCode.Should().Be(HttpStatusCode.Conflict);
            loser.Should().Contain(StaleMessage);
            Race.Typed(loser, "ProgressText").Should().Be(winner == 0 ? saved : submitted);
            var report = (await portal.ReportAsync(period))!;
            if (winner == 0)
            {
                submits++;
                report.Status.Should().Be(ReportStatus.Submitted);
                report.ProgressText.Should().Be(submitted);
                report.Versions.Should().ContainSingle().Which.Content.ProgressText.Should().Be(submitted);
            }
            else
            {
                saves++;
                report.Status.Should().Be(ReportStatus.Draft);
                report.ProgressText.Should().Be(saved);
                report.Versions.Should().BeEmpty();
            }
        }

        output.WriteLine($"submit vs save: {Rounds} rounds, submit won {submits}, save won {saves}, every loser 409");
    }

    [Fact]
    public async Task Submit_RacingAnEvidenceUpload_TheSubmittedVersionListsExactlyTheFilesTheReportHolds()
    {
        using var tabA = await portal.SignedInClientAsync("bj-reporter");
        using var tabB = await portal.SignedInClientAsync("bj-reporter");
        var (uploadFirst, submitFirst) = (0, 0);
        for (var round = 1; round <= Rounds; round++)
        {
            var period = await portal.OpenPeriodAsync();
            var entry = $"/progress/{period}/tasks/{portal.TaskId}";
            (await Race.Post(tabA, entry + "/save", await tabA.GetStringAsync(new Uri(entry, UriKind.Relative)), Complete("报送前的草稿"))()).StatusCode.Should().Be(HttpStatusCode.OK);
            var pageA = await tabA.GetStringAsync(new Uri(entry, UriKind.Relative));
            var pageB = await tabB.GetStringAsync(new Uri(entry, UriKind.Relative));
            var upload = new MultipartFormDataContent { { new StringContent(Antiforgery.TokenIn(pageB)), "__RequestVerificationToken" } };
            var file = new ByteArrayContent(Pdf);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            upload.Add(file, "files", $"佐证{round}.pdf");

            var responses = await Race.AtOnceAsync(
                Race.Post(tabA, entry + "/submit", pageA, Complete("报送的进展")),
                () => tabB.PostAsync(new Uri(entry + "/evidence", UriKind.Relative), upload));

            responses[0].StatusCode.Should().Be(HttpStatusCode.OK, "the submit finds the report editable whichever comes first");
            var report = (await portal.ReportAsync(period))!;
            report.Status.Should().Be(ReportStatus.Submitted);
            await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
            var files = await db.EvidenceFiles.AsNoTracking().Where(e => e.ProgressReportId == report.Id).Select(e => e.FileName).ToListAsync();
            report.Versions.Should().ContainSingle().Which.Content.Evidence.Select(e => e.FileName).Should().BeEquivalentTo(files, "what was sent lists exactly the files the report holds");
            if (responses[1].StatusCode == HttpStatusCode.OK)
            {
                uploadFirst++;
                files.Should().Equal($"佐证{round}.pdf");
            }
            else
            {
                submitFirst++;
                responses[1].StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
                files.Should().BeEmpty();
            }
        }

        output.WriteLine($"submit vs evidence upload: {Rounds} rounds, upload first {uploadFirst}, submit first {submitFirst} (upload refused 422), 0 files outside the submitted version");
    }

    [Fact]
    public async Task Save_RacingThePeriodsClose_NoSaveIsStoredAfterTheClose()
    {
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        using var planner = await portal.SignedInClientAsync("planner");
        var (before, refused) = (0, 0);
        for (var round = 1; round <= Rounds; round++)
        {
            var period = await portal.OpenPeriodAsync();
            var entry = $"/progress/{period}/tasks/{portal.TaskId}";
            (await Race.Post(reporter, entry + "/save", await reporter.GetStringAsync(new Uri(entry, UriKind.Relative)), Complete("关闭前的草稿"))()).StatusCode.Should().Be(HttpStatusCode.OK);
            var form = await reporter.GetStringAsync(new Uri(entry, UriKind.Relative));
            var periods = await planner.GetStringAsync(new Uri($"/periods?plan={portal.PlanId}", UriKind.Relative));
            var periodVersion = await portal.PeriodVersionAsync(period);

            var text = $"第{round}轮截止时刻的保存";
            var responses = await Race.AtOnceAsync(
                Race.Post(reporter, entry + "/save", form, Complete(text)),
                Race.Post(planner, $"/periods/{period}/close", periods, ("RowVersion", periodVersion.ToString(CultureInfo.InvariantCulture))));

            responses[1].StatusCode.Should().Be(HttpStatusCode.OK, "closing a period is never refused by a save");
            var closed = (await portal.AuditAsync("ReportingPeriod", period)).Single(a => a.Action == "update" && a.UserName == "planner");
            var saves = (await portal.AuditAsync(nameof(ProgressReport), (await portal.ReportAsync(period))!.Id)).Where(a => a.Action == "update").ToList();
            if (responses[0].StatusCode == HttpStatusCode.OK)
            {
                before++;
                (await portal.ReportAsync(period))!.ProgressText.Should().Be(text);
                saves.Should().ContainSingle().Which.Id.Should().BeLessThan(closed.Id, "a save that was stored was stored before the close");
            }
            else
            {
                refused++;
                responses[0].StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
                var page = await responses[0].Content.ReadAsStringAsync();
                page.Should().Contain("填报期未开放");
                (await portal.ReportAsync(period))!.ProgressText.Should().Be("关闭前的草稿");
                saves.Should().BeEmpty("a save refused by the close left nothing");
            }
        }

        output.WriteLine($"save vs period close: {Rounds} rounds, save stored before the close {before}, refused after it {refused} (422), 0 stored after the close");
    }

    private static (string, string)[] Complete(string progressText) =>
    [
        ("Progress", "OnTrack"), ("PercentComplete", "60"), ("ProgressText", progressText), ("Achievements", "带动就业1200人"),
        ("NextSteps", "扩大试点范围"), ("InvestmentWan", "350.5"),
    ];

    private static string Chinese(ReportStatus status) => status switch
    {
        ReportStatus.Reviewed => "已审核",
        ReportStatus.Returned => "已退回",
        ReportStatus.Approved => "已通过",
        ReportStatus.Submitted => "已报送",
        _ => "草稿",
    };

    /// <summary>A property of an audit entry's JSON, as text (a number or a string).</summary>
    private static string? Field(string? json, string name)
    {
        using var document = JsonDocument.Parse(json!);
        var value = document.RootElement.GetProperty(name);
        return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
    }

    /// <summary>The rows of the audit history page's table.</summary>
    private static int Rows(string html)
    {
        var body = html[html.IndexOf("<tbody>", StringComparison.Ordinal)..html.IndexOf("</tbody>", StringComparison.Ordinal)];
        return body.Split("<tr>").Length - 1;
    }

    private async Task<int> MessagesAsync()
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.PortalMessages.CountAsync(m => m.UnitId == portal.BeijingId);
    }
}
