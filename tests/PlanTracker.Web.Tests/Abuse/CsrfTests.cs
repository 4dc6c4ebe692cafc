using System.Net;
using Microsoft.EntityFrameworkCore;
using PlanTracker.TestSupport;
using PlanTracker.Web.Tests.Progress;
using PlanTracker.Web.Tests.Support;
using Xunit.Abstractions;

namespace PlanTracker.Web.Tests.Abuse;

/// <summary>
/// Cross-site request forgery over a real port: every POST route of the running app, sent as a person who may make it,
/// at that person's own rows (北京's editable draft, its files, its proposal…), with a complete form — once without an
/// antiforgery token, once with another account's valid token, once with the same account's token from another
/// browser. Each must be refused with 400 and leave every row of every table as it was. (The session cookie's
/// HttpOnly and SameSite=Strict are asserted in <see cref="Access.SignInTests"/>; the antiforgery cookie's here.)
/// </summary>
[Trait(TestCategory.Name, TestCategory.Abuse)]
public sealed class CsrfTests(SweepPortal portal, ITestOutputHelper output) : IClassFixture<SweepPortal>
{
    private const string Anonymous = "(anonymous)";

    /// <summary>Who passes each named policy (see Hosting/Policies.cs and the features' *Services.cs).</summary>
    private static readonly Dictionary<string, string[]> PolicyPeople = new(StringComparer.Ordinal)
    {
        ["Planning"] = ["planner"],
        ["Administration"] = ["admin"],
        ["MinistryRead"] = ["planner", "evaluator", "admin"],
        ["History"] = ["planner", "admin"],
        ["Progress.UnitWork"] = ["bj-reporter", "bj-reviewer"],
        ["Progress.Reporting"] = ["bj-reporter"],
        ["Progress.UnitReview"] = ["bj-reviewer"],
        ["Proposals.ReadProposals"] = ["planner", "evaluator", "admin", "bj-reviewer"],
        ["Proposals.Propose"] = ["planner", "bj-reviewer"],
    };

    /// <summary>When several people pass, the 北京 accounts go first: the forged post then aims at their own unit's rows.</summary>
    private static readonly string[] Preference = ["bj-reporter", "bj-reviewer", "planner", "admin", "evaluator"];

    [Fact]
    public async Task EveryPost_WithoutAToken_WithAnotherAccountsToken_OrAnotherBrowsersToken_Is400_AndChangesNoRow()
    {
        var posts = SweepRoute.All(portal.Services).Where(r => r.Method == "POST").ToList();
        var beijing = SweepIds.Of(portal, portal.Units[SweepPortal.Beijing], draft: true);
        var sessions = new Dictionary<string, HttpClient>(StringComparer.Ordinal) { [Anonymous] = portal.Client() };
        foreach (var person in Preference)
        {
            sessions[person] = await portal.SignedInAsync(person);
        }

        var otherBrowser = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        var foreignToken = await SweepPortal.OwnTokenAsync(sessions["evaluator"]);
        var rowVersion = (await ReportForms.ReportAsync(portal.ConnectionString, portal.PeriodId, portal.Units[SweepPortal.Beijing].DraftTaskId))!.RowVersion;
        var before = await Fingerprint.TakeAsync(portal.ConnectionString);
        var refused = 0;
        var failures = new List<string>();

        foreach (var route in posts)
        {
            var person = PersonFor(route);
            var client = sessions[person];
            var sameAccountOtherBrowser = person == Anonymous
                ? await SweepPortal.OwnTokenAsync(portal.Client())
                : await SweepPortal.OwnTokenAsync(otherBrowser.TryGetValue(person, out var other) ? other : otherBrowser[person] = await portal.SignedInAsync(person));
            var url = route.Url(beijing);
            foreach (var (how, token) in new[] { ("no token", (string?)null), ("another account's token", foreignToken), ("the same account's token from another browser", sameAccountOtherBrowser) })
            {
                var response = await client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(Form(token, rowVersion)));
                if (response.StatusCode == HttpStatusCode.BadRequest)
                {
                    refused++;
                }
                else
                {
                    failures.Add($"{person} POST {url} with {how} → {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }

        var after = await Fingerprint.TakeAsync(portal.ConnectionString);
        output.WriteLine($"{posts.Count} POST routes × 3 forgeries: {refused} refused with 400, {failures.Count} not");
        failures.Should().BeEmpty();
        after.LostSince(before).Should().BeEmpty("a refused post changes no row");
        after.AddedSince(before).Should().BeEmpty("a refused post adds no row, not even to the audit log");
        foreach (var (person, client) in sessions.Where(s => s.Key != Anonymous))
        {
            (await client.GetAsync(new Uri("/plans", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK, $"the forged sign-out did not end {person}'s session");
        }

        // The control: the same save with the person's own token goes through, and the fingerprint sees it.
        var save = await sessions["bj-reporter"].PostAsync(
            new Uri($"/progress/{portal.PeriodId}/tasks/{portal.Units[SweepPortal.Beijing].DraftTaskId}/save", UriKind.Relative),
            new FormUrlEncodedContent(Form(await SweepPortal.OwnTokenAsync(sessions["bj-reporter"]), rowVersion)));
        save.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await Fingerprint.TakeAsync(portal.ConnectionString)).LostSince(after).Should().NotBeEmpty("the check does see a write");
        foreach (var client in sessions.Values.Concat(otherBrowser.Values))
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task AntiforgeryCookie_IsHttpOnly_AndSameSiteStrict_OverARealPort()
    {
        using var client = portal.Client();

        var response = await client.GetAsync(new Uri("/account/signin", UriKind.Relative));

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        cookie.Should().Contain("httponly").And.Contain("samesite=strict");
    }

    private static string PersonFor(SweepRoute route)
    {
        if (route.AllowsAnonymous)
        {
            return Anonymous;
        }

        var allowed = route.Policies.Aggregate(
            (IEnumerable<string>)Preference,
            (people, policy) => people.Intersect(PolicyPeople.TryGetValue(policy, out var who) ? who : throw new InvalidOperationException($"CsrfTests does not know who passes the policy {policy}: add it.")));
        return allowed.First();
    }

    /// <summary>A complete form a forger would send: a full report, a comment, a title, the draft's row version.</summary>
    private static List<KeyValuePair<string, string>> Form(string? token, uint rowVersion)
    {
        var form = ReportForms.Complete("CSRF-FORGED").Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)).ToList();
        form.AddRange([new("Comment", "CSRF-FORGED"), new("Title", "CSRF-FORGED"), new("Reason", "CSRF-FORGED"), new("RowVersion", rowVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        if (token is not null)
        {
            form.Add(new("__RequestVerificationToken", token));
        }

        return form;
    }
}
