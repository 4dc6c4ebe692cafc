using PlanTracker.Domain.Monitoring;

namespace PlanTracker.Domain.Tests.Monitoring;

public sealed class EarlyWarningTests
{
    private static readonly DateTimeOffset RaisedAt = new(2026, 11, 26, 1, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset HandledAt = new(2026, 11, 27, 3, 0, 0, TimeSpan.Zero);

    private static readonly Guid TaskKey = Guid.Parse("0b6f1f4e-5d57-4a55-9c39-9d7e8f1c2a10");

    [Fact]
    public void New_KeepsTheSubjectColourReasonAndDay_AndIsOpen()
    {
        var warning = Raise(WarningSubject.TaskUnit(TaskKey, 12, 3, 77), StatusColour.Red, StatusColour.Amber);

        warning.Kind.Should().Be(WarningKind.TaskUnit);
        warning.SubjectKey.Should().Be($"task-unit:{TaskKey:N}:3");
        warning.TaskKey.Should().Be(TaskKey);
        warning.TaskId.Should().Be(12);
        warning.UnitId.Should().Be(3);
        warning.EvidenceReportId.Should().Be(77);
        warning.Colour.Should().Be(StatusColour.Red);
        warning.PreviousColour.Should().Be(StatusColour.Amber);
        warning.Reason.Should().Be("进度20%，按时间应达60%，滞后40个百分点。");
        warning.AsOf.Should().Be(new DateOnly(2026, 11, 26));
        warning.State.Should().Be(WarningState.Open);
        warning.IsOpen.Should().BeTrue();
    }

    [Theory]
    [InlineData(StatusColour.Green)]
    [InlineData(StatusColour.Grey)]
    public void New_WithAColourThatIsNoWarning_Throws(StatusColour colour)
    {
        var act = () => Raise(WarningSubject.Unit(3), colour, null);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void New_CutsAnOverlongReason_ToTheColumnLength()
    {
        var warning = new EarlyWarning(1, WarningSubject.Unit(3), StatusColour.Amber, null, new string('滞', 600), new DateOnly(2026, 11, 26), RaisedAt);

        warning.Reason.Should().HaveLength(EarlyWarningLimits.MaxReasonLength);
    }

    [Fact]
    public void SubjectKeys_NameTheSubjectAcrossVersions_NotTheVersionsNode()
    {
        WarningSubject.Task(TaskKey, 12).Key.Should().Be(WarningSubject.Task(TaskKey, 99).Key);
        WarningSubject.Indicator(TaskKey, 5).Key.Should().Be($"indicator:{TaskKey:N}");
        WarningSubject.Unit(3).Key.Should().Be("unit:3");
        WarningSubject.Task(TaskKey, 12).Key.Should().NotBe(WarningSubject.TaskUnit(TaskKey, 12, 3, null).Key);
    }

    [Fact]
    public void Acknowledge_WithANote_HandlesTheWarning()
    {
        var warning = Raise(WarningSubject.Unit(3), StatusColour.Amber, null);

        var outcome = warning.Acknowledge("planner", "  已电话督促，月底前补报。 ", HandledAt);

        outcome.Succeeded.Should().BeTrue();
        warning.State.Should().Be(WarningState.Acknowledged);
        warning.Note.Should().Be("已电话督促，月底前补报。");
        warning.HandledBy.Should().Be("planner");
        warning.HandledAt.Should().Be(HandledAt);
        warning.IsOpen.Should().BeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Acknowledge_WithoutANote_IsRefused_AndChangesNothing(string? note)
    {
        var warning = Raise(WarningSubject.Unit(3), StatusColour.Amber, null);

        var outcome = warning.Acknowledge("planner", note, HandledAt);

        outcome.Succeeded.Should().BeFalse();
        outcome.Refusal.Should().Be("确认预警须填写处理意见。");
        warning.State.Should().Be(WarningState.Open);
        warning.HandledBy.Should().BeNull();
    }

    [Fact]
    public void Acknowledge_WithAnOverlongNote_IsRefused()
    {
        var warning = Raise(WarningSubject.Unit(3), StatusColour.Amber, null);

        var outcome = warning.Acknowledge("planner", new string('注', EarlyWarningLimits.MaxNoteLength + 1), HandledAt);

        outcome.Refusal.Should().Be("处理意见不能超过1000字。");
        warning.IsOpen.Should().BeTrue();
    }

    [Fact]
    public void Acknowledge_AHandledWarning_IsRefused_AndKeepsTheFirstAnswer()
    {
        var warning = Raise(WarningSubject.Unit(3), StatusColour.Amber, null);
        warning.Acknowledge("planner", "第一次处理", HandledAt);

        var outcome = warning.Acknowledge("other", "第二次处理", HandledAt.AddDays(1));

        outcome.Refusal.Should().Be("该预警已处理，不能重复处理。");
        warning.Note.Should().Be("第一次处理");
        warning.HandledBy.Should().Be("planner");
    }

    [Fact]
    public void LinkToAdjustment_RecordsTheProposal_AndAnOptionalNote()
    {
        var warning = Raise(WarningSubject.Task(TaskKey, 12), StatusColour.Red, null);

        var outcome = warning.LinkToAdjustment(41, "planner", "  ", HandledAt);

        outcome.Succeeded.Should().BeTrue();
        warning.State.Should().Be(WarningState.LinkedToAdjustment);
        warning.AdjustmentId.Should().Be(41);
        warning.Note.Should().BeNull("a blank note is no note");
        warning.HandledBy.Should().Be("planner");
        warning.HandledAt.Should().Be(HandledAt);
    }

    [Fact]
    public void LinkToAdjustment_OfAHandledWarning_IsRefused()
    {
        var warning = Raise(WarningSubject.Task(TaskKey, 12), StatusColour.Red, null);
        warning.LinkToAdjustment(41, "planner", null, HandledAt);

        var outcome = warning.LinkToAdjustment(42, "planner", null, HandledAt);
        var acknowledged = warning.Acknowledge("planner", "改为确认", HandledAt);

        outcome.Refusal.Should().Be("该预警已处理，不能重复处理。");
        acknowledged.Succeeded.Should().BeFalse();
        warning.AdjustmentId.Should().Be(41);
        warning.State.Should().Be(WarningState.LinkedToAdjustment);
    }

    [Fact]
    public void LinkToAdjustment_WithAnOverlongNote_IsRefused()
    {
        var warning = Raise(WarningSubject.Task(TaskKey, 12), StatusColour.Red, null);

        var outcome = warning.LinkToAdjustment(41, "planner", new string('注', EarlyWarningLimits.MaxNoteLength + 1), HandledAt);

        outcome.Succeeded.Should().BeFalse();
        warning.AdjustmentId.Should().BeNull();
        warning.IsOpen.Should().BeTrue();
    }

    [Fact]
    public void MonitoredStatus_MoveTo_ReturnsTheColourBefore_OnlyWhenItChanges()
    {
        var status = new MonitoredStatus(1, "unit:3", StatusColour.Green, new DateOnly(2026, 11, 1));

        status.MoveTo(StatusColour.Green, new DateOnly(2026, 11, 2)).Should().BeNull();
        status.Since.Should().Be(new DateOnly(2026, 11, 1));
        status.MoveTo(StatusColour.Red, new DateOnly(2026, 11, 3)).Should().Be(StatusColour.Green);
        status.Colour.Should().Be(StatusColour.Red);
        status.Since.Should().Be(new DateOnly(2026, 11, 3));
    }

    private static EarlyWarning Raise(WarningSubject subject, StatusColour colour, StatusColour? before) =>
        new(1, subject, colour, before, "进度20%，按时间应达60%，滞后40个百分点。", new DateOnly(2026, 11, 26), RaisedAt);
}
