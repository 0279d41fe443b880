using System.Text.Json.Nodes;
using UpdateServer.Packaging.Canonical;

namespace UpdateServer.Packaging.Tests.Trust.Client;

/// <summary>Changes to signed metadata files made after signing, as an attacker or a broken mirror would.</summary>
public static class MetadataTamper
{
    /// <summary>Adds <paramref name="name"/> to the "signed" object, leaving the signatures as they were.</summary>
    public static byte[] AddSignedField(byte[] file, string name, JsonNode value)
    {
        var envelope = Parse(file);
        ((JsonObject)envelope["signed"]!)[name] = value;
        return CanonicalJson.Serialize(envelope);
    }

    /// <summary>Repeats the first signature, so two entries carry the same keyid.</summary>
    public static byte[] DuplicateFirstSignature(byte[] file)
    {
        var envelope = Parse(file);
        var signatures = (JsonArray)envelope["signatures"]!;
        signatures.Add(signatures[0]!.DeepClone());
        return CanonicalJson.Serialize(envelope);
    }

    /// <summary>Adds a copy of <paramref name="keyId"/>'s signature under <paramref name="alias"/>.</summary>
    public static byte[] CopySignatureUnder(byte[] file, string keyId, string alias)
    {
        var envelope = Parse(file);
        var signatures = (JsonArray)envelope["signatures"]!;
        var original = signatures.Single(s => (string?)s!["keyid"] == keyId)!;
        signatures.Add(new JsonObject { ["keyid"] = alias, ["sig"] = original["sig"]!.DeepClone() });
        return CanonicalJson.Serialize(envelope);
    }

    /// <summary>
    /// Inserts raw JSON text at the start of the "signed" object, e.g. <c>"version":99,</c> to give a key twice:
    /// parsers that keep the first and parsers that keep the last would read different metadata.
    /// </summary>
    public static byte[] InsertIntoSigned(byte[] file, string members)
    {
        var marker = "\"signed\":{"u8;
        var at = file.AsSpan().IndexOf(marker) + marker.Length;
        return [.. file[..at], .. System.Text.Encoding.UTF8.GetBytes(members), .. file[at..]];
    }

    /// <summary>
    /// Changes one hex digit of the first signature: the same length, still valid JSON, another hash. A client
    /// that checks the hash first reports a mismatch; one that skips it reports a bad signature instead.
    /// </summary>
    public static byte[] ChangeOneSignatureDigit(byte[] file)
    {
        var copy = file.ToArray();
        var at = copy.AsSpan().IndexOf("\"sig\":\""u8) + "\"sig\":\"".Length;
        copy[at] = copy[at] == (byte)'0' ? (byte)'1' : (byte)'0';
        return copy;
    }

    private static JsonObject Parse(byte[] file) => (JsonObject)JsonNode.Parse(file)!;
}
