using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PlanTracker.TestSupport;
using PlanTracker.Web.Tests.Progress;
using PlanTracker.Web.Tests.Support;
using Xunit.Abstractions;

namespace PlanTracker.Web.Tests.Abuse;

/// <summary>
/// The authorization sweep from outside: every route the running app has (read from its endpoint data source, not a
/// hand list), requested over a real TCP port as each role, GET and POST, with another unit's ids and with ids that
/// exist nowhere. A POST carries a valid antiforgery token of the requester's own session, so what answers is the
/// authorization and the data scope, not the CSRF check. <see cref="Access.AuthorizationMatrixTests"/> checks the
/// role rules in-process; this checks that no role reaches another unit's data by id.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Abuse)]
public sealed class SweepTests(SweepPortal portal, ITestOutputHelper output) : IClassFixture<SweepPortal>
{
    private const string Anonymous = "(anonymous)";

    private static readonly string[] People = [Anonymous, "admin", "planner", "evaluator", "bj-reporter", "bj-reviewer", "sh-reporter", "sh-reviewer"];

    [Fact]
    public void RouteList_ComesFromTheRunningApp_AndHoldsEveryKindOfUnitData()
    {
        var routes = SweepRoute.All(portal.Services);

        routes.Should().HaveCountGreaterThan(130);
        routes.Select(r => r.Name).Should().Contain([
            "POST progress/{periodId:int}/tasks/{taskId:int}/save",
            "GET progress/{periodId:int}/tasks/{taskId:int}/evidence/{fileId:long}",
            "GET messages/{id:long}",
            "GET adjustments/{id:int}",
            "GET evaluation/issued/{id:int}/{format}",
            "POST admin/users/{id}/disable",
        ]);
    }

    [Fact]
    public async Task MarkerCheck_FindsAUnitsData_WhereItIsRightlyShown_InPagesFilesAndZippedDocuments()
    {
        var shanghai = portal.Units[SweepPortal.Shanghai];
        using var planner = await portal.SignedInAsync("planner");
        using var reporter = await portal.SignedInAsync("sh-reporter");

        var report = await planner.GetByteArrayAsync(new Uri($"/progress/reports/{shanghai.ReportId}", UriKind.Relative));
        var file = await reporter.GetByteArrayAsync(new Uri($"/progress/{portal.PeriodId}/tasks/{shanghai.TaskId}/evidence/{shanghai.FileId}", UriKind.Relative));
        var issued = await reporter.GetByteArrayAsync(new Uri($"/evaluation/issued/{shanghai.IssuedReportId}/docx", UriKind.Relative));

        Shows(report, SweepPortal.Marker(SweepPortal.Shanghai)).Should().BeTrue("the ministry reads 上海's report");
        Shows(file, SweepPortal.Marker(SweepPortal.Shanghai)).Should().BeTrue("上海 downloads its own file");
        Shows(issued, SweepPortal.Marker(SweepPortal.Shanghai)).Should().BeTrue("上海's issued report quotes its progress, inside the zipped .docx");
        Shows(report, SweepPortal.Marker(SweepPortal.Beijing)).Should().BeFalse();
    }

    [Fact]
    public async Task EveryRoute_AsEveryRole_WithAnotherUnitsIdsOrNone_IsDeniedOrShowsNothingOfTheirs_AndNothingChanges()
    {
        var routes = SweepRoute.All(portal.Services);
        var before = await Fingerprint.TakeAsync(portal.ConnectionString);
        var results = new ConcurrentBag<Outcome>();
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(People.Select(person => Task.Run(() => SweepAsync(person, routes, results))));

        clock.Stop();
        var after = await Fingerprint.TakeAsync(portal.ConnectionString);
        var outcomes = results.ToList();
        Report(outcomes, routes.Count, clock.Elapsed);
        outcomes.Where(o => o.Problem is not null).Select(o => o.Problem).Should().BeEmpty();
        after.LostSince(before).Should().BeEmpty("no row that existed before the sweep was changed or deleted");
        await OnlyOwnDraftsWereAddedAsync(after.AddedSince(before));
        outcomes.Should().Contain(o => o.Person == "bj-reporter" && o.Url.StartsWith("/progress/", StringComparison.Ordinal) && o.Status == HttpStatusCode.NotFound, "the sweep did reach the data scope");
    }

    /// <summary>
    /// The one write the sweep's requests may make: a provincial reviewer starting a draft proposal (its title the
    /// attack text) for its OWN unit, from "new proposal" on a plan, which names no unit's data. Each is audited once.
    /// </summary>
    private async Task OnlyOwnDraftsWereAddedAsync(Dictionary<string, List<string>> added)
    {
        added.Keys.Should().BeSubsetOf(["adjustments", "audit_log"], "nothing else may have been written");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var drafts = await db.Adjustments.IgnoreQueryFilters().AsNoTracking().Where(a => a.Title == "SWEEP-ATTACK").Select(a => new { a.ProposedBy, a.ProposedByUnitId }).ToListAsync();
        drafts.Should().HaveCount(added.GetValueOrDefault("adjustments")?.Count ?? 0);
        drafts.Should().OnlyContain(d => d.ProposedByUnitId == portal.Units[SweepPortal.UnitOf(d.ProposedBy!)!].UnitId, "a reviewer's draft is its own unit's");
        (added.GetValueOrDefault("audit_log") ?? []).Should().HaveCount(drafts.Count).And.OnlyContain(row => row.Contains("Adjustment", StringComparison.Ordinal));
    }

    private async Task SweepAsync(string person, IReadOnlyList<SweepRoute> routes, ConcurrentBag<Outcome> results)
    {
        using var client = person == Anonymous ? portal.Client() : await portal.SignedInAsync(person);
        var token = await SweepPortal.OwnTokenAsync(client);
        var own = SweepPortal.UnitOf(person);

        // A unit's accounts are tried with the other unit's ids; the ministry's (who read every unit) and anonymous with 上海's.
        var foreignUnits = portal.Units.Values.Where(u => u.Code != (own ?? SweepPortal.Beijing)).ToList();
        var variants = foreignUnits.SelectMany(u => new[] { SweepIds.Of(portal, u, draft: false), SweepIds.Of(portal, u, draft: true) }).Append(SweepIds.NowhereAtAll()).ToList();
        var rowVersions = await RowVersionsAsync();
        foreach (var route in routes)
        {
            if (route.Method == "POST" && route.Controller == "Account" && route.Action == "EndSession" && person != Anonymous)
            {
                continue; // Signing out would end the sweeping session; SignInTests prove it.
            }

            foreach (var ids in variants)
            {
                // The ministry may write to any unit's rows: its writes are tried only with ids that exist nowhere.
                if (route.Method == "POST" && own is null && person != Anonymous && ids.Unit is not null)
                {
                    continue;
                }

                var url = route.Url(ids);
                var response = route.Method == "POST"
                    ? await client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(AttackForm(token, ids, rowVersions)))
                    : await client.GetAsync(new Uri(url + ids.Query, UriKind.Relative));
                var body = await response.Content.ReadAsByteArrayAsync();
                results.Add(Judge(person, route, ids, url, response, body));
            }
        }
    }

    private Outcome Judge(string person, SweepRoute route, SweepIds ids, string url, HttpResponseMessage response, byte[] body)
    {
        var status = response.StatusCode;
        var location = response.Headers.Location?.OriginalString ?? string.Empty;
        var toSignIn = status == HttpStatusCode.Redirect && location.Contains("/account/signin", StringComparison.Ordinal);
        var denied = toSignIn || status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound;
        var own = SweepPortal.UnitOf(person);
        var leaked = own is not null && portal.Units.Values.Where(u => u.Code != own).Any(u => Shows(body, SweepPortal.Marker(u.Code)) || location.Contains(SweepPortal.Marker(u.Code), StringComparison.Ordinal));
        var what = $"{person} {route.Method} {url} ({ids.Variant}) → {(int)status} {location}";
        string? problem = null;
        if ((int)status >= 500)
        {
            problem = "server error: " + what;
        }
        else if (leaked)
        {
            problem = "another unit's data in the answer: " + what;
        }
        else if (person == Anonymous && !route.AllowsAnonymous && !toSignIn)
        {
            problem = "anonymous not sent to sign in: " + what;
        }
        else if (person != Anonymous && own is not null && ids.Unit is not null && route.NamesUnitData && !denied)
        {
            problem = "another unit's row not refused: " + what;
        }
        // The one exception: an entity's audit history answers for any id, because the log outlives what it records
        // (a deleted row's history still opens); it is the ministry's page and shows an empty list for an unknown id.
        else if (person != Anonymous && ids.Unit is null && route.NamesAnything && !denied && !(route.Controller == "Audit" && route.Action == "History"))
        {
            problem = "an id that exists nowhere not refused: " + what;
        }

        return new Outcome(person, route.Name, url, ids.Variant, status, denied, leaked, problem);
    }

    /// <summary>Whether the answer shows the marker, in its bytes or (for .docx/.xlsx) inside its zipped parts.</summary>
    internal static bool Shows(byte[] body, string marker)
    {
        var needle = Encoding.ASCII.GetBytes(marker);
        if (body.AsSpan().IndexOf(needle) >= 0)
        {
            return true;
        }

        if (body.Length < 4 || body[0] != (byte)'P' || body[1] != (byte)'K')
        {
            return false;
        }

        using var zip = new ZipArchive(new MemoryStream(body), ZipArchiveMode.Read);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            if (copy.ToArray().AsSpan().IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What an attacker posts: a complete report, a comment, a title, and the target's current row version.</summary>
    private static List<KeyValuePair<string, string>> AttackForm(string token, SweepIds ids, IReadOnlyDictionary<string, uint> rowVersions)
    {
        var form = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token) };
        form.AddRange(ReportForms.Complete("SWEEP-ATTACK").Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
        form.Add(new("Comment", "SWEEP-ATTACK"));
        form.Add(new("Title", "SWEEP-ATTACK"));
        form.Add(new("Reason", "SWEEP-ATTACK"));
        form.Add(new("DisplayName", "SWEEP-ATTACK"));
        form.Add(new("Direction", "Up"));
        if (ids.Unit is { } unit && rowVersions.TryGetValue($"{unit.Code}:{(ids.Draft ? "draft" : "report")}", out var version))
        {
            form.Add(new("RowVersion", version.ToString(CultureInfo.InvariantCulture)));
        }

        return form;
    }

    private async Task<Dictionary<string, uint>> RowVersionsAsync()
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var reports = await db.ProgressReports.IgnoreQueryFilters().AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.RowVersion);
        return portal.Units.Values
            .SelectMany(u => new[] { ($"{u.Code}:report", reports[u.ReportId]), ($"{u.Code}:draft", reports[u.DraftReportId]) })
            .ToDictionary(p => p.Item1, p => p.Item2);
    }

    private void Report(List<Outcome> outcomes, int routeCount, TimeSpan elapsed)
    {
        output.WriteLine($"{routeCount} routes, {outcomes.Count} requests in {elapsed.TotalSeconds:F1} s");
        output.WriteLine("| role | requests | denied (403/404/sign-in) | answered (2xx/3xx/4xx other) | leaks | 5xx |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var person in People)
        {
            var mine = outcomes.Where(o => o.Person == person).ToList();
            output.WriteLine($"| {person} | {mine.Count} | {mine.Count(o => o.Denied)} | {mine.Count(o => !o.Denied && (int)o.Status < 500)} | {mine.Count(o => o.Leaked)} | {mine.Count(o => (int)o.Status >= 500)} |");
        }

        foreach (var problem in outcomes.Where(o => o.Problem is not null).Select(o => o.Problem).Order(StringComparer.Ordinal))
        {
            output.WriteLine(problem);
        }
    }

    private sealed record Outcome(string Person, string Route, string Url, string Variant, HttpStatusCode Status, bool Denied, bool Leaked, string? Problem);
}
