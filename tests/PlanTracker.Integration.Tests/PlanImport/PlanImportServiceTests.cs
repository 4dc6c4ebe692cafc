using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Infrastructure.PlanImport;
using PlanTracker.Integration.Tests.Support;

namespace PlanTracker.Integration.Tests.PlanImport;

public sealed class PlanImportServiceTests : IAsyncLifetime
{
    private MigratedDatabase _database = null!;

    public async Task InitializeAsync() => _database = await MigratedDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task ImportAsync_ShippedPlan_StoresPlanVersionOutlineAndAudit()
    {
        await using var db = _database.CreateContext();
        var auditBefore = await db.AuditEntries.Select(a => (long?)a.Id).MaxAsync() ?? 0;

        var outcome = await ServiceFactory.Importer(db).ImportAsync(ShippedPlan.Text, new PlanImportOptions { ActorName = "测试" });

        outcome.Result.Should().Be(PlanImportResult.Imported);
        await using var read = _database.CreateContext();
        var plan = await read.Plans.Include(p => p.Versions).SingleAsync();
        plan.DocumentNumber.Should().Be("国科发计〔2012〕70号");
        plan.Issuer.Should().Be("科学技术部");
        plan.IssueDate.Should().Be(new DateOnly(2012, 1, 29));
        (plan.StartYear, plan.EndYear).Should().Be((2011, 2015));
        plan.Status.Should().Be(PlanStatus.Draft);
        var version = plan.Versions.Single();
        version.Number.Should().Be(1);
        version.SourceText.Should().Be(PlanTextReader.Normalize(ShippedPlan.Text));
        version.SourceSha256.Should().HaveLength(64);
        var nodes = await read.PlanNodes.Where(n => n.PlanVersionId == version.Id).ToListAsync();
        nodes.Count(n => n.Kind == NodeKind.Chapter && n.ParentId == null && n.Number != null).Should().Be(9);
        nodes.Count(n => n.Kind == NodeKind.SpecialColumn).Should().Be(6);
        nodes.Count(n => n.Kind == NodeKind.Task).Should().Be(48);
        nodes.Should().OnlyContain(n => n.SourceStart != null && n.SourceStart + n.SourceLength <= version.SourceText!.Length);
        nodes.Select(n => n.Position).Should().OnlyHaveUniqueItems();
        var audit = await read.AuditEntries.Where(a => a.Id > auditBefore).ToListAsync();
        audit.Should().ContainSingle(a => a.Action == "import" && a.EntityType == "Plan" && a.EntityId == plan.Id.ToString());
        audit.Should().ContainSingle(a => a.Action == "create" && a.EntityType == "Plan");
        audit.Count(a => a.Action == "create" && a.EntityType == "PlanNode").Should().Be(nodes.Count, "every created row is in the log");
        audit.Should().OnlyContain(a => a.UserName == "测试" || a.UserName == "system");
    }

    [Fact]
    public async Task ImportAsync_ProvincialPlan_StoresItemsColumnsAndIndicatorsWithParsedTargets()
    {
        await using var db = _database.CreateContext();

        var outcome = await ServiceFactory.Importer(db).ImportAsync(ProvincialPlan.Text, new PlanImportOptions());

        outcome.Result.Should().Be(PlanImportResult.Imported, outcome.Message);
        await using var read = _database.CreateContext();
        var plan = await read.Plans.SingleAsync();
        (plan.StartYear, plan.EndYear).Should().Be((2021, 2025));
        plan.DocumentNumber.Should().BeNull();
        var nodes = await read.PlanNodes.ToListAsync();
        nodes.Count(n => n.Kind == NodeKind.Item).Should().Be(33);
        nodes.Count(n => n.Kind == NodeKind.SpecialColumn).Should().Be(7);
        var indicators = await read.Indicators.OrderBy(i => i.Ordinal).ToListAsync();
        indicators.Should().HaveCount(25);
        indicators.Select(i => i.Ordinal).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        var coverage = indicators.Single(i => i.Name == "县级博物馆覆盖率");
        coverage.Unit.Should().Be("%");
        coverage.Target.Should().Be(new StatedValue("100", TargetComparison.Exactly, 100m, 100m));
        coverage.TargetYear.Should().Be(2025);
        coverage.Baseline.Should().BeNull();
        coverage.Nature.Should().Be(IndicatorNature.Binding);
        var awards = indicators.Single(i => i.Name.Contains("国家级奖项", StringComparison.Ordinal));
        (awards.Target.Comparison, awards.Target.Lower, awards.Target.Upper).Should().Be((TargetComparison.Range, 3m, 5m));
        indicators.Where(i => i.Target.Text.StartsWith('≥')).Should().OnlyContain(i => i.Target.Comparison == TargetComparison.AtLeast && i.Target.Lower != null);
    }

    [Fact]
    public async Task ImportAsync_SameTextTwice_SecondChangesNothing()
    {
        await using (var db = _database.CreateContext())
        {
            await ServiceFactory.Importer(db).ImportAsync(ShippedPlan.Text, new PlanImportOptions());
        }

        var counts = await CountRowsAsync();
        await using var again = _database.CreateContext();
        var outcome = await ServiceFactory.Importer(again).ImportAsync(ShippedPlan.Text.Replace("\n", "\r\n", StringComparison.Ordinal), new PlanImportOptions());

        outcome.Result.Should().Be(PlanImportResult.Unchanged, "line endings are not a change");
        outcome.Message.Should().Contain("已导入");
        (await CountRowsAsync()).Should().Be(counts);
    }

    [Fact]
    public async Task ImportAsync_SameDocumentNumberDifferentText_IsRefusedAndStoresNothing()
    {
        await using (var db = _database.CreateContext())
        {
            await ServiceFactory.Importer(db).ImportAsync(ShippedPlan.Text, new PlanImportOptions());
        }

        var counts = await CountRowsAsync();
        await using var again = _database.CreateContext();
        var outcome = await ServiceFactory.Importer(again).ImportAsync(ShippedPlan.Text + "\n附加的一段文字。", new PlanImportOptions());

        outcome.Result.Should().Be(PlanImportResult.Refused);
        outcome.Message.Should().Contain("国科发计〔2012〕70号").And.Contain("已存在");
        (await CountRowsAsync()).Should().Be(counts);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n  ")]
    [InlineData("这是一段普通的文字，没有任何章节结构。\n第二行也不是标题。")]
    public async Task ImportAsync_TextThatIsNotAPlan_IsRefusedAndStoresNothing(string text)
    {
        await using var db = _database.CreateContext();

        var outcome = await ServiceFactory.Importer(db).ImportAsync(text, new PlanImportOptions());

        outcome.Result.Should().Be(PlanImportResult.Refused);
        outcome.Message.Should().NotBeNullOrWhiteSpace();
        (await CountRowsAsync()).Should().Be((0, 0, 0));
    }

    [Fact]
    public async Task ImportAsync_DryRun_ParsesButStoresNothing()
    {
        await using var db = _database.CreateContext();

        var outcome = await ServiceFactory.Importer(db).ImportAsync(ShippedPlan.Text, new PlanImportOptions { DryRun = true });

        outcome.Result.Should().Be(PlanImportResult.DryRun);
        outcome.Plan!.DocumentNumber.Should().Be("国科发计〔2012〕70号");
        (await CountRowsAsync()).Should().Be((0, 0, 0));
    }

    [Fact]
    public async Task ImportAsync_DatabaseRefusesPartWay_LeavesNoHalfWrittenPlan()
    {
        // The plan rows are written first; an actor name over the audit column's 200 characters then makes
        // PostgreSQL refuse the audit entry, the second write of the same transaction.
        await using var db = _database.CreateContext();

        var act = () => ServiceFactory.Importer(db).ImportAsync(ShippedPlan.Text, new PlanImportOptions { ActorName = new string('张', 300) });

        await act.Should().ThrowAsync<DbUpdateException>();
        (await CountRowsAsync()).Should().Be((0, 0, 0));
    }

    [Fact]
    public async Task ImportAsync_TextWithoutTitle_IsRefusedWithReason()
    {
        var text = new string('规', 400) + "\n一、总则\n总则的正文。\n二、任务\n任务的正文。";
        await using var db = _database.CreateContext();

        var outcome = await ServiceFactory.Importer(db).ImportAsync(text, new PlanImportOptions());

        outcome.Result.Should().Be(PlanImportResult.Refused);
        outcome.Message.Should().StartWith("未找到规划标题");
        (await CountRowsAsync()).Should().Be((0, 0, 0));
    }

    [Fact]
    public async Task ImportAsync_WithPublish_PublishesVersionOne()
    {
        await using var db = _database.CreateContext();

        var outcome = await ServiceFactory.Importer(db).ImportAsync(ShippedPlan.Text, new PlanImportOptions { Publish = true });

        await using var read = _database.CreateContext();
        var plan = await read.Plans.Include(p => p.Versions).SingleAsync(p => p.Id == outcome.PlanId);
        plan.Status.Should().Be(PlanStatus.Published);
        plan.Versions.Single().Status.Should().Be(PlanVersionStatus.Published);
        plan.Versions.Single().PublishedAt.Should().Be(TestClock.Default);
    }

    private async Task<(int Plans, int Versions, int Nodes)> CountRowsAsync()
    {
        await using var db = _database.CreateContext();
        return (await db.Plans.CountAsync(), await db.PlanVersions.CountAsync(), await db.PlanNodes.CountAsync());
    }
}
