using System.Globalization;
using System.Text.Json.Nodes;

namespace UpdateServer.Packaging.Bulletins;

/// <summary>
/// The signed <c>custom</c> object of a bulletin target: <c>{"kind": "bulletin", "bulletin": "ACME-2026-0001",
/// "revision": 2}</c>. It tells every reader of the vendor's metadata that the target is a bulletin (not a package)
/// and which revision of which bulletin it is; the document itself must say the same.
/// </summary>
public sealed record BulletinFacts(string Id, int Revision)
{
    public const string Kind = "bulletin";

    /// <summary>The file name suffix of every bulletin target.</summary>
    public const string PathSuffix = ".bulletin.json";

    /// <summary>
    /// <c>&lt;vendor&gt;/&lt;ID&gt;.r&lt;N&gt;.bulletin.json</c>: flat under the vendor (the delegation <c>&lt;vendor&gt;/*</c> never matches
    /// across <c>/</c>), one immutable path per revision.
    /// </summary>
    public string TargetPath(string vendor) => $"{vendor}/{FileName}";

    /// <summary><c>&lt;ID&gt;.r&lt;N&gt;.bulletin.json</c>: the target's name under the vendor, and the name of the sealed file.</summary>
    public string FileName => $"{Id}.r{Revision.ToString(CultureInfo.InvariantCulture)}{PathSuffix}";

    /// <summary>True when <paramref name="custom"/> declares a bulletin target (<c>kind</c> is <c>bulletin</c>).</summary>
    public static bool IsBulletin(JsonObject? custom) =>
        custom?["kind"] is JsonValue kind && kind.TryGetValue<string>(out var text) && text == Kind;

    /// <exception cref="BulletinFormatException">The object is not exactly kind, bulletin and revision, well-formed.</exception>
    public static BulletinFacts FromCustom(JsonObject? custom)
    {
        if (custom is null || !IsBulletin(custom) || custom.Count != 3)
        {
            throw new BulletinFormatException("A bulletin target's custom object has exactly kind (\"bulletin\"), bulletin and revision.");
        }

        var id = custom["bulletin"] is JsonValue idValue && idValue.TryGetValue<string>(out var text) ? text : null;
        if (!BulletinId.IsValid(id))
        {
            throw new BulletinFormatException($"custom.bulletin \"{id}\": {BulletinId.Rule}.");
        }

        return custom["revision"] is JsonValue revisionValue && revisionValue.TryGetValue<long>(out var revision) && revision is >= 1 and <= 100_000
            ? new BulletinFacts(id!, (int)revision)
            : throw new BulletinFormatException("custom.revision must be an integer from 1 to 100000.");
    }

    public JsonObject ToCustom() => new() { ["kind"] = Kind, ["bulletin"] = Id, ["revision"] = Revision };
}
