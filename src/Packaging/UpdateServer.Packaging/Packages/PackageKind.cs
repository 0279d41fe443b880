namespace UpdateServer.Packaging.Packages;

/// <summary>
/// What a package installs; written in <c>manifest.json</c> as the lowercase name (<c>"platform"</c>,
/// <c>"driver"</c>, <c>"upgrade"</c>, <c>"component"</c>). Any other value is refused when parsing.
/// </summary>
public enum PackageKind
{
    /// <summary>A whole platform release (<c>"platform"</c>).</summary>
    Platform,

    /// <summary>A device or hardware driver (<c>"driver"</c>).</summary>
    Driver,

    /// <summary>A step that moves an installation from one version to another (<c>"upgrade"</c>).</summary>
    Upgrade,

    /// <summary>One component of a platform (<c>"component"</c>).</summary>
    Component,
}
