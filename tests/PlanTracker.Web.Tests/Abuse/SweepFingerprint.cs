using Npgsql;

namespace PlanTracker.Web.Tests.Abuse;

/// <summary>
/// "Nothing changed", proved: every row of every table as text, with its <c>xmin</c> (which any update renews). A
/// refused request must leave every row as it was; the audit log is one of the tables, so an audited write shows twice.
/// The one exception is the xmin of <c>users</c>: every sign-in counts its attempt in the account's row before checking
/// the password and clears the count after a right one (Features/Account/SignInService), a write that leaves the row as
/// it was — so there the row's content is compared, not its version. And <c>sign_in_attempt_windows</c> is left out: it
/// counts sign-in attempts per address (Features/Account/SignInRateLimit), so the sweep's own sign-ins move it by design.
/// </summary>
public sealed class Fingerprint
{
    private readonly Dictionary<string, HashSet<string>> _rows;

    private Fingerprint(Dictionary<string, HashSet<string>> rows) => _rows = rows;

    public IReadOnlyCollection<string> Tables => _rows.Keys;

    public static async Task<Fingerprint> TakeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        tables.Remove("sign_in_attempt_windows");

        var rows = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var version = table == "users" ? "''" : "t.xmin::text";
            await using var select = new NpgsqlCommand($"select {version} || ' ' || t::text from \"{table}\" t", connection);
            await using var reader = await select.ExecuteReaderAsync();
            var set = new HashSet<string>(StringComparer.Ordinal);
            while (await reader.ReadAsync())
            {
                set.Add(reader.GetString(0));
            }

            rows[table] = set;
        }

        return new Fingerprint(rows);
    }

    /// <summary>Rows of <paramref name="before"/> that are gone or changed now, as "table: row".</summary>
    public List<string> LostSince(Fingerprint before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return [.. before._rows.SelectMany(t => t.Value.Where(row => !_rows.TryGetValue(t.Key, out var now) || !now.Contains(row)).Select(row => $"{t.Key}: {row}"))];
    }

    /// <summary>Rows that are new (or changed) since <paramref name="before"/>, by table.</summary>
    public Dictionary<string, List<string>> AddedSince(Fingerprint before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return _rows
            .Select(t => (t.Key, Added: t.Value.Where(row => !before._rows.TryGetValue(t.Key, out var then) || !then.Contains(row)).ToList()))
            .Where(t => t.Added.Count > 0)
            .ToDictionary(t => t.Key, t => t.Added, StringComparer.Ordinal);
    }
}
