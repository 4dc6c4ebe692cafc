using System.Diagnostics;

namespace PlanTracker.Integration.Tests.Support;

/// <summary>Runs LibreOffice headless with a private profile (so parallel runs do not share one) and a time limit.</summary>
internal static class LibreOffice
{
    public static async Task<string> ToPdfAsync(string file, string outputDirectory)
    {
        var profile = Path.Combine(outputDirectory, "lo-profile");
        var start = new ProcessStartInfo("soffice")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { $"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", outputDirectory, file })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("LibreOffice did not convert the document within three minutes.");
        }

        var pdf = Path.ChangeExtension(Path.Combine(outputDirectory, Path.GetFileName(file)), ".pdf");
        File.Exists(pdf).Should().BeTrue($"soffice exited {process.ExitCode}: {await output} {await error}");
        return pdf;
    }
}
