using System.Text;
using PlanTracker.Domain.PlanImport;

namespace PlanTracker.Domain.Tests.PlanImport;

public sealed class ParserFailureTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   \n\t\r\n　　\n")]
    [InlineData("\uFEFF")]
    public void Parse_EmptyOrWhitespace_FailsWithFileEmpty(string text)
    {
        // Act
        var result = PlanTextParser.Parse(text);

        // Assert
        result.Succeeded.Should().BeFalse();
        result.Plan.Should().BeNull();
        result.Error.Should().Be("文件为空");
    }

    [Fact]
    public void Parse_NoTitleLineBeforeFirstChapter_FailsWithNoTitle()
    {
        // Arrange: the only line before the first chapter is far too long to be a plan's title.
        var text = new string('规', 400) + "\n一、总则\n总则的正文。\n二、任务\n任务的正文。";

        // Act
        var result = PlanTextParser.Parse(text);

        // Assert
        result.Succeeded.Should().BeFalse();
        result.Error.Should().Be(PlanTextParser.NoTitleError);
    }

    [Fact]
    public void Parse_TextWithoutHeadings_FailsWithNoStructure()
    {
        // Arrange
        const string text = """
            现代服务业科技发展“十二五”专项规划
            这是一段没有任何章节标题的文字。
            （一）只有节标题，没有章标题
            1.只有条目
            """;

        // Act
        var result = PlanTextParser.Parse(text);

        // Assert
        result.Succeeded.Should().BeFalse();
        result.Error.Should().Be("未找到规划结构：没有识别到章标题（如“一、”或“第一章”）");
    }

    [Fact]
    public void Parse_ThreeMegabytesOfRandomNoise_FailsWithNoStructure()
    {
        // Arrange: CJK, ASCII, brackets, digits, commas and separators, which the parser's patterns look at.
        const string alphabet = "abcXYZ0123456789.,;:%()（）〔〕[]年月日号、，。：专栏附录规划指标 \t　";
        var random = new Random(20120129);
        var builder = new StringBuilder(3_000_000);
        while (builder.Length < 3_000_000)
        {
            var roll = random.Next(100);
            builder.Append(roll switch
            {
                < 2 => '\n',
                < 60 => (char)random.Next(0x4E00, 0x9FA5),
                _ => alphabet[random.Next(alphabet.Length)],
            });
        }

        builder.Append(new string('(', 200_000)).Append(new string('1', 200_000));

        // Act
        var result = PlanTextParser.Parse(builder.ToString());

        // Assert
        result.Succeeded.Should().BeFalse();
        result.Error.Should().Be("未找到规划结构：没有识别到章标题（如“一、”或“第一章”）");
    }
}
