using System.Globalization;
using System.Text.RegularExpressions;

namespace PlanTracker.Load;

/// <summary>
/// One simulated person at work until the run ends: signs in through the form, then repeats what their role does, with
/// think times between pages. A page that fails is noted and the person starts over from their first page, as people do.
/// </summary>
public sealed partial class VirtualUser(Account account, int index, LoadSettings settings, Targets targets, Recorder recorder, Ledger ledger)
{
    private readonly Random _random = new(settings.Seed * 7919 + index);

    public async Task RunAsync(double startAt, double endAt, CancellationToken cancellationToken)
    {
        await DelayUntilAsync(startAt, cancellationToken);
        using var browser = new Browser(settings, ClientAddress(index), account.Role, recorder);
        while (recorder.Now < endAt && !cancellationToken.IsCancellationRequested)
        {
            if (!await browser.SignInAsync(account.UserName, account.Password, cancellationToken))
            {
                await ThinkAsync(cancellationToken);
                continue;
            }

            while (recorder.Now < endAt && !cancellationToken.IsCancellationRequested)
            {
                var signedIn = account.Role switch
                {
                    "Reporter" => await ReporterVisitAsync(browser, cancellationToken),
                    "Reviewer" => await ReviewerVisitAsync(browser, cancellationToken),
                    "Planner" => await PlannerVisitAsync(browser, cancellationToken),
                    _ => await EvaluatorVisitAsync(browser, cancellationToken),
                };
                if (!signedIn)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Each virtual user is its own client behind the proxy (X-Forwarded-For), as the ministry's people are.</summary>
    private static string ClientAddress(int index) => $"10.{(index >> 16) & 255}.{(index >> 8) & 255}.{(index & 255) + 1}";

    // ---- 填报员: inbox → a task not yet sent → save a draft → (mostly) submit it.
    private async Task<bool> ReporterVisitAsync(Browser browser, CancellationToken cancellationToken)
    {
        var inbox = await browser.GetAsync("GET /progress (inbox)", "/progress", cancellationToken);
        if (!inbox.Ok)
        {
            return await AfterFailureAsync(inbox, cancellationToken);
        }

        var open = InboxRows(inbox.Body).Where(r => r.Status is "none" or "draft" or "returned").ToList();
        await ThinkAsync(cancellationToken);
        if (open.Count == 0)
        {
            return true;
        }

        var (periodId, taskId, _) = open[_random.Next(open.Count)];
        var path = $"/progress/{periodId}/tasks/{taskId}";
        var entry = await browser.GetAsync("GET /progress/{period}/tasks/{task}", path, cancellationToken);
        if (!entry.Ok || !Forms.HasForm(entry.Body, "/save"))
        {
            return await AfterFailureAsync(entry, cancellationToken);
        }

        await ThinkAsync(cancellationToken, typing: true);
        var (saved, afterSave) = await WriteReportAsync(browser, WriteKind.Save, periodId, taskId, path, entry.Body, cancellationToken);
        if (!saved || afterSave is null || _random.NextDouble() >= settings.SubmitShare)
        {
            await ThinkAsync(cancellationToken);
            return true;
        }

        await ThinkAsync(cancellationToken, typing: true);
        await WriteReportAsync(browser, WriteKind.Submit, periodId, taskId, path, afterSave, cancellationToken);
        await ThinkAsync(cancellationToken);
        return true;
    }

    /// <summary>Posts the form as a save or a submit with new content; on the acknowledging redirect, follows it as a browser does.</summary>
    private async Task<(bool Acknowledged, string? Page)> WriteReportAsync(Browser browser, WriteKind kind, int periodId, int taskId, string path, string form, CancellationToken cancellationToken)
    {
        var token = Forms.Token(form);
        var rowVersion = Forms.RowVersion(form, "/save");
        if (token is null || rowVersion is null)
        {
            return (false, null);
        }

        var (sequence, mark) = ledger.Next();
        var content = NewContent(mark, form);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", token),
            new("RowVersion", rowVersion),
            new("Progress", content.Progress),
            new("PercentComplete", content.PercentComplete.ToString(CultureInfo.InvariantCulture)),
            new("ProgressText", content.ProgressText),
            new("Achievements", content.Achievements),
            new("Problems", content.Problems),
            new("NextSteps", content.NextSteps),
            new("InvestmentWan", content.InvestmentWan.ToString(CultureInfo.InvariantCulture)),
            new("Milestones[0].Title", content.MilestoneTitle),
            new("Milestones[0].ReachedOn", content.MilestoneDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        };
        var sentAt = DateTimeOffset.UtcNow;
        var runSeconds = recorder.Now;
        var action = kind == WriteKind.Submit ? "submit" : "save";
        var answer = await browser.PostAsync($"POST /progress/{{period}}/tasks/{{task}}/{action}", $"{path}/{action}", fields, cancellationToken);
        var acknowledged = answer.IsRedirect && answer.Location?.EndsWith(path, StringComparison.Ordinal) == true;
        ledger.Add(new LedgerEntry(sequence, mark, kind, account.UserName, account.UnitId, periodId, taskId, null, content, null, sentAt, runSeconds, answer.Status, Outcome(answer, acknowledged)));
        if (!acknowledged)
        {
            return (false, null);
        }

        var after = await browser.GetAsync("GET /progress/{period}/tasks/{task}", path, cancellationToken);
        return (true, after.Ok ? after.Body : null);
    }

    private ReportContent NewContent(string mark, string form)
    {
        var (first, last) = MilestoneWindow(form);
        var day = first.AddDays(_random.Next(Math.Max(1, last.DayNumber - first.DayNumber + 1)));
        var percent = Math.Round((decimal)(_random.NextDouble() * 90) + 5, 2);
        return new ReportContent(
            _random.NextDouble() < 0.8 ? "OnTrack" : "Behind",
            percent,
            $"本期按计划推进，完成阶段任务{percent.ToString(CultureInfo.InvariantCulture)}%。{mark}",
            $"形成阶段性成果{_random.Next(1, 9)}项，带动地方投入。",
            "部分配套资金到位较慢。",
            "下一季度完成验收准备。",
            Math.Round((decimal)(_random.NextDouble() * 5000), 4),
            $"阶段节点{_random.Next(1, 99)}",
            day);
    }

    private static (DateOnly First, DateOnly Last) MilestoneWindow(string form)
    {
        var match = MilestoneWindowPattern().Match(form);
        return match.Success
            ? (DateOnly.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), DateOnly.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
            : throw new InvalidOperationException("the entry form has no milestone day field");
    }

    // ---- 审核员 of a unit: inbox → a report waiting for review → review it (mostly) or return it.
    private async Task<bool> ReviewerVisitAsync(Browser browser, CancellationToken cancellationToken)
    {
        var inbox = await browser.GetAsync("GET /progress (inbox)", "/progress", cancellationToken);
        if (!inbox.Ok)
        {
            return await AfterFailureAsync(inbox, cancellationToken);
        }

        var awaiting = AwaitingPattern().Match(inbox.Body) is { Success: true } section
            ? EntryLinkPattern().Matches(section.Value).Select(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList()
            : [];
        await ThinkAsync(cancellationToken);
        if (awaiting.Count == 0)
        {
            return true;
        }

        var (periodId, taskId) = awaiting[_random.Next(awaiting.Count)];
        var path = $"/progress/{periodId}/tasks/{taskId}";
        var entry = await browser.GetAsync("GET /progress/{period}/tasks/{task}", path, cancellationToken);
        var rowVersion = entry.Ok ? Forms.RowVersion(entry.Body, "/review") : null;
        if (rowVersion is null || Forms.Token(entry.Body) is not { } token)
        {
            return entry.Ok || await AfterFailureAsync(entry, cancellationToken);
        }

        await ThinkAsync(cancellationToken, typing: true);
        var isReturn = _random.NextDouble() < settings.ReturnShare;
        var (sequence, mark) = ledger.Next();
        var comment = isReturn ? $"请补充佐证材料后重新报送。{mark}" : $"经审核，内容属实。{mark}";
        var action = isReturn ? "return" : "review";
        var sentAt = DateTimeOffset.UtcNow;
        var runSeconds = recorder.Now;
        var answer = await browser.PostAsync($"POST /progress/{{period}}/tasks/{{task}}/{action}", $"{path}/{action}", [new("__RequestVerificationToken", token), new("RowVersion", rowVersion), new("Comment", comment)], cancellationToken);
        var acknowledged = answer.IsRedirect && answer.Location?.EndsWith(path, StringComparison.Ordinal) == true;
        ledger.Add(new LedgerEntry(sequence, mark, isReturn ? WriteKind.UnitReturn : WriteKind.UnitReview, account.UserName, account.UnitId, periodId, taskId, null, null, comment, sentAt, runSeconds, answer.Status, Outcome(answer, acknowledged)));
        if (acknowledged)
        {
            await browser.GetAsync("GET /progress/{period}/tasks/{task}", path, cancellationToken);
        }

        await ThinkAsync(cancellationToken);
        return true;
    }

    // ---- 规划司: dashboards, the completeness matrix, and now and then a decision on a reviewed report.
    private async Task<bool> PlannerVisitAsync(Browser browser, CancellationToken cancellationToken)
    {
        var plan = targets.Plans[_random.Next(targets.Plans.Count)];
        var draw = _random.NextDouble();
        Page page;
        if (draw < 0.25)
        {
            page = await browser.GetAsync("GET /monitoring/plans/{plan}", $"/monitoring/plans/{plan.PlanId}", cancellationToken);
        }
        else if (draw < 0.40)
        {
            page = await browser.GetAsync("GET /monitoring/plans/{plan}/units", $"/monitoring/plans/{plan.PlanId}/units", cancellationToken);
        }
        else if (draw < 0.55)
        {
            page = await browser.GetAsync("GET /monitoring/tasks/{task}", $"/monitoring/tasks/{plan.TaskIds[_random.Next(plan.TaskIds.Count)]}", cancellationToken);
        }
        else if (draw < 0.65 && plan.IndicatorIds.Count > 0)
        {
            page = await browser.GetAsync("GET /monitoring/indicators/{indicator}", $"/monitoring/indicators/{plan.IndicatorIds[_random.Next(plan.IndicatorIds.Count)]}", cancellationToken);
        }
        else if (draw < 0.82)
        {
            page = await browser.GetAsync("GET /review/periods/{period} (matrix)", $"/review/periods/{plan.OpenPeriodId}", cancellationToken);
        }
        else
        {
            return await DecideAsync(browser, plan, cancellationToken);
        }

        if (!page.Ok)
        {
            return await AfterFailureAsync(page, cancellationToken);
        }

        await ThinkAsync(cancellationToken);
        return true;
    }

    private async Task<bool> DecideAsync(Browser browser, PlanTarget plan, CancellationToken cancellationToken)
    {
        var unitId = targets.UnitIds[_random.Next(targets.UnitIds.Count)];
        var unitPage = await browser.GetAsync("GET /review/periods/{period}/units/{unit}", $"/review/periods/{plan.OpenPeriodId}/units/{unitId}", cancellationToken);
        if (!unitPage.Ok)
        {
            return await AfterFailureAsync(unitPage, cancellationToken);
        }

        var waiting = ReportLinkPattern().Matches(unitPage.Body)
            .Where(m => m.Groups[1].Value is "reviewed" or "submitted")
            .Select(m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))
            .ToList();
        await ThinkAsync(cancellationToken);
        if (waiting.Count == 0)
        {
            return true;
        }

        var reportId = waiting[_random.Next(waiting.Count)];
        var path = $"/progress/reports/{reportId}";
        var report = await browser.GetAsync("GET /progress/reports/{report}", path, cancellationToken);
        var rowVersion = report.Ok ? Forms.RowVersion(report.Body, "/approve") : null;
        if (rowVersion is null || Forms.Token(report.Body) is not { } token)
        {
            return report.Ok || await AfterFailureAsync(report, cancellationToken);
        }

        await ThinkAsync(cancellationToken, typing: true);
        var isReturn = _random.NextDouble() < settings.ReturnShare;
        var (sequence, mark) = ledger.Next();
        var comment = isReturn ? $"数据口径不一致，请核实。{mark}" : $"同意。{mark}";
        var action = isReturn ? "return" : "approve";
        var sentAt = DateTimeOffset.UtcNow;
        var runSeconds = recorder.Now;
        var answer = await browser.PostAsync($"POST /progress/reports/{{report}}/{action}", $"{path}/{action}", [new("__RequestVerificationToken", token), new("RowVersion", rowVersion), new("Comment", comment)], cancellationToken);
        var acknowledged = answer.IsRedirect && answer.Location?.EndsWith(path, StringComparison.Ordinal) == true;
        ledger.Add(new LedgerEntry(sequence, mark, isReturn ? WriteKind.MinistryReturn : WriteKind.Approve, account.UserName, unitId, plan.OpenPeriodId, 0, reportId, null, comment, sentAt, runSeconds, answer.Status, Outcome(answer, acknowledged)));
        if (acknowledged)
        {
            await browser.GetAsync("GET /progress/reports/{report}", path, cancellationToken);
        }

        await ThinkAsync(cancellationToken);
        return true;
    }

    // ---- 评估专家: the annual evaluation report of a plan, on the page and as Word or Excel.
    private async Task<bool> EvaluatorVisitAsync(Browser browser, CancellationToken cancellationToken)
    {
        var plan = targets.Plans[_random.Next(targets.Plans.Count)];
        var query = $"/plans/{plan.PlanId}/evaluation?kind=annual&year={plan.EvaluationYear}";
        var page = await browser.GetAsync("GET /plans/{plan}/evaluation", query, cancellationToken);
        if (!page.Ok)
        {
            return await AfterFailureAsync(page, cancellationToken);
        }

        await ThinkAsync(cancellationToken, typing: true);
        var format = _random.NextDouble() < 0.5 ? "docx" : "xlsx";
        var file = await browser.GetAsync($"GET /plans/{{plan}}/evaluation?format={format}", $"{query}&format={format}", cancellationToken);
        if (!file.Ok)
        {
            return await AfterFailureAsync(file, cancellationToken);
        }

        await ThinkAsync(cancellationToken, typing: true);
        return true;
    }

    /// <summary>After a page that failed: a redirect to the sign-in page means the session ended (sign in again); otherwise wait and go on.</summary>
    private async Task<bool> AfterFailureAsync(Page page, CancellationToken cancellationToken)
    {
        await ThinkAsync(cancellationToken);
        return !(page.IsRedirect && page.Location?.Contains("/account/signin", StringComparison.Ordinal) == true);
    }

    private static WriteOutcome Outcome(Page answer, bool acknowledged) =>
        acknowledged ? WriteOutcome.Acknowledged : answer.Status is >= 400 and < 500 ? WriteOutcome.Refused : WriteOutcome.Failed;

    /// <summary>A pause between pages: the mean think time ± 50 %, three times that while typing a report or a comment.</summary>
    private Task ThinkAsync(CancellationToken cancellationToken, bool typing = false)
    {
        var mean = settings.ThinkSeconds * (typing ? 3 : 1);
        var seconds = mean * (0.5 + _random.NextDouble());
        return Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private async Task DelayUntilAsync(double at, CancellationToken cancellationToken)
    {
        var wait = at - recorder.Now;
        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(wait), cancellationToken);
        }
    }

    /// <summary>The inbox's task rows: period, task and the status class of the row's report ("none" when not started).</summary>
    public static IEnumerable<(int PeriodId, int TaskId, string Status)> InboxRows(string html)
    {
        foreach (var section in html.Split("<section class=\"progress-period\"", StringSplitOptions.None).Skip(1))
        {
            var period = PeriodPattern().Match(section);
            if (!period.Success)
            {
                continue;
            }

            var periodId = int.Parse(period.Groups[1].Value, CultureInfo.InvariantCulture);
            foreach (Match row in RowPattern().Matches(section))
            {
                yield return (periodId, int.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture), row.Groups[2].Value);
            }
        }
    }

    [GeneratedRegex("^[^>]*data-period=\"(\\d+)\"")]
    private static partial Regex PeriodPattern();

    [GeneratedRegex("<tr[^>]*data-task=\"(\\d+)\">.*?report-status status-(\\w+)", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<section class=\"inbox-awaiting\">.*?</section>", RegexOptions.Singleline)]
    private static partial Regex AwaitingPattern();

    [GeneratedRegex("href=\"/progress/(\\d+)/tasks/(\\d+)\"")]
    private static partial Regex EntryLinkPattern();

    [GeneratedRegex("report-status status-(\\w+)\" href=\"/progress/reports/(\\d+)\"")]
    private static partial Regex ReportLinkPattern();

    [GeneratedRegex("name=\"Milestones\\[0\\]\\.ReachedOn\" type=\"date\" min=\"([0-9-]+)\" max=\"([0-9-]+)\"")]
    private static partial Regex MilestoneWindowPattern();
}
