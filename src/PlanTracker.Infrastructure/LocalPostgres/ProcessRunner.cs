using System.Diagnostics;
using System.Text;

namespace PlanTracker.Infrastructure.LocalPostgres;

internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string CombinedOutput => (StandardOutput + Environment.NewLine + StandardError).Trim();
}

internal static class ProcessRunner
{
    /// <param name="timeout">How long the tool may run; <see cref="Timeout.InfiniteTimeSpan"/> for work as long as its input (a dump).</param>
    /// <param name="environment">Variables set for the tool only (a password that must not show in the process list).</param>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The postgres user cannot read root's home; PostgreSQL tools warn or fail when the
            // working directory is not accessible to them.
            WorkingDirectory = "/",
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new LocalPostgresException($"Could not run '{fileName}': {ex.Message}", ex);
        }

        // Nothing we run reads stdin; closing it keeps a tool that unexpectedly prompts
        // (e.g. for a password) from waiting forever.
        process.StandardInput.Close();
        var stdoutTask = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderrTask = process.StandardError.ReadToEndAsync(cancellationToken);

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            TryKill(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw new LocalPostgresException(
                $"'{Describe(fileName, arguments)}' did not finish within {timeout.TotalSeconds:0} s.");
        }

        // A grandchild that inherited our pipes (it should not: pg_ctl redirects the server's
        // output to its log file) would keep them open; do not let that hang us.
        var streams = Task.WhenAll(stdoutTask, stderrTask);
        var finished = await Task.WhenAny(streams, Task.Delay(TimeSpan.FromSeconds(5), cancellationToken))
            .ConfigureAwait(false);
        var stdout = finished == streams ? await stdoutTask.ConfigureAwait(false) : string.Empty;
        var stderr = finished == streams ? await stderrTask.ConfigureAwait(false) : string.Empty;
        return new ProcessResult(process.ExitCode, stdout, stderr);
    }

    public static string Describe(string fileName, IReadOnlyList<string> arguments) =>
        string.Join(' ', new[] { fileName }.Concat(arguments));

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Best effort: the timeout exception that follows is what matters.
        }
    }
}
