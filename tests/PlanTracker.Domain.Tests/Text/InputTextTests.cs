using PlanTracker.Domain.Text;

namespace PlanTracker.Domain.Tests.Text;

public sealed class InputTextTests
{
    [Theory]
    [InlineData("a\0b", "ab")]
    [InlineData("页\u0001码\u001F", "页码")]
    [InlineData("第一行\v第二行\f第三行", "第一行\n第二行\n第三行")]
    [InlineData("\uFFFE\uFFFF文", "文")]
    public void Clean_DropsWhatNoStoredTextMayHold(string text, string expected) =>
        InputText.Clean(text).Should().Be(expected);

    [Fact]
    public void Clean_DropsLoneSurrogates_AndKeepsPairs()
    {
        var text = "孤" + '\uD800' + "立" + '\uDC00' + "😀";

        InputText.Clean(text).Should().Be("孤立😀");
    }

    [Theory]
    [InlineData("制表\t换行\n回车\r")]
    [InlineData("<script>alert('x')</script> =cmd|' /C calc'!A0")]
    [InlineData("表情😀与\u202E方向符")]
    [InlineData("")]
    public void Clean_LeavesOrdinaryText_TheSameInstance(string text)
    {
        InputText.NeedsCleaning(text).Should().BeFalse();
        InputText.Clean(text).Should().BeSameAs(text);
    }
}
