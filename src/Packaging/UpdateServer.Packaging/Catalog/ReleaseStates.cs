namespace UpdateServer.Packaging.Catalog;

/// <summary>
/// A release's lifecycle, signed in its facts: <c>draft</c> (never offered or installed), <c>testing</c> (offered to
/// machines in the test ring only), <c>stable</c> (offered by channel), <c>yanked</c> (never offered or installed
/// again; machines that have it keep it until something newer comes).
/// </summary>
public static class ReleaseStates
{
    public const string Draft = "draft";
    public const string Testing = "testing";
    public const string Stable = "stable";
    public const string Yanked = "yanked";

    public static bool IsKnown(string? state) => state is Draft or Testing or Stable or Yanked;

    /// <summary>The states a release may move to from <paramref name="from"/>: forward through the lifecycle, or yanked.</summary>
    public static bool CanMove(string from, string to) => (from, to) switch
    {
        (Draft, Testing or Stable or Yanked) => true,
        (Testing, Stable or Yanked) => true,
        (Stable, Yanked) => true,
        _ => false,
    };
}
