using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Reporting;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Progress;

/// <summary>Form posts and seeding shared by the versions, reopening, reminder and message tests.</summary>
public static partial class ReportForms
{
    public static (string, string)[] Complete(string progressText = "建成试点园区3个。带动就业1200人。") =>
    [
        ("Progress", "OnTrack"), ("PercentComplete", "60"), ("ProgressText", progressText), ("Achievements", "带动就业1200人"),
        ("NextSteps", "扩大试点范围"), ("InvestmentWan", "350.5"),
    ];

    public static Uri Url(string path) => new(path, UriKind.Relative);

    /// <summary>Posts with the page's antiforgery token and the first RowVersion the page carries (if any).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string page, params (string Name, string Value)[] fields)
    {
        var form = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", Antiforgery.TokenIn(page)) };
        if (RowVersion().Match(page) is { Success: true } version && version.Groups[1].Value.Length > 0 && fields.All(f => f.Name != "RowVersion"))
        {
            form.Add(new("RowVersion", version.Groups[1].Value));
        }

        form.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await client.PostAsync(Url(url), new FormUrlEncodedContent(form));
    }

    /// <summary>The items of the page's list of missing fields (an incomplete submit, an unreadable number).</summary>
    public static List<string> Missing(string html)
    {
        var list = MissingList().Match(html);
        list.Success.Should().BeTrue("the refusal lists the fields");
        return MissingItem().Matches(list.Groups[1].Value).Select(m => m.Groups[1].Value.Trim()).ToList();
    }

    /// <summary>The RowVersion carried by the reopen form of a report page.</summary>
    public static string ReopenRowVersion(string page) => ReopenForm().Match(page).Groups[1].Value;

    public static async Task<ProgressReport?> ReportAsync(string connectionString, int period, int task, int? unitId = null)
    {
        await using var db = SeededDatabase.CreateContext(connectionString);
        return await db.ProgressReports.AsNoTracking().SingleOrDefaultAsync(r => r.PeriodId == period && r.TaskId == task && (unitId == null || r.UnitId == unitId));
    }

    public static async Task ClosePeriodAsync(string connectionString, int period)
    {
        await using var db = SeededDatabase.CreateContext(connectionString);
        await db.ReportingPeriods.Where(p => p.Id == period).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PeriodStatus.Closed));
    }

    /// <summary>Assigns one more task (by document order) of the period's plan to the unit; returns the task id.</summary>
    public static async Task<int> AssignAnotherTaskAsync(string connectionString, int taskIndex, string unitCode)
    {
        await using var db = SeededDatabase.CreateContext(connectionString);
        var task = await db.PlanNodes.Where(n => n.Kind == Domain.Plans.NodeKind.Task).OrderBy(n => n.Position).Skip(taskIndex).FirstAsync();
        var unit = await db.Units.SingleAsync(u => u.Code == unitCode);
        db.TaskAssignments.Add(new TaskAssignment(task, unit, AssignmentRole.Lead, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        return task.Id;
    }

    public static async Task<int> UnitIdAsync(string connectionString, string code)
    {
        await using var db = SeededDatabase.CreateContext(connectionString);
        return await db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync();
    }

    [GeneratedRegex("name=\"RowVersion\" value=\"(\\d*)\"")]
    private static partial Regex RowVersion();

    [GeneratedRegex("<ul class=\"missing-fields\">(.*?)</ul>", RegexOptions.Singleline)]
    private static partial Regex MissingList();

    [GeneratedRegex("<li>([^<]*)</li>")]
    private static partial Regex MissingItem();

    [GeneratedRegex("class=\"report-form reopen-form\"[^>]*>\\s*<input type=\"hidden\" name=\"RowVersion\" value=\"(\\d*)\"")]
    private static partial Regex ReopenForm();
}
