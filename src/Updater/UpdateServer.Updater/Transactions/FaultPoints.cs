using System.Diagnostics;
using System.Globalization;

namespace UpdateServer.Updater.Transactions;

/// <summary>
/// Test hook for crash testing: numbered points in the apply path where the process may kill itself with SIGKILL.
/// Inert unless the environment sets <c>UPDATER_FAULT_AT=N</c> (the process kills itself on reaching the Nth point)
/// or <c>UPDATER_FAULT_TRACE=FILE</c> (every point reached is appended to FILE as <c>N name</c>). The crash tests use
/// them to prove that a kill at any point leaves the old or the new version after the next start.
/// </summary>
public sealed class FaultPoints
{
    public const string FaultAtVariable = "UPDATER_FAULT_AT";
    public const string TraceVariable = "UPDATER_FAULT_TRACE";

    private readonly long _killAt;
    private readonly string? _trace;
    private long _reached;

    private FaultPoints(long killAt, string? trace)
    {
        _killAt = killAt;
        _trace = trace;
    }

    /// <summary>Points that do nothing.</summary>
    public static FaultPoints None { get; } = new(0, null);

    /// <summary>Reads <c>UPDATER_FAULT_AT</c> and <c>UPDATER_FAULT_TRACE</c>; when neither is set, the points do nothing.</summary>
    public static FaultPoints FromEnvironment()
    {
        var at = Environment.GetEnvironmentVariable(FaultAtVariable);
        var trace = Environment.GetEnvironmentVariable(TraceVariable);
        var killAt = long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 0;
        return killAt == 0 && string.IsNullOrEmpty(trace) ? None : new FaultPoints(killAt, string.IsNullOrEmpty(trace) ? null : trace);
    }

    /// <summary>Counts a point; when it is the chosen one, the process dies here as it would in a power cut.</summary>
    public void Reach(string name)
    {
        if (_killAt == 0 && _trace is null)
        {
            return;
        }

        var number = Interlocked.Increment(ref _reached);
        if (_trace is not null)
        {
            File.AppendAllText(_trace, $"{number.ToString(CultureInfo.InvariantCulture)} {name}\n");
        }

        if (number == _killAt)
        {
            Console.Error.WriteLine($"updater: fault point {number} ({name}): killing this process");
            using var self = Process.GetCurrentProcess();
            self.Kill();
        }
    }
}
