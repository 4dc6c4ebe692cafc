using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Cli;
using PlanTracker.Integration.Tests.Support;

namespace PlanTracker.Integration.Tests.Cli;

/// <summary>The `plantracker` command line, run in-process against a throwaway database.</summary>
public sealed class CliApplicationTests : IAsyncLifetime
{
    private MigratedDatabase _database = null!;

    private readonly string _directory = Directory.CreateTempSubdirectory("plantracker-cli-").FullName;

    public async Task InitializeAsync() => _database = await MigratedDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task ImportPlan_DryRunJson_PrintsPlanFieldsNodeTreeIndicatorsAndWarnings()
    {
        var file = Write("plan.txt", ShippedPlan.Text);

        var (code, output, error) = await RunAsync("import-plan", file, "--dry-run", "--json");

        code.Should().Be(CliApplication.Success, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.GetProperty("title").GetString().Should().Be("现代服务业科技发展“十二五”专项规划");
        root.GetProperty("documentNumber").GetString().Should().Be("国科发计〔2012〕70号");
        root.GetProperty("issueDate").GetString().Should().Be("2012-01-29");
        root.GetProperty("startYear").GetInt32().Should().Be(2011);
        root.GetProperty("endYear").GetInt32().Should().Be(2015);
        var chapters = root.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("kind").GetString() == "chapter").ToList();
        chapters.Should().HaveCountGreaterThanOrEqualTo(9);
        chapters[0].GetProperty("number").GetString().Should().NotBeNullOrEmpty();
        chapters[0].GetProperty("title").GetString().Should().Be("形势与需求");
        var kinds = Descendants(root.GetProperty("nodes")).Select(n => n.GetProperty("kind").GetString()).ToHashSet();
        kinds.Should().Contain(["chapter", "section", "special-column", "task", "paragraph", "glossary-term"]);
        root.GetProperty("indicators").ValueKind.Should().Be(JsonValueKind.Array);
        var warning = root.GetProperty("warnings").EnumerateArray().Should().ContainSingle(w => w.GetProperty("message").GetString()!.Contains("(7.13,0.13,1.86%)")).Subject;
        warning.GetProperty("line").GetInt32().Should().BeGreaterThan(1);
        (await PlanCountAsync()).Should().Be(0, "a dry run stores nothing");
    }

    [Fact]
    public async Task ImportPlan_IntoDatabase_StoresOnce_AndSecondRunSaysUnchanged()
    {
        var file = Write("plan.txt", ShippedPlan.Text);

        var first = await RunAsync("import-plan", file);
        var second = await RunAsync("import-plan", file);

        first.Code.Should().Be(CliApplication.Success, first.Error);
        first.Output.Should().Contain("已导入为规划");
        second.Code.Should().Be(CliApplication.Success, second.Error);
        second.Output.Should().Contain("未作任何更改");
        (await PlanCountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task ImportPlan_MissingFile_ExitsTwoWithOneLineReason()
    {
        var (code, _, error) = await RunAsync("import-plan", Path.Combine(_directory, "nope.txt"), "--dry-run");

        code.Should().Be(CliApplication.BadInput);
        error.Trim().Should().StartWith("文件不存在").And.NotContain("\n").And.NotContain("   at ");
    }

    [Fact]
    public async Task ImportPlan_GbkEncodedFile_ExitsTwoSayingNotUtf8AndStoresNothing()
    {
        // 规划 in GBK: B9 E6 BB AE — not valid UTF-8.
        var file = Path.Combine(_directory, "gbk.txt");
        await File.WriteAllBytesAsync(file, [0xB9, 0xE6, 0xBB, 0xAE, 0x0A, 0xD2, 0xBB, 0xA1, 0xA2]);

        var (code, _, error) = await RunAsync("import-plan", file);

        code.Should().Be(CliApplication.BadInput);
        error.Should().Contain("UTF-8");
        (await PlanCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task ImportPlan_EmptyFile_ExitsTwo()
    {
        var (code, _, error) = await RunAsync("import-plan", Write("empty.txt", string.Empty), "--dry-run");

        code.Should().Be(CliApplication.BadInput);
        error.Should().Contain("文件为空");
    }

    [Fact]
    public async Task ImportPlan_MegabytesOfNoise_ExitsTwoSayingNoPlanStructure()
    {
        var random = new Random(7);
        var noise = new StringBuilder();
        while (noise.Length < 1_100_000) // about 3.3 MB of UTF-8, under the 4 MB limit
        {
            noise.Append((char)random.Next(0x4E00, 0x9FA5));
            if (random.Next(60) == 0)
            {
                noise.Append('\n');
            }
        }

        var (code, _, error) = await RunAsync("import-plan", Write("noise.txt", noise.ToString()));

        code.Should().Be(CliApplication.BadInput);
        error.Should().Contain("未找到规划结构");
        (await PlanCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task UnknownCommandOrOption_ExitsTwo()
    {
        (await RunAsync("frobnicate")).Code.Should().Be(CliApplication.BadInput);
        (await RunAsync("import-plan", "x.txt", "--force")).Code.Should().Be(CliApplication.BadInput);
    }

    [Fact]
    public async Task MigrateAndSeedDemo_OnMigratedDatabase_Succeed()
    {
        var migrate = await RunAsync("migrate");
        var seed = await RunAsync("seed-demo");

        migrate.Code.Should().Be(CliApplication.Success, migrate.Error);
        seed.Code.Should().Be(CliApplication.Success, seed.Error);
        await using var db = _database.CreateContext();
        (await db.Units.CountAsync()).Should().Be(57);
    }

    [Fact]
    public async Task AddUser_FirstAdministrator_PasswordFromStandardInput_IsCreatedWithItsRole()
    {
        (await RunAsync("seed-demo")).Code.Should().Be(CliApplication.Success);

        var (code, output, error) = await RunWithInputAsync("Strong-Admin-Pass-1\n", "add-user", "chief", "--role", "Administrator", "--name", "系统管理员");

        code.Should().Be(CliApplication.Success, error);
        output.Should().Contain("已创建用户 chief");
        await using var db = _database.CreateContext();
        var user = await db.Users.SingleAsync(u => u.UserName == "chief");
        user.DisplayName.Should().Be("系统管理员");
        user.PasswordHash.Should().NotBeNullOrEmpty().And.NotContain("Strong-Admin-Pass-1");
        var role = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).SingleAsync();
        role.Should().Be("Administrator");
    }

    [Theory]
    [InlineData("Strong-Pass-123", "--role", "Overlord")]
    [InlineData("Strong-Pass-123", "--role", "Reporter")]
    [InlineData("weak", "--role", "Administrator")]
    [InlineData("Strong-Pass-123", "--role", "Reporter", "--unit", "999999")]
    public async Task AddUser_BadRoleUnitOrPassword_ExitsTwo_AndCreatesNobody(string password, params string[] options)
    {
        (await RunAsync("seed-demo")).Code.Should().Be(CliApplication.Success);

        var (code, _, error) = await RunWithInputAsync(password + "\n", ["add-user", "someone", .. options]);

        code.Should().Be(CliApplication.BadInput);
        error.Trim().Should().NotContain("\n").And.NotContain("   at ");
        await using var db = _database.CreateContext();
        (await db.Users.AnyAsync(u => u.UserName == "someone")).Should().BeFalse();
    }

    private async Task<(int Code, string Output, string Error)> RunWithInputAsync(string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(input);
        var code = await CliApplication.RunAsync(args, output, error, CancellationToken.None, _database.ConnectionString, reader);
        return (code, output.ToString(), error.ToString());
    }

    private static IEnumerable<JsonElement> Descendants(JsonElement nodes) =>
        nodes.EnumerateArray().SelectMany(n => Descendants(n.GetProperty("children")).Prepend(n));

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.RunAsync(args, output, error, CancellationToken.None, _database.ConnectionString);
        return (code, output.ToString(), error.ToString());
    }

    private async Task<int> PlanCountAsync()
    {
        await using var db = _database.CreateContext();
        return await db.Plans.CountAsync();
    }
}
