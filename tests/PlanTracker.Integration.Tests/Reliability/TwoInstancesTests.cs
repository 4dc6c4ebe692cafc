using System.Net;
using System.Text.RegularExpressions;
using Npgsql;
using PlanTracker.Integration.Tests.Support;
using PlanTracker.TestSupport;

namespace PlanTracker.Integration.Tests.Reliability;

/// <summary>
/// Two portal processes (A and B, the built PlanTracker.Web.dll in Production, each on its own port) over one database,
/// with nothing sticky between a person and an instance: every request may go to either. Accounts are made with the
/// command line, as on a real installation (no demo accounts there).
/// </summary>
public sealed class TwoInstancesFixture : IAsyncLifetime
{
    private MigratedDatabase _database = null!;

    public string ConnectionString => _database.ConnectionString;

    internal PortalProcess A { get; private set; } = null!;

    internal PortalProcess B { get; private set; } = null!;

    public int Period { get; private set; }

    public int Task { get; private set; }

    public async Task InitializeAsync()
    {
        _database = await MigratedDatabase.CreateAsync();
        await PortalAccounts.RunCliAsync(ConnectionString, "seed-demo");
        await PortalAccounts.AddUserAsync(ConnectionString, "admin", "Administrator");
        await PortalAccounts.AddUserAsync(ConnectionString, "bj-reporter", "Reporter", "110000");
        await PortalAccounts.AddUserAsync(ConnectionString, "lock-alternating", "Evaluator");
        await PortalAccounts.AddUserAsync(ConnectionString, "lock-parallel", "Evaluator");
        await PortalAccounts.AddUserAsync(ConnectionString, "to-disable", "Reporter", "110000");
        await PortalAccounts.AddUserAsync(ConnectionString, "rate-limited", "Evaluator");
        (Period, Task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(ConnectionString, 2011, 0, "110000");

        // The production limit of 10 sign-in attempts a minute per address, shared by the instances (PostgreSQL): each
        // visitor below comes from an address of its own, as people behind the ministry's TLS proxy do.
        var starting = new[] { PortalProcess.StartAsync("A", ConnectionString), PortalProcess.StartAsync("B", ConnectionString) };
        var started = await System.Threading.Tasks.Task.WhenAll(starting);
        (A, B) = (started[0], started[1]);
    }

    public async Task DisposeAsync()
    {
        if (A is not null)
        {
            await A.DisposeAsync();
        }

        if (B is not null)
        {
            await B.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }
}

[Trait(TestCategory.Name, TestCategory.Reliability)]
public sealed partial class TwoInstancesTests(TwoInstancesFixture twins) : IClassFixture<TwoInstancesFixture>
{
    private const string Password = PortalAccounts.Password;

    [Fact]
    public async Task SignInOnA_CookieAndAntiforgeryTokenOfA_AreAcceptedByB_AndTheWriteOnBIsStored()
    {
        var entry = $"/progress/{twins.Period}/tasks/{twins.Task}";
        using var reporter = new PortalVisitor();

        // Nobody is let in by B without a cookie: the acceptance below is the cookie's doing.
        using (var anonymous = await reporter.GetAsync(twins.B, entry))
        {
            anonymous.StatusCode.Should().Be(HttpStatusCode.Redirect);
            anonymous.Headers.Location!.OriginalString.Should().Contain("/account/signin");
        }

        using (var signIn = await reporter.SignInAsync(twins.A, twins.A, "bj-reporter", Password))
        {
            signIn.StatusCode.Should().Be(HttpStatusCode.Redirect, twins.A.Log);
        }

        reporter.HasSession.Should().BeTrue("A issued the Production session cookie __Host-PlanTracker");
        (await reporter.PageAsync(twins.B, entry)).Should().Contain("保存草稿", "B reads the session cookie A issued (shared data-protection keys in PostgreSQL)");

        // The form (token + antiforgery cookie) comes from A, the POST goes to B: a real write.
        var form = await reporter.PageAsync(twins.A, entry);
        var fields = new List<(string, string)> { ("Progress", "Behind"), ("PercentComplete", "30"), ("ProgressText", "双实例写入：A 发的表单，B 收的保存") };
        if (RowVersion().Match(form) is { Success: true } version && version.Groups[1].Value.Length > 0)
        {
            fields.Add(("RowVersion", version.Groups[1].Value));
        }

        using var saved = await reporter.PostAsync(twins.B, entry + "/save", PortalVisitor.TokenIn(form), [.. fields]);
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect, "B took the token A issued and saved (redirect after POST)");
        (await twins.ScalarAsync<string>(
            "SELECT progress_text FROM progress_reports WHERE period_id = @p AND task_id = @t",
            ("p", twins.Period), ("t", twins.Task))).Should().Be("双实例写入：A 发的表单，B 收的保存");

        // And B still checks the token: a made-up one is refused, nothing more is stored.
        using var forged = await reporter.PostAsync(twins.B, entry + "/save", "CfDJ8-forged-token", ("Progress", "Behind"), ("PercentComplete", "99"), ("ProgressText", "伪造"));
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await twins.ScalarAsync<string>(
            "SELECT progress_text FROM progress_reports WHERE period_id = @p AND task_id = @t",
            ("p", twins.Period), ("t", twins.Task))).Should().Be("双实例写入：A 发的表单，B 收的保存");
    }

    [Fact]
    public async Task WrongPasswords_AlternatingAAndB_LockTheAccountAfterFiveInTotal_OnBoth()
    {
        const string user = "lock-alternating";
        var instances = new[] { twins.A, twins.B, twins.A, twins.B };
        for (var i = 0; i < instances.Length; i++)
        {
            using var visitor = new PortalVisitor();
            using var wrong = await visitor.SignInAsync(instances[i], instances[i], user, "Wrong-Password-" + i);
            wrong.StatusCode.Should().Be(HttpStatusCode.OK, "a failed sign-in shows the form again");
            visitor.HasSession.Should().BeFalse();
            (await twins.ScalarAsync<int>("SELECT access_failed_count FROM users WHERE user_name = @u", ("u", user)))
                .Should().Be(i + 1, "each instance adds to the one count in the database");
        }

        (await twins.ScalarAsync<object>("SELECT lockout_end FROM users WHERE user_name = @u", ("u", user))).Should().Be(DBNull.Value, "four wrong passwords do not lock yet");
        using (var fifth = new PortalVisitor())
        {
            using var wrong = await fifth.SignInAsync(twins.B, twins.B, user, "Wrong-Password-5");
        }

        (await twins.ScalarAsync<DateTime>("SELECT lockout_end FROM users WHERE user_name = @u", ("u", user)))
            .Should().BeAfter(DateTime.UtcNow.AddMinutes(14), "the fifth wrong password in total locks the account for 15 minutes");

        foreach (var instance in new[] { twins.A, twins.B })
        {
            using var visitor = new PortalVisitor();
            using var right = await visitor.SignInAsync(instance, instance, user, Password);
            right.StatusCode.Should().Be(HttpStatusCode.OK, $"the locked account is refused on {instance.Name} even with the right password");
            visitor.HasSession.Should().BeFalse();
            (await right.Content.ReadAsStringAsync()).Should().Contain("用户名或密码不正确", "a locked-out account learns nothing new: the same message as a wrong password");
        }
    }

    [Fact]
    public async Task WrongPasswords_TenAtOnceAcrossAAndB_AreAllCounted_AndTheRightPasswordIsRefusedAfterwards()
    {
        const string user = "lock-parallel";
        var attempts = Enumerable.Range(0, 10).Select(async i =>
        {
            var instance = i % 2 == 0 ? twins.A : twins.B;
            var visitor = new PortalVisitor();
            var form = await visitor.PageAsync(instance, "/account/signin");
            return (visitor, form, instance, i);
        }).ToList();
        var ready = await System.Threading.Tasks.Task.WhenAll(attempts);

        // All ten posted together: a lost update on the failure count would hand an attacker guesses nobody counted.
        var posts = ready.Select(r => r.visitor.PostAsync(r.instance, "/account/signin", PortalVisitor.TokenIn(r.form), ("UserName", user), ("Password", "Wrong-Password-" + r.i)));
        foreach (var response in await System.Threading.Tasks.Task.WhenAll(posts))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Dispose();
        }

        foreach (var r in ready)
        {
            r.visitor.Dispose();
        }

        foreach (var instance in new[] { twins.A, twins.B })
        {
            using var visitor = new PortalVisitor();
            using var right = await visitor.SignInAsync(instance, instance, user, Password);
            visitor.HasSession.Should().BeFalse($"ten wrong passwords at once lock the account on {instance.Name} too");
        }

        (await twins.ScalarAsync<DateTime>("SELECT lockout_end FROM users WHERE user_name = @u", ("u", user))).Should().BeAfter(DateTime.UtcNow.AddMinutes(14));
    }

    [Fact]
    public async Task SignInAttempts_FromOneAddress_AreCountedAcrossAAndB_TheEleventhIs429InChinese_EvenWithTheRightPassword()
    {
        const string address = "10.99.0.1";
        for (var i = 0; i < 10; i++)
        {
            var instance = i % 2 == 0 ? twins.A : twins.B;
            using var visitor = new PortalVisitor(address);
            using var wrong = await visitor.SignInAsync(instance, instance, "nobody-" + i, "Wrong-Password");
            wrong.StatusCode.Should().Be(HttpStatusCode.OK, $"attempt {i + 1} of 10 is within the limit: the form again");
        }

        foreach (var instance in new[] { twins.A, twins.B })
        {
            using var visitor = new PortalVisitor(address);
            using var refused = await visitor.SignInAsync(instance, instance, "rate-limited", Password);
            refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, $"the address spent its minute on A and B together, and {instance.Name} counts both");
            refused.Headers.RetryAfter.Should().NotBeNull();
            (await refused.Content.ReadAsStringAsync()).Should().Contain("登录尝试过于频繁", "the person is told why, in Chinese");
            visitor.HasSession.Should().BeFalse("the right password does not pass the limit either");
        }

        (await twins.ScalarAsync<int>("SELECT attempts FROM sign_in_attempt_windows WHERE address = @a", ("a", address))).Should().Be(12);
        (await twins.ScalarAsync<int>("SELECT access_failed_count FROM users WHERE user_name = 'rate-limited'")).Should().Be(0, "a refused attempt never reaches the account");
        using var owner = new PortalVisitor();
        (await owner.SignInAsync(twins.B, twins.A, "rate-limited", Password)).Dispose();
        owner.HasSession.Should().BeTrue("the limit is per address: the owner, elsewhere, signs in");
    }

    [Fact]
    public async Task DisablingAUserOnA_EndsThatUsersSessionsOnAAndB_AtTheirNextRequest()
    {
        using var onA = new PortalVisitor();
        using var onB = new PortalVisitor();
        (await onA.SignInAsync(twins.A, twins.A, "to-disable", Password)).Dispose();
        (await onB.SignInAsync(twins.B, twins.B, "to-disable", Password)).Dispose();
        (await onA.PageAsync(twins.B, "/progress")).Should().Contain("/account/signout", "signed in (and B accepts the session A issued)");
        await onB.PageAsync(twins.A, "/progress");

        using var admin = new PortalVisitor();
        (await admin.SignInAsync(twins.B, twins.B, "admin", Password)).Dispose();
        var id = await twins.ScalarAsync<string>("SELECT id FROM users WHERE user_name = 'to-disable'");
        var page = await admin.PageAsync(twins.A, $"/admin/users/{id}");
        using (var disabled = await admin.PostAsync(twins.A, $"/admin/users/{id}/disable", PortalVisitor.TokenIn(page)))
        {
            disabled.StatusCode.Should().Be(HttpStatusCode.Redirect, twins.A.Log);
        }

        (await twins.ScalarAsync<bool>("SELECT is_disabled FROM users WHERE id = @id", ("id", id))).Should().BeTrue();
        foreach (var (visitor, instance) in new[] { (onA, twins.B), (onB, twins.B), (onA, twins.A), (onB, twins.A) })
        {
            using var next = await visitor.GetAsync(instance, "/progress");
            next.StatusCode.Should().Be(HttpStatusCode.Redirect, $"the disabled user's session ends on {instance.Name}");
            next.Headers.Location!.OriginalString.Should().Contain("/account/signin");
        }

        using var again = new PortalVisitor();
        (await again.SignInAsync(twins.A, twins.B, "to-disable", Password)).Dispose();
        again.HasSession.Should().BeFalse("a disabled account cannot sign in again on either instance");
    }

    [GeneratedRegex("name=\"RowVersion\" value=\"(\\d*)\"")]
    private static partial Regex RowVersion();
}
