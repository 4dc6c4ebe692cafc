using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Units;

namespace PlanTracker.Domain.Tests.Assignments;

public sealed class AssignmentPlanTests
{
    private const int Task1 = 101;
    private const int Task2 = 102;
    private const int Ministry = 1;
    private const int Department = 2;
    private const int Beijing = 11;
    private const int Shanghai = 31;
    private const int Shenzhen = 44;
    private const int Closed = 99;

    private static readonly AssigneeUnit[] Units =
    [
        new(Ministry, "科学技术部", UnitKind.Ministry, true),
        new(Department, "发展计划司", UnitKind.Department, true),
        new(Beijing, "北京市", UnitKind.Municipality, true),
        new(Shanghai, "上海市", UnitKind.Municipality, true),
        new(Shenzhen, "深圳市", UnitKind.SeparatelyPlannedCity, true),
        new(Closed, "停用单位", UnitKind.HighTechZone, false),
    ];

    private static AssignmentPlan PlanWith(params ExistingAssignment[] existing) => new([Task1, Task2], Units, existing);

    [Fact]
    public void Assign_NewUnits_AddsOneRowEach()
    {
        var outcome = PlanWith().Assign([new(Task1, Beijing, AssignmentRole.Lead), new(Task1, Shanghai, AssignmentRole.Participating), new(Task2, Shanghai, AssignmentRole.Participating)]);

        outcome.Succeeded.Should().BeTrue();
        outcome.Changes.Should().BeEquivalentTo(new[]
        {
            new AssignmentChange(AssignmentChangeKind.Add, Task1, Beijing, AssignmentRole.Lead),
            new AssignmentChange(AssignmentChangeKind.Add, Task1, Shanghai, AssignmentRole.Participating),
            new AssignmentChange(AssignmentChangeKind.Add, Task2, Shanghai, AssignmentRole.Participating),
        });
    }

    [Fact]
    public void Assign_NewLead_DemotesThePreviousLeadToParticipant()
    {
        var outcome = PlanWith(new ExistingAssignment(Task1, Beijing, AssignmentRole.Lead)).Assign([new(Task1, Shanghai, AssignmentRole.Lead)]);

        outcome.Succeeded.Should().BeTrue();
        outcome.Changes.Should().BeEquivalentTo(new[]
        {
            new AssignmentChange(AssignmentChangeKind.ChangeRole, Task1, Beijing, AssignmentRole.Participating) { IsDemotion = true },
            new AssignmentChange(AssignmentChangeKind.Add, Task1, Shanghai, AssignmentRole.Lead),
        });
    }

    [Fact]
    public void Assign_ParticipantMadeLead_ChangesItsRole_AndDemotesTheOldLead()
    {
        var outcome = PlanWith(new ExistingAssignment(Task1, Beijing, AssignmentRole.Lead), new ExistingAssignment(Task1, Shanghai, AssignmentRole.Participating))
            .Assign([new(Task1, Shanghai, AssignmentRole.Lead)]);

        outcome.Changes.Should().HaveCount(2);
        outcome.Changes.Should().ContainEquivalentOf(new AssignmentChange(AssignmentChangeKind.ChangeRole, Task1, Shanghai, AssignmentRole.Lead));
        outcome.Changes.Should().ContainEquivalentOf(new AssignmentChange(AssignmentChangeKind.ChangeRole, Task1, Beijing, AssignmentRole.Participating) { IsDemotion = true });
    }

    [Fact]
    public void Assign_SameUnitSameRoleAgain_ChangesNothing()
    {
        var outcome = PlanWith(new ExistingAssignment(Task1, Beijing, AssignmentRole.Participating)).Assign([new(Task1, Beijing, AssignmentRole.Participating)]);

        outcome.Succeeded.Should().BeTrue();
        outcome.Changes.Should().BeEmpty();
    }

    [Fact]
    public void Assign_TwoLeadsForOneTask_IsRefused()
    {
        var outcome = PlanWith().Assign([new(Task1, Beijing, AssignmentRole.Lead), new(Task1, Shanghai, AssignmentRole.Lead)]);

        outcome.Refusal!.Reason.Should().Be(RefusalReason.TwoLeads);
        outcome.Changes.Should().BeEmpty();
    }

    [Fact]
    public void Assign_OneUnitInTwoRolesOnOneTask_IsRefused()
    {
        var outcome = PlanWith().Assign([new(Task1, Beijing, AssignmentRole.Lead), new(Task1, Beijing, AssignmentRole.Participating)]);

        outcome.Refusal.Should().Be(new AssignmentRefusal(RefusalReason.ConflictingRoles, Task1, Beijing, "北京市"));
    }

    [Theory]
    [InlineData(Ministry, RefusalReason.NotReportingUnit)]
    [InlineData(Department, RefusalReason.NotReportingUnit)]
    [InlineData(Closed, RefusalReason.InactiveUnit)]
    [InlineData(12345, RefusalReason.UnknownUnit)]
    public void Assign_UnitThatCannotTakeTasks_RefusesTheWholeRequest(int unitId, RefusalReason reason)
    {
        var outcome = PlanWith().Assign([new(Task1, Beijing, AssignmentRole.Lead), new(Task1, unitId, AssignmentRole.Participating)]);

        outcome.Succeeded.Should().BeFalse();
        outcome.Refusal!.Reason.Should().Be(reason);
        outcome.Refusal.UnitId.Should().Be(unitId);
        outcome.Changes.Should().BeEmpty("a request is all or nothing");
    }

    [Fact]
    public void Assign_TaskNotOfTheCurrentVersion_IsRefused()
    {
        var outcome = PlanWith().Assign([new(Task1, Beijing, AssignmentRole.Participating), new(777, Beijing, AssignmentRole.Participating)]);

        outcome.Refusal.Should().Be(new AssignmentRefusal(RefusalReason.UnknownTask, 777));
        outcome.Changes.Should().BeEmpty();
    }

    [Fact]
    public void Assign_NothingSelected_IsRefused()
    {
        PlanWith().Assign([]).Refusal!.Reason.Should().Be(RefusalReason.NothingSelected);
    }

    [Fact]
    public void Unassign_AssignedUnit_RemovesIt_AndAnUnassignedOne_IsRefused()
    {
        var plan = PlanWith(new ExistingAssignment(Task1, Beijing, AssignmentRole.Lead));

        plan.Unassign(Task1, [Beijing]).Changes.Should().BeEquivalentTo(new[] { new AssignmentChange(AssignmentChangeKind.Remove, Task1, Beijing, AssignmentRole.Lead) });
        plan.Unassign(Task1, [Shanghai]).Refusal!.Reason.Should().Be(RefusalReason.NotAssigned);
        plan.Unassign(777, [Beijing]).Refusal!.Reason.Should().Be(RefusalReason.UnknownTask);
    }

    [Theory]
    [InlineData(UnitKind.Province, ReportingGroup.Provincial)]
    [InlineData(UnitKind.Municipality, ReportingGroup.Provincial)]
    [InlineData(UnitKind.AutonomousRegion, ReportingGroup.Provincial)]
    [InlineData(UnitKind.SeparatelyPlannedCity, ReportingGroup.SeparatelyPlannedCity)]
    [InlineData(UnitKind.Xpcc, ReportingGroup.Xpcc)]
    [InlineData(UnitKind.HighTechZone, ReportingGroup.HighTechZone)]
    [InlineData(UnitKind.Ministry, null)]
    [InlineData(UnitKind.Department, null)]
    public void ReportingGroups_Of_PutsEachKindInItsPickerGroup(UnitKind kind, ReportingGroup? group)
    {
        ReportingGroups.Of(kind).Should().Be(group);
    }
}
