using System.Diagnostics;

namespace WireEdge.LoadTests.Compare;

/// <summary>Facts about the run recorded in every comparison report.</summary>
public static class CompareEnv
{
    private static readonly Lazy<string> CommitValue = new(ReadCommit);

    public static string Commit => CommitValue.Value;

    private static string ReadCommit()
    {
        if (Environment.GetEnvironmentVariable("GIT_COMMIT") is { Length: > 0 } env)
        {
            return env;
        }

        try
        {
            using var p = Process.Start(new ProcessStartInfo("git", "rev-parse --short=12 HEAD") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            var s = p?.StandardOutput.ReadToEnd().Trim() ?? "";
            return p is not null && p.WaitForExit(5000) && p.ExitCode == 0 && s.Length > 0 ? s : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
