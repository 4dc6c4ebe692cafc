using System.Xml.Linq;
using PlanTracker.Domain.Plans;

namespace PlanTracker.Web.Tests.PlanDrafts;

/// <summary>Every refusal a draft edit can give has a sentence in both languages.</summary>
public sealed class DraftResourceTests
{
    [Theory]
    [InlineData("SharedResource.resx")]
    [InlineData("SharedResource.en.resx")]
    public void EveryDraftRefusal_HasAMessage(string file)
    {
        var keys = XDocument.Load(Path.Combine(WebProject(), "Resources", file)).Root!.Elements("data")
            .Select(d => (string)d.Attribute("name")!).ToHashSet();

        Enum.GetNames<DraftRefusal>().Select(n => "Drafts.Refusal." + n).Where(k => !keys.Contains(k)).Should().BeEmpty();
    }

    private static string WebProject()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "PlanTracker.Web");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("src/PlanTracker.Web not found above the test output.");
    }
}
