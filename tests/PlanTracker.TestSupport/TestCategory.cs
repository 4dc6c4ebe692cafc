namespace PlanTracker.TestSupport;

/// <summary>
/// The categories of the slow suites, put on their classes as <c>[Trait(TestCategory.Name, TestCategory.Race)]</c> so
/// each can be run alone (<c>dotnet test PlanTracker.sln --filter Category=Race</c>) or left out
/// (<c>--filter "Category!=Race&amp;Category!=Fault"</c>). A test without a category is a quick functional test.
/// docs/testing.md lists the commands.
/// </summary>
public static class TestCategory
{
    /// <summary>The trait name the filters read.</summary>
    public const string Name = "Category";

    /// <summary>Requests fired at the same moment by separate sessions (Web.Tests/Races).</summary>
    public const string Race = "Race";

    /// <summary>PostgreSQL stopped or killed, a slow database, a full disk, the app process killed (Integration.Tests/Reliability).</summary>
    public const string Fault = "Fault";

    /// <summary>The load tool of bench/load.sh run in miniature (Web.Tests/Load).</summary>
    public const string Load = "Load";

    /// <summary>The same figure read from every page, export and report over generated data (Web.Tests/Consistency).</summary>
    public const string Consistency = "Consistency";

    /// <summary>Backup and restore, durability settings, two app instances on one database.</summary>
    public const string Reliability = "Reliability";

    /// <summary>Pages driven in real Chromium through Playwright (every class of EndToEnd.Tests).</summary>
    public const string Browser = "Browser";

    /// <summary>The authorization sweep, CSRF, hostile input and brute force (Web.Tests/Abuse).</summary>
    public const string Abuse = "Abuse";
}
