using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.TestSupport;
using PlanTracker.Web.Features.ProgressWorkbook;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.ProgressWorkbook;

/// <summary>Excel 批量填报 over HTTP against the seeded PostgreSQL database. Each test opens its own period (a year).</summary>
public sealed class WorkbookPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Beijing = "110000";
    private const string Reports = WorkbookLayout.ReportsSheet;

    [Fact]
    public async Task Download_IsPrefilledForTheUnit_AndAFilledUpload_IsStoredAsDraftsInPostgreSQL()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2011, 10, Beijing);
        var second = await AssignNextTaskAsync(task, Beijing);
        using var reporter = await portal.SignedInClientAsync("bj-reporter");

        var template = await DownloadAsync(reporter, period);

        int row;
        string code;
        int indicatorRows;
        using (var file = WorkbookFile.Open(template))
        {
            row = file.RowOf(Reports, task);
            code = file.Text(Reports, "B" + row);
            file.Text(Reports, "D" + row).Should().Be("牵头");
            file.Text(Reports, "Q" + row).Should().Be("未填报");
            file.Text(Reports, "D" + file.RowOf(Reports, second)).Should().Be("参与");
            file.IsLocked(Reports, "C" + row).Should().BeTrue();
            file.IsLocked(Reports, "F" + row).Should().BeFalse();
            indicatorRows = file.Worksheet(WorkbookLayout.IndicatorsSheet).Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Count() - 1;
        }

        await using (var db = SeededDatabase.CreateContext(portal.ConnectionString))
        {
            var expected = await db.Indicators.CountAsync(i => i.Aggregation != Domain.Indicators.IndicatorAggregation.NationalOnly
                && db.PlanVersions.Any(v => v.Id == i.PlanVersionId && v.Status == PlanVersionStatus.Published));
            indicatorRows.Should().Be(expected, "the sheet lists the plan's indicators the units report");
        }

        var filled = WorkbookFile.Edit(template, file =>
        {
            file.SetText(Reports, "E" + row, "进展顺利");
            file.SetNumber(Reports, "F" + row, 40);
            file.SetText(Reports, "G" + row, "完成试点园区选址");
            file.SetText(Reports, "H" + row, "签约企业15家");
            file.SetText(Reports, "J" + row, "启动园区建设");
            file.SetNumber(Reports, "K" + row, 100);
            file.SetNumber(Reports, "L" + row, 60);
            file.SetNumber(Reports, "M" + row, 40);
            file.SetText(WorkbookLayout.MilestonesSheet, "A2", code);
            file.SetText(WorkbookLayout.MilestonesSheet, "B2", "园区选址获批");
            file.SetDate(WorkbookLayout.MilestonesSheet, "C2", new DateOnly(2011, 5, 1));
            if (indicatorRows > 0)
            {
                file.SetNumber(WorkbookLayout.IndicatorsSheet, "D2", 18);
                file.SetText(WorkbookLayout.IndicatorsSheet, "G2", "科技部统计");
            }
        });

        var response = await UploadAsync(reporter, period, filled);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await response.Content.ReadAsStringAsync();
        page.Should().Contain("已保存1份报告草稿").And.Contain("草稿尚未报送");
        await using (var db = SeededDatabase.CreateContext(portal.ConnectionString))
        {
            var report = await db.ProgressReports.AsNoTracking().SingleAsync(r => r.PeriodId == period && r.TaskId == task);
            report.Status.Should().Be(ReportStatus.Draft);
            report.Progress.Should().Be(TaskProgress.OnTrack);
            report.PercentComplete.Should().Be(40);
            report.Achievements.Should().Be("签约企业15家");
            report.InvestmentWan.Should().Be(100);
            report.InvestmentSources.Should().Equal(new InvestmentBySource(FundingSource.Central, 60), new InvestmentBySource(FundingSource.Local, 40));
            report.Milestones.Should().Equal(new Milestone("园区选址获批", new DateOnly(2011, 5, 1)));
            (await db.ProgressReports.AnyAsync(r => r.PeriodId == period && r.TaskId == second)).Should().BeFalse("an untouched row creates no report");
            (await db.IndicatorValues.CountAsync(v => v.PeriodId == period)).Should().Be(indicatorRows > 0 ? 1 : 0);
        }

        // The next download carries the saved report.
        using var again = WorkbookFile.Open(await DownloadAsync(reporter, period));
        again.Text(Reports, "F" + row).Should().Be("40");
        again.Text(Reports, "Q" + row).Should().Be("草稿");
    }

    [Fact]
    public async Task BadWorkbooks_Are422_NamingSheetRowAndColumn_AndTheDatabaseIsUnchanged()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2012, 11, Beijing);
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        var template = await DownloadAsync(reporter, period);
        int row;
        using (var file = WorkbookFile.Open(template))
        {
            row = file.RowOf(Reports, task);
        }

        // A draft exists, so that "unchanged" covers an existing row as well as no new rows.
        var good = WorkbookFile.Edit(template, f => f.SetNumber(Reports, "F" + row, 30));
        (await UploadAsync(reporter, period, good)).StatusCode.Should().Be(HttpStatusCode.OK);
        var before = await SnapshotAsync(period);
        template = await DownloadAsync(reporter, period);

        var bad = new (string Name, byte[] Bytes, string Message)[]
        {
            ("percent", WorkbookFile.Edit(template, f => f.SetNumber(Reports, "F" + row, 120)), $"进展填报 第{row}行 F列（完成进度）：120 超过100"),
            ("formula", WorkbookFile.Edit(template, f => f.SetFormula(Reports, "K" + row, "SUM(L2:P2)", 0)), $"进展填报 第{row}行 K列（投入资金合计）：含有公式"),
            ("text number", WorkbookFile.Edit(template, f => f.SetText(Reports, "F" + row, "60")), $"进展填报 第{row}行 F列（完成进度）：“60”是以文本形式存储的数字"),
            ("script", WorkbookFile.Edit(template, f => f.SetText(Reports, "H" + row, "<img src=x onerror=alert(1)>")), $"进展填报 第{row}行 H列（主要成效）：含有HTML标记或脚本"),
            ("unassigned task", WorkbookFile.Edit(template, f => f.SetNumber(Reports, "A" + row, 999999)), $"进展填报 第{row}行 A列（任务ID）：任务ID 999999 不是本单位承担的任务"),
            ("locked cell", WorkbookFile.Edit(template, f => f.SetText(Reports, "B" + row, "X9")), $"进展填报 第{row}行 B列（编号）：锁定单元格被修改"),
            ("date outside", WorkbookFile.Edit(template, f => { f.SetText(WorkbookLayout.MilestonesSheet, "A2", f.Text(Reports, "B" + row)); f.SetText(WorkbookLayout.MilestonesSheet, "B2", "验收"); f.SetDate(WorkbookLayout.MilestonesSheet, "C2", new DateOnly(2013, 1, 5)); }), "里程碑 第2行 C列（达成日期）：2013-01-05 不在本填报期（2012-01-01至2012-12-31）内"),
            ("older template", WorkbookFile.Edit(template, f => f.SetNumber(WorkbookLayout.MetaSheet, "B3", 0)), "模板版本（第0版）已过期"),
            ("password", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[1024]], "工作簿设有密码"),
            ("zip bomb", Bomb(), "文件结构异常（解压后过大或条目过多）"),
            ("not a workbook", "PK not really"u8.ToArray(), "文件已损坏或不是Excel工作簿"),
            ("too large", new byte[(5 * 1024 * 1024) + 10], "文件超过5MB"),
        };

        foreach (var (name, bytes, message) in bad)
        {
            var response = await UploadAsync(reporter, period, bytes);

            response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, name);
            var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            page.Should().Contain(message, name).And.Contain("未保存任何内容", name);
            (await SnapshotAsync(period)).Should().Equal(before, name);
        }
    }

    [Fact]
    public async Task AReportChangedOnThePortalSinceTheDownload_RefusesTheWholeUpload_NamingTheTask()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2013, 12, Beijing);
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        var template = await DownloadAsync(reporter, period);
        string title;
        int row;
        using (var file = WorkbookFile.Open(template))
        {
            row = file.RowOf(Reports, task);
            title = file.Text(Reports, "C" + row);
        }

        await SaveOnThePortalAsync(period, task, ReportDraft.Of(TaskProgress.Behind, 10, "网页上填写", null, "资金未到位", null, null));
        var before = await SnapshotAsync(period);

        var response = await UploadAsync(reporter, period, WorkbookFile.Edit(template, f => f.SetNumber(Reports, "F" + row, 90)));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).Should().Contain($"{title}”的报告在模板下载后已在门户中修改");
        (await SnapshotAsync(period)).Should().Equal(before);
    }

    [Fact]
    public async Task ATemplateOfAnotherPeriod_IsRefused_AndNeitherPeriodChanges()
    {
        var (earlier, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2017, 16, Beijing);
        var (later, _) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2018, 17, Beijing);
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        var downloaded = await DownloadAsync(reporter, earlier);
        var template = WorkbookFile.Edit(downloaded, f => f.SetNumber(Reports, "F" + f.RowOf(Reports, task), 50));
        var before = (await SnapshotAsync(earlier)).Concat(await SnapshotAsync(later)).ToList();

        var response = await UploadAsync(reporter, later, template);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).Should().Contain("该模板属于另一个填报期，不是“2018年度”的模板");
        (await SnapshotAsync(earlier)).Concat(await SnapshotAsync(later)).Should().Equal(before);

        // The same file on its own period is taken: the refusal was the period, nothing else.
        (await UploadAsync(reporter, earlier, template)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await SnapshotAsync(earlier)).Should().ContainSingle();
    }

    [Fact]
    public async Task ASubmittedReport_IsGreyedAndLocked_AndAnUploadLeavesItUnchanged()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2014, 13, Beijing);
        await SaveOnThePortalAsync(period, task, ReportDraft.Of(TaskProgress.OnTrack, 70, "进展", "成效", null, "下一步", 10), submit: true);
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        var template = await DownloadAsync(reporter, period);
        int row;
        using (var file = WorkbookFile.Open(template))
        {
            row = file.RowOf(Reports, task);
            file.Text(Reports, "Q" + row).Should().Be("已报送");
            file.IsLocked(Reports, "F" + row).Should().BeTrue();
            file.Cell(Reports, "F" + row)!.StyleIndex!.Value.Should().Be((uint)Infrastructure.Spreadsheets.XlsxStyle.ReadOnlyNumber);
        }

        var before = await SnapshotAsync(period);

        var response = await UploadAsync(reporter, period, WorkbookFile.Edit(template, f => f.SetNumber(Reports, "F" + row, 5)));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("已保存0份报告草稿");
        (await SnapshotAsync(period)).Should().Equal(before);
    }

    [Fact]
    public async Task OnlyTheUnitsOwnWorkbook_PlannersAreForbidden_ReviewersMayNotUpload_AnotherUnitsTemplateIsRefused()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2015, 14, Beijing);
        using var beijing = await portal.SignedInClientAsync("bj-reporter");
        var template = await DownloadAsync(beijing, period);

        using var planner = await portal.SignedInClientAsync("planner", allowAutoRedirect: false);
        (await planner.GetAsync(new Uri($"/progress/{period}/workbook", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var reviewer = await portal.SignedInClientAsync("bj-reviewer");
        (await reviewer.GetAsync(new Uri($"/progress/{period}/workbook", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await reviewer.GetStringAsync(new Uri($"/progress/{period}/workbook/upload", UriKind.Relative))).Should().NotContain("multipart/form-data");
        (await beijing.GetAsync(new Uri("/progress/999999/workbook", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // Shanghai's workbook for the same period holds none of Beijing's tasks, and Beijing's file is refused for Shanghai.
        using var shanghai = await portal.SignedInClientAsync("sh-reporter");
        using (var own = WorkbookFile.Open(await DownloadAsync(shanghai, period)))
        {
            own.Text(WorkbookLayout.MetaSheet, "B1").Should().Be("310000");
            own.Worksheet(Reports).Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().Should().NotContain(c => c.CellReference!.Value!.StartsWith('A') && c.CellValue != null && c.CellValue.Text == task.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var before = await SnapshotAsync(period);
        var refused = await UploadAsync(shanghai, period, template);
        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).Should().Contain("该模板属于其他单位（单位代码110000）");
        (await SnapshotAsync(period)).Should().Equal(before);

        // The progress list links the page per open period.
        (await beijing.GetStringAsync(new Uri("/progress", UriKind.Relative))).Should().Contain($"/progress/{period}/workbook/upload").And.Contain("Excel 批量填报");
    }

    [Fact]
    public async Task TheIndicatorsTheUnitReports_AreListed_AndTheirValuesAreSavedThroughTheDomain()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2016, 15, Beijing);
        var (reported, nationalOnly) = await AddIndicatorsAsync(task);
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        var template = await DownloadAsync(reporter, period);
        const string sheet = WorkbookLayout.IndicatorsSheet;
        int row;
        using (var file = WorkbookFile.Open(template))
        {
            row = file.RowOf(sheet, reported);
            file.Text(sheet, "B" + row).Should().Be("省级现代服务业产业化基地");
            file.Text(sheet, "C" + row).Should().Be("家");
            file.IsLocked(sheet, "B" + row).Should().BeTrue();
            file.IsLocked(sheet, "D" + row).Should().BeFalse();
            file.Worksheet(sheet).Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().Should().NotContain(c => c.CellReference!.Value!.StartsWith('A') && c.CellValue != null && c.CellValue.Text == nationalOnly.ToString(System.Globalization.CultureInfo.InvariantCulture), "a national-only indicator is the ministry's to report");
        }

        var script = await UploadAsync(reporter, period, WorkbookFile.Edit(template, f => f.SetText(sheet, "G" + row, "<script>x</script>")));
        script.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        WebUtility.HtmlDecode(await script.Content.ReadAsStringAsync()).Should().Contain($"指标 第{row}行 G列（数据来源）：含有HTML标记或脚本");
        (await SnapshotAsync(period)).Should().BeEmpty();

        var filled = WorkbookFile.Edit(template, f =>
        {
            f.SetNumber(sheet, "D" + row, 18);
            f.SetText(sheet, "F" + row, "家");
            f.SetText(sheet, "G" + row, "科技部统计");
        });
        var saved = await UploadAsync(reporter, period, filled);

        saved.StatusCode.Should().Be(HttpStatusCode.OK);
        (await saved.Content.ReadAsStringAsync()).Should().Contain("1个指标值");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var value = await db.IndicatorValues.AsNoTracking().SingleAsync(v => v.PeriodId == period && v.IndicatorId == reported);
        value.Should().BeEquivalentTo(new { Value = (decimal?)18, UnitOfMeasure = "家", Source = "科技部统计", Status = ReportStatus.Draft, UpdatedBy = "bj-reporter" });
        value.UnitId.Should().Be(await db.Units.Where(u => u.Code == Beijing).Select(u => (int?)u.Id).SingleAsync());
    }

    [Fact]
    public async Task InAClosedPeriod_OnlyTheReportAPlannerReopened_IsEditable_AndAnUploadChangesItAlone()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2019, 18, Beijing);
        int other;
        await using (var db = SeededDatabase.CreateContext(portal.ConnectionString))
        {
            var next = await db.PlanNodes.Where(n => n.Kind == NodeKind.Task).OrderBy(n => n.Position).Skip(19).FirstAsync();
            db.TaskAssignments.Add(new TaskAssignment(next, await db.Units.SingleAsync(u => u.Code == Beijing), AssignmentRole.Lead, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            other = next.Id;
        }

        await SaveOnThePortalAsync(period, task, ReportDraft.Of(TaskProgress.OnTrack, 50, "进展", "成效", null, "下一步", 10), submit: true);
        await SaveOnThePortalAsync(period, other, ReportDraft.Of(TaskProgress.OnTrack, 20, "进展", "成效", null, "下一步", 5));
        await using (var db = SeededDatabase.CreateContext(portal.ConnectionString))
        {
            var closed = await db.ReportingPeriods.SingleAsync(p => p.Id == period);
            closed.Close().Succeeded.Should().BeTrue();
            var report = await db.ProgressReports.SingleAsync(r => r.PeriodId == period && r.TaskId == task);
            report.Reopen("planner", "数据需更正", periodClosed: true, DateTimeOffset.UtcNow).Succeeded.Should().BeTrue();
            await db.SaveChangesAsync();
        }

        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        var template = await DownloadAsync(reporter, period);
        int row, otherRow;
        using (var file = WorkbookFile.Open(template))
        {
            row = file.RowOf(Reports, task);
            otherRow = file.RowOf(Reports, other);
            file.IsLocked(Reports, "F" + row).Should().BeFalse("the reopened report may change in the closed period");
            file.IsLocked(Reports, "F" + otherRow).Should().BeTrue("the period is closed for every other report");
        }

        var response = await UploadAsync(reporter, period, WorkbookFile.Edit(template, f =>
        {
            f.SetNumber(Reports, "F" + row, 65);
            f.SetNumber(Reports, "F" + otherRow, 99);
        }));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        await using var read = SeededDatabase.CreateContext(portal.ConnectionString);
        (await read.ProgressReports.AsNoTracking().SingleAsync(r => r.PeriodId == period && r.TaskId == task)).PercentComplete.Should().Be(65);
        (await read.ProgressReports.AsNoTracking().SingleAsync(r => r.PeriodId == period && r.TaskId == other)).PercentComplete.Should().Be(20, "a locked row of a closed period is not taken");
    }

    private static async Task<byte[]> DownloadAsync(HttpClient client, int period)
    {
        var response = await client.GetAsync(new Uri($"/progress/{period}/workbook", UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().EndWith(".xlsx");
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int period, byte[] bytes)
    {
        var page = await client.GetStringAsync(new Uri($"/progress/{period}/workbook/upload", UriKind.Relative));
        using var form = new MultipartFormDataContent { { new StringContent(Antiforgery.TokenIn(page)), "__RequestVerificationToken" } };
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(content, "file", "进展填报.xlsx");
        return await client.PostAsync(new Uri($"/progress/{period}/workbook", UriKind.Relative), form);
    }

    /// <summary>Every report and indicator value of the period with its row version: any write changes it.</summary>
    private async Task<List<string>> SnapshotAsync(int period)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var reports = await db.ProgressReports.AsNoTracking().Where(r => r.PeriodId == period).OrderBy(r => r.Id).Select(r => "r" + r.Id + ":" + r.RowVersion).ToListAsync();
        var values = await db.IndicatorValues.AsNoTracking().Where(v => v.PeriodId == period).OrderBy(v => v.Id).Select(v => "v" + v.Id + ":" + v.RowVersion).ToListAsync();
        return [.. reports, .. values];
    }

    /// <summary>Two indicators on the task's plan version: one units report (summed), one only the ministry reports.</summary>
    private async Task<(int Reported, int NationalOnly)> AddIndicatorsAsync(int taskId)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var versionId = await db.PlanNodes.Where(n => n.Id == taskId).Select(n => n.PlanVersionId).SingleAsync();
        var reported = new Domain.Indicators.Indicator("省级现代服务业产业化基地", null, "家", 2010, null, 2015, new Domain.Indicators.StatedValue("60家", Domain.Indicators.TargetComparison.None, 60, 60), null, 90, Guid.NewGuid());
        var national = new Domain.Indicators.Indicator("全国技术合同成交额", null, "亿元", 2010, null, 2015, new Domain.Indicators.StatedValue("8000亿元", Domain.Indicators.TargetComparison.None, 8000, 8000), null, 91, Guid.NewGuid());
        db.Indicators.AddRange(reported, national);
        db.Entry(reported).Property(i => i.PlanVersionId).CurrentValue = versionId;
        db.Entry(national).Property(i => i.PlanVersionId).CurrentValue = versionId;
        db.Entry(national).Property(i => i.Aggregation).CurrentValue = Domain.Indicators.IndicatorAggregation.NationalOnly;
        await db.SaveChangesAsync();
        return (reported.Id, national.Id);
    }

    private async Task<int> AssignNextTaskAsync(int taskId, string unitCode)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var task = await db.PlanNodes.SingleAsync(n => n.Id == taskId);
        var next = await db.PlanNodes.Where(n => n.Kind == NodeKind.Task && n.PlanVersionId == task.PlanVersionId).OrderByDescending(n => n.Position).FirstAsync();
        db.TaskAssignments.Add(new TaskAssignment(next, await db.Units.SingleAsync(u => u.Code == unitCode), AssignmentRole.Participating, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        return next.Id;
    }

    /// <summary>What the web form does, straight through the domain: a draft saved (and submitted) on the portal.</summary>
    private async Task SaveOnThePortalAsync(int period, int task, ReportDraft draft, bool submit = false)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var unit = await db.Units.SingleAsync(u => u.Code == Beijing);
        var report = await db.ProgressReports.SingleOrDefaultAsync(r => r.PeriodId == period && r.TaskId == task);
        if (report is null)
        {
            report = ProgressReport.Start(period, task, unit.Id, "bj-reporter", DateTimeOffset.UtcNow);
            db.ProgressReports.Add(report);
        }

        var window = (await db.ReportingPeriods.SingleAsync(p => p.Id == period)).Window;
        report.SaveDraft(draft, window, DateTimeOffset.UtcNow).Refusal.Should().BeNull();
        if (submit)
        {
            report.Submit("bj-reporter", DateTimeOffset.UtcNow).Refusal.Should().BeNull();
        }

        await db.SaveChangesAsync();
    }

    /// <summary>A workbook-shaped zip whose one sheet inflates from kilobytes to 50 MB.</summary>
    private static byte[] Bomb()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, size) in new[] { ("[Content_Types].xml", 100), ("xl/workbook.xml", 100), ("xl/worksheets/sheet1.xml", 50 * 1024 * 1024) })
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                entry.Write(new byte[size]);
            }
        }

        return stream.ToArray();
    }
}
