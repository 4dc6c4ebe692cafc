using System.Text.RegularExpressions;
using PlanTracker.Domain.Reporting;

namespace PlanTracker.Web.Tests.Architecture;

/// <summary>
/// Where SQL lives, checked on the source tree: statements are named query classes in Infrastructure, never text in the
/// Web project; and a value of an enum stored as a string enters SQL text through <c>nameof</c>, so renaming the value
/// cannot leave a query comparing against the old word. Migrations are history and keep the words they were written with.
/// </summary>
public sealed partial class SourceRulesTests
{
    private static readonly string Src = FindSrc();

    [Fact]
    public void WebProject_HasNoSqlText()
    {
        var found = Lines(Path.Combine(Src, "PlanTracker.Web"))
            .Where(l => SqlStatement().IsMatch(l.Text) || RawSqlCall().IsMatch(l.Text))
            .Select(l => l.ToString());

        string.Join(Environment.NewLine, found).Should().BeEmpty("queries are named classes in PlanTracker.Infrastructure; Web pages call them and shape view models");
    }

    [Fact]
    public void SqlText_TakesEnumValuesFromTheEnums()
    {
        var quoted = QuotedEnumValue();

        var found = Lines(Src)
            .Where(l => !l.File.Contains("/Migrations/", StringComparison.Ordinal))
            .Where(l => quoted.IsMatch(l.Text))
            .Select(l => l.ToString());

        string.Join(Environment.NewLine, found).Should().BeEmpty("a stored enum value is written into SQL as '{nameof(ReportStatus.Approved)}', never as a quoted word");
    }

    [Theory]
    [InlineData("var sql = \"SELECT id FROM plans\";", true)]
    [InlineData("db.Database.ExecuteSqlAsync($\"DELETE FROM t\", ct);", true)]
    [InlineData("    private const string Sql = \"\"\"", false)]
    [InlineData("var label = \"Select a unit\";", false)]
    public void SqlDetector_FindsStatementsAndRawSqlCalls(string line, bool isSql) =>
        (SqlStatement().IsMatch(line) || RawSqlCall().IsMatch(line)).Should().Be(isSql);

    [Fact]
    public void SqlDetector_FindsAStatementOpeningARawString_AndAQuotedEnumValue()
    {
        string[] source = ["    private const string Sql = \"\"\"", "        WITH approved AS (", "        WHERE v.status = 'Approved'"];

        Logical(source).Count(l => SqlStatement().IsMatch(l.Text)).Should().Be(1);
        Logical(source).Count(l => QuotedEnumValue().IsMatch(l.Text)).Should().Be(1);
        QuotedEnumValue().IsMatch("WHERE v.status = '{nameof(ReportStatus.Approved)}'").Should().BeFalse();
    }

    private static Regex QuotedEnumValue()
    {
        var names = typeof(ReportStatus).Assembly.GetTypes()
            .Where(t => t.IsEnum && t.IsPublic)
            .SelectMany(Enum.GetNames)
            .Distinct()
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(Regex.Escape)
            .ToList();
        names.Should().Contain(["Approved", "Open", "Red", "Task"]);
        return new Regex($"'({string.Join('|', names)})'", RegexOptions.CultureInvariant);
    }

    /// <summary>Every line of the .cs files under <paramref name="root"/>, bin and obj aside (see <see cref="Logical"/>).</summary>
    private static IEnumerable<SourceLine> Lines(string root) =>
        from file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
        let relative = Path.GetRelativePath(Src, file).Replace('\\', '/')
        where !relative.Contains("/bin/", StringComparison.Ordinal) && !relative.Contains("/obj/", StringComparison.Ordinal)
        from line in Logical(File.ReadAllLines(file))
        select new SourceLine(relative, line.Number, line.Text);

    /// <summary>
    /// The lines to check, numbered from 1: a line that opens a raw string is read with the line after it, so the
    /// opening quotes and the statement's first word are seen together. Whole-line comments are skipped.
    /// </summary>
    private static IEnumerable<(int Number, string Text)> Logical(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var opensRawString = lines[i].TrimEnd().EndsWith("\"\"\"", StringComparison.Ordinal) && i + 1 < lines.Length;
            yield return (i + 1, opensRawString ? lines[i] + " " + lines[i + 1] : lines[i]);
        }
    }

    private static string FindSrc()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src");
            if (Directory.Exists(Path.Combine(candidate, "PlanTracker.Web")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("src/PlanTracker.Web not found above the test output.");
    }

    /// <summary>A string that opens with a statement word: "SELECT …", $"DELETE …", or a raw string whose first line is one.</summary>
    [GeneratedRegex("""\"\s*(SELECT|UPDATE|INSERT|DELETE|WITH)\s""", RegexOptions.CultureInvariant)]
    private static partial Regex SqlStatement();

    /// <summary>EF Core's raw-SQL entry points and a hand-made command.</summary>
    [GeneratedRegex("""\b(ExecuteSql\w*|SqlQuery\w*|FromSql\w*)\s*[<(]|\.CommandText\b""", RegexOptions.CultureInvariant)]
    private static partial Regex RawSqlCall();

    private sealed record SourceLine(string File, int Number, string Text)
    {
        public override string ToString() => $"{File}:{Number}: {Text.Trim()}";
    }
}
