using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Units;
using PlanTracker.Infrastructure.Auditing;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Integration.Tests.Support;

namespace PlanTracker.Integration.Tests.Persistence;

/// <summary>Every create, update and delete leaves an audit entry in the same transaction, and nothing else does.</summary>
public sealed class AuditingInterceptorTests(MigratedDatabaseFixture database) : IClassFixture<MigratedDatabaseFixture>
{
    private static readonly IAuditActor Planner = new TestActor("u-42", "规划司张三", 7, "req-abc");

    [Fact]
    public async Task CreateUpdateDelete_EachWriteAnEntryWithActorBeforeAndAfter()
    {
        int unitId;
        await using (var db = Context())
        {
            var unit = new OrgUnit("审计测试省", "Audit Province", UnitKind.Province, "970000", 1);
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            unitId = unit.Id;
        }

        await using (var db = Context())
        {
            (await db.Units.SingleAsync(u => u.Id == unitId)).SetContact("李四", "010-12345678", null);
            await db.SaveChangesAsync();
        }

        await using (var db = Context())
        {
            db.Units.Remove(await db.Units.SingleAsync(u => u.Id == unitId));
            await db.SaveChangesAsync();
        }

        await using var read = database.CreateContext();
        var entries = await read.AuditEntries.Where(a => a.EntityType == "OrgUnit" && a.EntityId == unitId.ToString()).OrderBy(a => a.Id).ToListAsync();
        entries.Select(e => e.Action).Should().Equal("create", "update", "delete");
        entries.Should().OnlyContain(e => e.UserId == "u-42" && e.UserName == "规划司张三" && e.UnitId == 7 && e.RequestId == "req-abc");
        entries[0].BeforeJson.Should().BeNull();
        Field(entries[0].AfterJson, "Name").Should().Be("审计测试省");
        Field(entries[1].BeforeJson, "ContactName").Should().BeNull();
        Field(entries[1].AfterJson, "ContactName").Should().Be("李四");
        Field(entries[2].BeforeJson, "ContactPhone").Should().Be("010-12345678");
        entries[2].AfterJson.Should().BeNull();
    }

    [Fact]
    public async Task ChangeRolledBackWithItsTransaction_LeavesNoEntry()
    {
        await using var db = Context();
        var before = await db.AuditEntries.CountAsync();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Units.Add(new OrgUnit("回滚测试省", null, UnitKind.Province, "960000", 1));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await using var read = database.CreateContext();
        (await read.AuditEntries.CountAsync()).Should().Be(before, "the entry shares the change's transaction");
        (await read.Units.AnyAsync(u => u.Code == "960000")).Should().BeFalse();
    }

    [Fact]
    public async Task FailedSave_WritesNoEntry()
    {
        await using var db = Context();
        var before = await db.AuditEntries.CountAsync();
        db.Units.Add(new OrgUnit("重复省", null, UnitKind.Province, "950000", 1));
        db.Units.Add(new OrgUnit("重复省", null, UnitKind.Province, "950001", 2));

        var act = () => db.SaveChangesAsync();

        await act.Should().ThrowAsync<DbUpdateException>();
        await using var read = database.CreateContext();
        (await read.AuditEntries.CountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task UpdateThatChangesNothing_WritesNoEntry()
    {
        await using var db = Context();
        db.Units.Add(new OrgUnit("不变省", null, UnitKind.Province, "940000", 1));
        await db.SaveChangesAsync();
        var before = await db.AuditEntries.CountAsync();

        await db.SaveChangesAsync();

        (await db.AuditEntries.CountAsync()).Should().Be(before);
    }

    private AppDbContext Context() => AppDbContextOptions.Create(database.ConnectionString, Planner);

    private static string? Field(string? json, string name)
    {
        using var document = JsonDocument.Parse(json!);
        var value = document.RootElement.GetProperty(name);
        return value.ValueKind == JsonValueKind.Null ? null : value.ToString();
    }

    private sealed record TestActor(string? UserId, string? UserName, int? UnitId, string? RequestId) : IAuditActor;
}
