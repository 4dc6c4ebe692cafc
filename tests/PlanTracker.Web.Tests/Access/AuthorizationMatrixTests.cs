using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanTracker.Infrastructure.Identity;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Access;

/// <summary>
/// Every controller action against every role: the expected allow or deny, checked over HTTP. The action list
/// comes from reflection, so a new action without a rule here fails <see cref="EveryAction_HasARule"/>.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.Fixture portal) : IClassFixture<AuthorizationMatrixTests.Fixture>
{
    /// <summary>Who may pass an action's authorization.</summary>
    public enum Who
    {
        Anyone,
        SignedIn,
        Planners,
        Administrators,
        Ministry,
        PlannersAndAdministrators,

        /// <summary>A unit's 填报 and 审核 accounts.</summary>
        UnitWorkers,
        Reporters,
        Reviewers,

        /// <summary>Who reads a plan's adjustment proposals: the ministry's roles and provincial reviewers.</summary>
        ProposalReaders,

        /// <summary>Who drafts adjustment proposals: planners and provincial reviewers.</summary>
        Proposers,
    }

    public const string Anonymous = "(anonymous)";

    public static readonly string[] People = [Anonymous, "admin", "planner", "evaluator", "bj-reporter", "bj-reviewer"];

    /// <summary>Action → who may pass, and a request that reaches it ({plan}, {node}, {user}, {unit} are filled in).</summary>
    private static readonly Dictionary<string, (Who Who, string Url)> Rules = new()
    {
        ["Account.SignIn GET"] = (Who.Anyone, "/account/signin"),
        ["Account.SignIn POST"] = (Who.Anyone, "/account/signin"),
        ["Account.Denied GET"] = (Who.Anyone, "/account/denied"),
        ["Account.EndSession POST"] = (Who.SignedIn, "/account/signout"),
        ["Account.ChangePassword GET"] = (Who.SignedIn, "/account/password"),
        ["Account.ChangePassword POST"] = (Who.SignedIn, "/account/password"),
        ["Errors.Error GET"] = (Who.Anyone, "/error"),
        ["Errors.Status GET"] = (Who.Anyone, "/error/404"),
        ["Home.Index GET"] = (Who.SignedIn, "/"),
        ["Home.SetCulture POST"] = (Who.Anyone, "/culture"),
        ["Plans.Index GET"] = (Who.SignedIn, "/plans"),
        ["Plans.Outline GET"] = (Who.SignedIn, "/plans/{plan}"),
        ["Plans.Node GET"] = (Who.SignedIn, "/plans/{plan}/nodes/{node}"),
        ["Plans.Search GET"] = (Who.SignedIn, "/plans/search?q=物流"),

        // A plan's indicators and monitoring thresholds: the ministry reads, planners write; indicator 0 exists nowhere (404).
        ["Indicators.Index GET"] = (Who.Ministry, "/plans/{plan}/indicators"),
        ["Indicators.Create GET"] = (Who.Planners, "/plans/{plan}/indicators/new"),
        ["Indicators.Create POST"] = (Who.Planners, "/plans/{plan}/indicators/new"),
        ["Indicators.Edit GET"] = (Who.Planners, "/plans/{plan}/indicators/0/edit"),
        ["Indicators.Edit POST"] = (Who.Planners, "/plans/{plan}/indicators/0/edit"),
        ["Indicators.Delete POST"] = (Who.Planners, "/plans/{plan}/indicators/0/delete"),
        ["Indicators.Thresholds GET"] = (Who.Ministry, "/plans/{plan}/thresholds"),
        ["Indicators.Thresholds POST"] = (Who.Planners, "/plans/{plan}/thresholds"),
        ["Users.Index GET"] = (Who.Administrators, "/admin/users"),
        ["Users.New GET"] = (Who.Administrators, "/admin/users/new"),
        ["Users.Create POST"] = (Who.Administrators, "/admin/users/new"),
        ["Users.Edit GET"] = (Who.Administrators, "/admin/users/{user}"),
        ["Users.Update POST"] = (Who.Administrators, "/admin/users/{user}"),
        ["Users.ResetPassword POST"] = (Who.Administrators, "/admin/users/{user}/password"),
        ["Users.Disable POST"] = (Who.Administrators, "/admin/users/{user}/disable"),
        ["Users.Enable POST"] = (Who.Administrators, "/admin/users/{user}/enable"),
        ["UnitsAdmin.Index GET"] = (Who.Administrators, "/admin/units"),
        ["UnitsAdmin.New GET"] = (Who.Administrators, "/admin/units/new"),
        ["UnitsAdmin.Create POST"] = (Who.Administrators, "/admin/units/new"),
        ["UnitsAdmin.Edit GET"] = (Who.Administrators, "/admin/units/{unit}"),
        ["UnitsAdmin.Update POST"] = (Who.Administrators, "/admin/units/{unit}"),
        ["Audit.Search GET"] = (Who.Administrators, "/audit"),
        ["Audit.History GET"] = (Who.PlannersAndAdministrators, "/audit/Plan/{plan}"),
        ["PlanDrafts.Index GET"] = (Who.Planners, "/drafts"),
        ["PlanDrafts.Import GET"] = (Who.Planners, "/drafts/import"),
        ["PlanDrafts.Preview POST"] = (Who.Planners, "/drafts/preview"),
        ["PlanDrafts.Import POST"] = (Who.Planners, "/drafts/import"),
        ["PlanDrafts.Editor GET"] = (Who.Planners, "/drafts/{plan}"),
        ["PlanDrafts.Node GET"] = (Who.Planners, "/drafts/{plan}/nodes/{node}"),
        ["PlanDrafts.Rename POST"] = (Who.Planners, "/drafts/{plan}/nodes/{node}/rename"),
        ["PlanDrafts.Move POST"] = (Who.Planners, "/drafts/{plan}/nodes/{node}/move"),
        ["PlanDrafts.Reparent POST"] = (Who.Planners, "/drafts/{plan}/nodes/{node}/reparent"),
        ["PlanDrafts.Split POST"] = (Who.Planners, "/drafts/{plan}/nodes/{node}/split"),
        ["PlanDrafts.AddTask POST"] = (Who.Planners, "/drafts/{plan}/nodes/{node}/tasks"),
        ["PlanDrafts.Merge POST"] = (Who.Planners, "/drafts/{plan}/merge"),
        ["PlanDrafts.Publish POST"] = (Who.Planners, "/drafts/{plan}/publish"),
        ["Assignments.Task GET"] = (Who.Planners, "/assignments/tasks/{task}"),
        ["Assignments.AssignUnits POST"] = (Who.Planners, "/assignments/tasks/{task}"),
        ["Assignments.Remove POST"] = (Who.Planners, "/assignments/tasks/{task}/remove"),
        ["Assignments.Unit GET"] = (Who.Planners, "/assignments/units/{unit}"),
        ["Assignments.AssignTasks POST"] = (Who.Planners, "/assignments/units/{unit}"),
        ["Periods.Index GET"] = (Who.Planners, "/periods"),

        // Period steps name a period that does not exist: the matrix tests who passes, not what the step changes.
        ["Periods.Generate POST"] = (Who.Planners, "/periods/generate"),
        ["Periods.Open POST"] = (Who.Planners, "/periods/0/open"),
        ["Periods.Extend POST"] = (Who.Planners, "/periods/0/extend"),
        ["Periods.Close POST"] = (Who.Planners, "/periods/0/close"),
        ["Periods.Reopen POST"] = (Who.Planners, "/periods/0/reopen"),
        ["Units.Index GET"] = (Who.SignedIn, "/units"),

        // Unit pages are open to every signed-in person; whose unit they may open is the data scope's business
        // (see UnitScopeIsEnforced below): here the URL names the person's own unit, Beijing.
        ["Units.Unit GET"] = (Who.SignedIn, "/units/{ownUnit}"),

        // Progress entry: the fixture opens no period, so the unit's accounts pass authorization and find nothing (404).
        ["Progress.Index GET"] = (Who.UnitWorkers, "/progress"),
        ["Progress.Entry GET"] = (Who.UnitWorkers, "/progress/0/tasks/{task}"),
        ["Progress.Save POST"] = (Who.Reporters, "/progress/0/tasks/{task}/save"),
        ["Progress.Submit POST"] = (Who.Reporters, "/progress/0/tasks/{task}/submit"),
        ["Progress.Review POST"] = (Who.Reviewers, "/progress/0/tasks/{task}/review"),
        ["Progress.ReturnToReporter POST"] = (Who.Reviewers, "/progress/0/tasks/{task}/return"),
        ["Progress.Report GET"] = (Who.Planners, "/progress/reports/0"),
        ["Progress.Approve POST"] = (Who.Planners, "/progress/reports/0/approve"),
        ["Progress.Return POST"] = (Who.Planners, "/progress/reports/0/return"),

        // Completeness review reads every unit: the ministry's roles pass, a period that does not exist is 404.
        ["Completeness.Index GET"] = (Who.Ministry, "/review"),
        ["Completeness.Period GET"] = (Who.Ministry, "/review/periods/0"),
        ["Completeness.Unit GET"] = (Who.Ministry, "/review/periods/0/units/{unit}"),
        ["Completeness.Overdue GET"] = (Who.Ministry, "/review/periods/0/overdue"),

        // Evidence files: file id 0 exists nowhere, so those who pass authorization find nothing (404) and nothing changes.
        // 指标值填报: the unit's page (a period that does not exist is 404), the ministry's table and decisions.
        ["IndicatorValues.Unit GET"] = (Who.UnitWorkers, "/progress/0/indicators"),
        ["IndicatorValues.Save POST"] = (Who.Reporters, "/progress/0/indicators/save"),
        ["IndicatorValues.Submit POST"] = (Who.Reporters, "/progress/0/indicators/submit"),
        ["IndicatorValues.Period GET"] = (Who.Ministry, "/review/periods/0/indicators"),
        ["IndicatorValues.Approve POST"] = (Who.Planners, "/review/periods/0/indicators/0/approve"),
        ["IndicatorValues.Return POST"] = (Who.Planners, "/review/periods/0/indicators/0/return"),
        ["Evidence.Upload POST"] = (Who.Reporters, "/progress/0/tasks/{task}/evidence"),
        ["Evidence.Delete POST"] = (Who.Reporters, "/progress/0/tasks/{task}/evidence/0/delete"),
        ["Evidence.Download GET"] = (Who.UnitWorkers, "/progress/0/tasks/{task}/evidence/0"),
        ["Evidence.ReportDownload GET"] = (Who.Planners, "/progress/reports/0/evidence/0"),

        // Submitted versions: the unit's own by (period, task), the ministry's by report id; report 0 exists nowhere (404).
        ["ReportVersions.UnitVersion GET"] = (Who.UnitWorkers, "/progress/0/tasks/{task}/versions/1"),
        ["ReportVersions.UnitCompare GET"] = (Who.UnitWorkers, "/progress/0/tasks/{task}/versions/compare"),
        ["ReportVersions.Version GET"] = (Who.Planners, "/progress/reports/0/versions/1"),
        ["ReportVersions.Compare GET"] = (Who.Planners, "/progress/reports/0/versions/compare?from=1&to=2"),
        ["Progress.Reopen POST"] = (Who.Planners, "/progress/reports/0/reopen"),

        // Reminders and reopening a cell write: planners only, though the review pages are read by the whole ministry.
        ["Completeness.Remind POST"] = (Who.Planners, "/review/periods/0/overdue/remind"),
        ["Completeness.ReopenTask POST"] = (Who.Planners, "/review/periods/0/units/{unit}/tasks/{task}/reopen"),

        // The monitoring dashboards read every unit: the ministry's roles pass; node {node} is not a chapter (404).
        ["Dashboard.Index GET"] = (Who.Ministry, "/monitoring"),
        ["Dashboard.Plan GET"] = (Who.Ministry, "/monitoring/plans/{plan}"),
        ["Dashboard.Chapter GET"] = (Who.Ministry, "/monitoring/plans/{plan}/chapters/{node}"),
        ["Dashboard.Units GET"] = (Who.Ministry, "/monitoring/plans/{plan}/units"),
        ["Dashboard.Unit GET"] = (Who.Ministry, "/monitoring/plans/{plan}/units/{unit}"),
        // Monitoring detail: the task page and the indicator pages are the ministry's; planners enter national figures.
        // Indicator 0 exists nowhere (404 after authorization).
        ["TaskDashboard.Show GET"] = (Who.Ministry, "/monitoring/tasks/{task}"),
        ["IndicatorDashboard.Overview GET"] = (Who.Ministry, "/monitoring/plans/{plan}/indicators"),
        ["IndicatorDashboard.Indicator GET"] = (Who.Ministry, "/monitoring/indicators/0"),
        ["NationalFigures.Index GET"] = (Who.Planners, "/plans/{plan}/indicators/0/national"),
        ["NationalFigures.Save POST"] = (Who.Planners, "/plans/{plan}/indicators/0/national"),

        // A unit's inbox: its reporters and reviewers; message 0 exists nowhere (404).
        ["Messages.Index GET"] = (Who.UnitWorkers, "/messages"),
        ["Messages.Message GET"] = (Who.UnitWorkers, "/messages/0"),

        // The unit's Excel template: its reporters and reviewers download, its reporters upload.
        ["ProgressWorkbook.Download GET"] = (Who.UnitWorkers, "/progress/0/workbook"),
        ["ProgressWorkbook.UploadForm GET"] = (Who.UnitWorkers, "/progress/0/workbook/upload"),
        ["ProgressWorkbook.Upload POST"] = (Who.Reporters, "/progress/0/workbook"),

        // Early warnings: the ministry reads, planners answer them and scan now; warning 0 exists nowhere (404).
        ["Warnings.Index GET"] = (Who.Ministry, "/monitoring/plans/{plan}/warnings"),
        ["Warnings.Scan POST"] = (Who.Planners, "/monitoring/plans/{plan}/warnings/scan"),
        ["Warnings.Warning GET"] = (Who.Ministry, "/monitoring/warnings/0"),
        ["Warnings.Acknowledge POST"] = (Who.Planners, "/monitoring/warnings/0/acknowledge"),
        ["Warnings.Link POST"] = (Who.Planners, "/monitoring/warnings/0/link"),

        // 动态调整报告: a ministry document (page and Word), read by planners, evaluators and administrators.
        ["AdjustmentReport.Index GET"] = (Who.Ministry, "/plans/{plan}/adjustment-report"),
        // Evaluation reports: every signed-in account (a province gets its own unit's report, the server decides);
        // planners issue; issued report 0 exists nowhere (404).
        ["EvaluationReports.Index GET"] = (Who.SignedIn, "/plans/{plan}/evaluation"),
        ["EvaluationReports.Issue POST"] = (Who.Planners, "/plans/{plan}/evaluation/issue"),
        ["EvaluationReports.Issued GET"] = (Who.SignedIn, "/evaluation/issued/0/docx"),
        // Adjustment decisions: the queue is the ministry's; a proposal opens to every signed-in account (the data scope
        // decides whose: proposal 0 exists nowhere, 404); planners approve and reject.
        ["AdjustmentDecisions.Queue GET"] = (Who.Ministry, "/adjustments"),
        ["AdjustmentDecisions.Proposal GET"] = (Who.SignedIn, "/adjustments/0"),
        ["AdjustmentDecisions.Approve POST"] = (Who.Planners, "/adjustments/0/approve"),
        ["AdjustmentDecisions.Reject POST"] = (Who.Planners, "/adjustments/0/reject"),
        // Plan versions are the plan's public record: every signed-in person reads them; a history key that is no task
        // or indicator of the plan is 404 after authorization.
        ["PlanVersions.Index GET"] = (Who.SignedIn, "/plans/{plan}/versions"),
        ["PlanVersions.On GET"] = (Who.SignedIn, "/plans/{plan}/versions/on?date=2030-01-01"),
        ["PlanVersions.Show GET"] = (Who.SignedIn, "/plans/{plan}/versions/1"),
        ["PlanVersions.Compare GET"] = (Who.SignedIn, "/plans/{plan}/versions/compare?from=1&to=1"),
        ["PlanVersions.History GET"] = (Who.SignedIn, "/plans/{plan}/history/00000000-0000-0000-0000-000000000001"),
        // Adjustment proposals: the ministry and provincial reviewers read a plan's list; planners and reviewers draft.
        // A post to "new" without a title is refused (422); proposal 0 exists nowhere (404).
        ["AdjustmentDrafts.Index GET"] = (Who.ProposalReaders, "/plans/{plan}/adjustments"),
        ["AdjustmentDrafts.New GET"] = (Who.Proposers, "/plans/{plan}/adjustments/new"),
        ["AdjustmentDrafts.Create POST"] = (Who.Proposers, "/plans/{plan}/adjustments/new"),
        ["AdjustmentDrafts.Edit GET"] = (Who.Proposers, "/adjustments/0/edit"),
        ["AdjustmentDrafts.Redraft POST"] = (Who.Proposers, "/adjustments/0/edit"),
        ["AdjustmentDrafts.AddChange POST"] = (Who.Proposers, "/adjustments/0/changes"),
        ["AdjustmentDrafts.RemoveChange POST"] = (Who.Proposers, "/adjustments/0/changes/1/remove"),
        ["AdjustmentDrafts.AddEvidence POST"] = (Who.Proposers, "/adjustments/0/evidence"),
        ["AdjustmentDrafts.RemoveEvidence POST"] = (Who.Proposers, "/adjustments/0/evidence/1/remove"),
        ["AdjustmentDrafts.Submit POST"] = (Who.Proposers, "/adjustments/0/submit"),
        ["AdjustmentDrafts.Rebase POST"] = (Who.Proposers, "/adjustments/0/rebase"),
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var action in Rules.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var person in People)
            {
                data.Add(action, person);
            }
        }

        return data;
    }

    [Fact]
    public void EveryAction_HasARule()
    {
        var actions = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(Controller).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.GetCustomAttribute<NonActionAttribute>() is null)
                .SelectMany(m => Verbs(m).Select(verb => $"{t.Name[..^"Controller".Length]}.{m.GetCustomAttribute<ActionNameAttribute>()?.Name ?? m.Name} {verb}")))
            .ToHashSet();

        actions.Except(Rules.Keys).Should().BeEmpty("every action needs an authorization rule in this matrix");
        Rules.Keys.Except(actions).Should().BeEmpty("every rule must name an existing action");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Action_AsEachPerson_IsAllowedOrDeniedAsTheRuleSays(string action, string person)
    {
        var (who, template) = Rules[action];
        var post = action.EndsWith(" POST", StringComparison.Ordinal);
        var url = portal.Fill(template);
        using var client = person == Anonymous
            ? portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true })
            : await portal.SignedInClientAsync(person, allowAutoRedirect: false);

        HttpResponseMessage response;
        if (post)
        {
            // A valid antiforgery token for this person, so that what is tested is authorization, not the token.
            var token = Antiforgery.TokenIn(await client.GetStringAsync(new Uri("/account/signin", UriKind.Relative)));
            response = await client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        }
        else
        {
            response = await client.GetAsync(new Uri(url, UriKind.Relative));
        }

        // The challenge sends to the sign-in form with a ReturnUrl; a completed sign-out sends there without one.
        var location = response.Headers.Location is { } to ? new Uri(new Uri("http://localhost"), to) : null;
        var deniedToAnonymous = response.StatusCode == HttpStatusCode.Redirect && location?.AbsolutePath == "/account/signin" && location.Query.Contains("ReturnUrl", StringComparison.Ordinal);
        var denied = response.StatusCode == HttpStatusCode.Forbidden || deniedToAnonymous;
        var expectedAllowed = Allowed(who, person);
        denied.Should().Be(!expectedAllowed, $"{person} {(post ? "POST" : "GET")} {url} answered {(int)response.StatusCode} {response.Headers.Location}");
        response.StatusCode.Should().NotBe(HttpStatusCode.InternalServerError);
    }

    public static TheoryData<string> PostActions()
    {
        var data = new TheoryData<string>();
        foreach (var action in Rules.Keys.Where(k => k.EndsWith(" POST", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            data.Add(action);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PostActions))]
    public async Task EveryPost_WithoutAToken_OrWithAnotherPersonsToken_IsRefusedAndChangesNothing(string action)
    {
        var (who, template) = Rules[action];
        var person = who switch { Who.Planners => "planner", Who.Administrators => "admin", Who.UnitWorkers or Who.Reporters => "bj-reporter", Who.Reviewers => "bj-reviewer", _ => "planner" };
        var url = portal.Fill(template);
        using var client = await portal.SignedInClientAsync(person, allowAutoRedirect: false);
        using var someoneElse = await portal.SignedInClientAsync("evaluator", allowAutoRedirect: false);
        var foreignToken = Antiforgery.TokenIn(await someoneElse.GetStringAsync(new Uri("/account/signin", UriKind.Relative)));

        var without = await client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["Title"] = "x" }));
        var forged = await client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = foreignToken }));

        without.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync(new Uri("/plans", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK, "the refused post did not sign the person out");
    }

    [Theory]
    [InlineData("bj-reporter", "110000", HttpStatusCode.OK)]
    [InlineData("bj-reviewer", "110000", HttpStatusCode.OK)]
    [InlineData("bj-reporter", "310000", HttpStatusCode.NotFound)]
    [InlineData("bj-reviewer", "440300", HttpStatusCode.NotFound)]
    [InlineData("evaluator", "310000", HttpStatusCode.OK)]
    [InlineData("planner", "440300", HttpStatusCode.OK)]
    public async Task UnitScopeIsEnforced_OwnUnitOpens_AnotherUnitIs404ForProvincialAccounts(string person, string unitCode, HttpStatusCode expected)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var unitId = await db.Units.Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync();
        using var client = await portal.SignedInClientAsync(person, allowAutoRedirect: false);

        var response = await client.GetAsync(new Uri($"/units/{unitId}", UriKind.Relative));

        response.StatusCode.Should().Be(expected);
    }

    private static bool Allowed(Who who, string person) => who switch
    {
        Who.Anyone => true,
        Who.SignedIn => person != Anonymous,
        Who.Planners => person == "planner",
        Who.Administrators => person == "admin",
        Who.Ministry => person is "planner" or "evaluator" or "admin",
        Who.PlannersAndAdministrators => person is "planner" or "admin",
        Who.UnitWorkers => person is "bj-reporter" or "bj-reviewer",
        Who.Reporters => person == "bj-reporter",
        Who.Reviewers => person == "bj-reviewer",
        Who.ProposalReaders => person is "planner" or "evaluator" or "admin" or "bj-reviewer",
        Who.Proposers => person is "planner" or "bj-reviewer",
        _ => false,
    };

    private static IEnumerable<string> Verbs(MethodInfo method)
    {
        var verbs = method.GetCustomAttributes<HttpMethodAttribute>().SelectMany(a => a.HttpMethods).ToList();
        if (verbs.Count == 0 && method.GetCustomAttribute<RouteAttribute>() is not null)
        {
            verbs.Add("GET");
        }

        return verbs;
    }

    /// <summary>The portal with a bystander account whose rows the matrix may change without disturbing anyone.</summary>
    public sealed class Fixture : PortalFactory
    {
        public int PlanId { get; private set; }

        public int NodeId { get; private set; }

        public string BystanderId { get; private set; } = string.Empty;

        public int BystanderUnitId { get; private set; }

        public int BeijingUnitId { get; private set; }

        public int TaskId { get; private set; }

        /// <summary>A rule's URL with this fixture's ids in place of {plan}, {node}, {task}, {user}, {unit}, {ownUnit}.</summary>
        public string Fill(string template) => template
            .Replace("{plan}", PlanId.ToString(), StringComparison.Ordinal)
            .Replace("{node}", NodeId.ToString(), StringComparison.Ordinal)
            .Replace("{task}", TaskId.ToString(), StringComparison.Ordinal)
            .Replace("{user}", BystanderId, StringComparison.Ordinal)
            .Replace("{unit}", BystanderUnitId.ToString(), StringComparison.Ordinal)
            .Replace("{ownUnit}", BeijingUnitId.ToString(), StringComparison.Ordinal);

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var scope = Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await using var db = SeededDatabase.CreateContext(ConnectionString);
            BystanderUnitId = await db.Units.Where(u => u.Code == "650000").Select(u => u.Id).SingleAsync();
            var bystander = new AppUser { UserName = "matrix-bystander", DisplayName = "旁观者", UnitId = BystanderUnitId, CreatedAt = DateTimeOffset.UtcNow };
            await users.CreateAsync(bystander, DemoAccounts.Password);
            await users.AddToRoleAsync(bystander, "Reporter");
            BystanderId = bystander.Id;
            PlanId = await db.Plans.Select(p => p.Id).FirstAsync();
            NodeId = await db.PlanNodes.Where(n => db.PlanVersions.Any(v => v.Id == n.PlanVersionId && v.PlanId == PlanId)).Select(n => n.Id).FirstAsync();
            TaskId = await db.PlanNodes.Where(n => n.Kind == Domain.Plans.NodeKind.Task).Select(n => n.Id).FirstAsync();
            BeijingUnitId = await db.Units.Where(u => u.Code == "110000").Select(u => u.Id).SingleAsync();
        }
    }
}
