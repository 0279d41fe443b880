namespace UpdateServer.Benchmarks.Reporting;

/// <summary>
/// Names a benchmark in the one-line key figures printed after a run: <c>GROUP_NAME_ms</c>, and
/// <c>GROUP_NAME_vs_BASELINE_ratio</c> against the baseline of the same class, measured in the same run.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class KeyFigureAttribute(string group, string name) : Attribute
{
    /// <summary>What is measured, e.g. <c>targets_10k</c>.</summary>
    public string Group { get; } = group;

    /// <summary>Which variant, e.g. <c>verify</c>.</summary>
    public string Name { get; } = name;
}
