using System.Text.RegularExpressions;
using System.Xml.Linq;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Plans;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Tests.Localization;

/// <summary>Every UI string comes from the resources, in both languages.</summary>
public sealed partial class LocalizationResourceTests
{
    private static readonly string WebProject = FindWebProject();

    [Fact]
    public void ChineseAndEnglishResources_HaveTheSameKeys_AndNoEmptyValues()
    {
        var zh = Read("SharedResource.resx");
        var en = Read("SharedResource.en.resx");

        zh.Keys.Should().BeEquivalentTo(en.Keys);
        zh.Values.Concat(en.Values).Should().OnlyContain(v => !string.IsNullOrWhiteSpace(v));
    }

    [Theory]
    [InlineData("SharedResource.resx")]
    [InlineData("SharedResource.en.resx")]
    public void Resources_HaveNoKeyTwice(string file)
    {
        var names = XDocument.Load(Path.Combine(WebProject, "Resources", file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToList();

        names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).Should().BeEmpty("parallel branches merge strings line by line; a key added twice would shadow one translation");
    }

    [Fact]
    public void EveryKeyUsedInViews_ExistsInTheResources()
    {
        var keys = Read("SharedResource.resx").Keys.ToHashSet();
        var used = Directory.EnumerateFiles(Path.Combine(WebProject, "Features"), "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(file => LiteralKey().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Key: m.Groups[1].Value)))
            .ToList();

        used.Should().NotBeEmpty();
        used.Where(u => !keys.Contains(u.Key)).Should().BeEmpty();
    }

    [Fact]
    public void EveryEnumShownInTheUi_HasAWordForEachValue()
    {
        var keys = Read("SharedResource.resx").Keys.ToHashSet();
        var needed = Enum.GetNames<NodeKind>().Select(n => "NodeKind." + n)
            .Concat(Enum.GetNames<PlanStatus>().Select(n => "PlanStatus." + n))
            .Concat(Enum.GetNames<PlanVersionStatus>().Select(n => "VersionStatus." + n))
            .Concat(Enum.GetNames<IndicatorNature>().Select(n => "IndicatorNature." + n))
            .Concat(new[] { "Error.NotFound", "Error.Forbidden", "Error.Unavailable", "Error.BadRequest", "Error.Unexpected" }.SelectMany(k => new[] { k + ".Title", k + ".Body" }));

        needed.Where(k => !keys.Contains(k)).Should().BeEmpty();
    }

    [Fact]
    public void EveryEnumTheDomainWordsWord_HasAWordForEachValue_InBothLanguages()
    {
        var zh = Read("SharedResource.resx").Keys.ToHashSet();
        var en = Read("SharedResource.en.resx").Keys.ToHashSet();
        var needed = DomainWords.Prefixes.Keys
            .SelectMany(type => Enum.GetValues(type).Cast<Enum>())
            .Select(DomainWords.KeyOf)
            .ToList();

        needed.Should().NotBeEmpty();
        needed.Where(k => !zh.Contains(k) || !en.Contains(k)).Should().BeEmpty();
    }

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(WebProject, "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? string.Empty);

    private static string FindWebProject()
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

    [GeneratedRegex("""L\["([A-Za-z.]+)"[,\]]""")]
    private static partial Regex LiteralKey();
}
