using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PlanTracker.Cli;
using PlanTracker.Infrastructure.Monitoring;
using PlanTracker.Integration.Tests.Support;

namespace PlanTracker.Integration.Tests.Monitoring;

public sealed class WarningScanScaleProbe
{
    [Fact]
    public async Task Probe()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var code = await CliApplication.RunAsync(["generate-scale-data", "--plans", "1", "--today", "2026-11-26"], output, error, CancellationToken.None, database.ConnectionString);
        code.Should().Be(CliApplication.Success, error.ToString());
        var log = new List<string> { $"generate {watch.Elapsed}", output.ToString() };
        await using (var db = database.CreateContext())
        {
            var planId = await db.Plans.Select(p => p.Id).FirstAsync();
            log.Add($"assignments {await db.TaskAssignments.CountAsync()}");
            foreach (var day in new[] { new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 26), new DateOnly(2027, 3, 15) })
            {
                await using var scanDb = database.CreateContext();
                var result = await new WarningScan(scanDb, TimeProvider.System, NullLogger<WarningScan>.Instance).ScanAsync(planId, day);
                log.Add(result!.ToString());
            }
        }

        await File.WriteAllLinesAsync("/tmp/scanbench/result.txt", log);
    }
}
