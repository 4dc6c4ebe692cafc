using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.TestSupport;
using PlanTracker.TestSupport.Builders;
using PlanTracker.Web.Features.Progress;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Progress;

/// <summary>
/// The unit's inbox a page at a time: with every task of the plan on 北京, a period lists the first page in the order of
/// attention, counts all tasks by state in SQL, pages on, and filters by state.
/// </summary>
public sealed partial class InboxPagingTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Inbox_WithMoreTasksThanAPage_ListsOnePageInAttentionOrder_CountsAll_PagesAndFilters()
    {
        var (period, first) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2013, 0, "110000");
        int taskCount, lastTask;
        await using (var db = AppDbContextOptions.Create(portal.ConnectionString))
        {
            var unit = await db.Units.SingleAsync(u => u.Code == "110000");
            var versionId = await db.PlanNodes.Where(n => n.Id == first).Select(n => n.PlanVersionId).SingleAsync();
            var tasks = await db.PlanNodes.Where(n => n.PlanVersionId == versionId && n.Kind == NodeKind.Task).OrderBy(n => n.Position).ToListAsync();
            foreach (var task in tasks.Where(t => t.Id != first))
            {
                db.TaskAssignments.Add(new TaskAssignment(task, unit, AssignmentRole.Participating, DateTimeOffset.UtcNow));
            }

            // A draft of the plan's last task: drafts come after tasks not started, so it is last in the list.
            lastTask = tasks[^1].Id;
            await ReportBuilder.For(period, lastTask, unit.Id).WrittenBy("bj-reporter").At(DateTimeOffset.UtcNow).SaveAsync(db);
            taskCount = tasks.Count;
        }

        taskCount.Should().BeGreaterThan(ProgressInbox.PageSize, "the shipped plan has more tasks than one page holds");
        var pages = (taskCount + ProgressInbox.PageSize - 1) / ProgressInbox.PageSize;
        using var reporter = await portal.SignedInClientAsync("bj-reporter");

        var inbox = await reporter.GetStringAsync(new Uri("/progress", UriKind.Relative));
        var rows = RowsOf(inbox, period);
        rows.Should().HaveCount(ProgressInbox.PageSize, "one page of the period's tasks");
        rows[0].Should().Be(first, "tasks not started come first, in the plan's order");
        rows.Should().NotContain(lastTask);
        inbox.Should().Contain($"未填报 {taskCount - 1}").And.Contain("草稿 1").And.Contain($"第1/{pages}页");

        var last = await reporter.GetStringAsync(new Uri($"/progress?period={period}&page={pages}", UriKind.Relative));
        RowsOf(last, period).Should().HaveCount(taskCount - ((pages - 1) * ProgressInbox.PageSize)).And.EndWith(lastTask);

        var drafts = await reporter.GetStringAsync(new Uri($"/progress?period={period}&status=Draft", UriKind.Relative));
        RowsOf(drafts, period).Should().Equal(lastTask);
        drafts.Should().Contain($"全部任务（{taskCount}）");

        // A page number past the end (or one that would overflow the offset) shows the last page, not an error.
        using var beyond = await reporter.GetAsync(new Uri($"/progress?period={period}&page=2147483647", UriKind.Relative));
        beyond.StatusCode.Should().Be(HttpStatusCode.OK);
        RowsOf(await beyond.Content.ReadAsStringAsync(), period).Should().EndWith(lastTask);
    }

    private static List<int> RowsOf(string html, int period)
    {
        var section = html[html.IndexOf($"data-period=\"{period}\"", StringComparison.Ordinal)..];
        var end = section.IndexOf("</section>", StringComparison.Ordinal);
        return TaskRow().Matches(section[..end]).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }

    [GeneratedRegex("<tr[^>]*data-task=\"(\\d+)\"")]
    private static partial Regex TaskRow();
}
