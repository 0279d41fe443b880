using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace UpdateServer.Packaging.Canonical;

/// <summary>
/// Canonical JSON as the TUF specification and securesystemslib define it: object keys sorted by Unicode
/// code point, no insignificant whitespace, strings escaping only <c>"</c> and <c>\</c> (every other
/// character written as raw UTF-8), integers only (no fractions, no exponents), booleans and null.
/// This is deliberately not RFC 8785 and not System.Text.Json's default output.
/// </summary>
public static class CanonicalJson
{
    /// <summary>Serializes <paramref name="node"/> canonically.</summary>
    /// <exception cref="CanonicalJsonException">The tree holds a non-integer number or an unpaired surrogate.</exception>
    public static byte[] Serialize(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        Write(node, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes <paramref name="node"/> canonically to <paramref name="output"/>.</summary>
    /// <exception cref="CanonicalJsonException">The tree holds a non-integer number or an unpaired surrogate.</exception>
    public static void Write(JsonNode? node, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        WriteNode(node, output);
    }

    private static void WriteNode(JsonNode? node, IBufferWriter<byte> output)
    {
        switch (node)
        {
            case null:
                WriteAscii("null", output);
                break;
            case JsonObject obj:
                WriteObject(obj, output);
                break;
            case JsonArray array:
                output.Write("["u8);
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        output.Write(","u8);
                    }

                    WriteNode(array[i], output);
                }

                output.Write("]"u8);
                break;
            case JsonValue value:
                WriteValue(value, output);
                break;
            default:
                throw new CanonicalJsonException($"Unsupported JSON node {node.GetType().Name}.");
        }
    }

    private static void WriteObject(JsonObject obj, IBufferWriter<byte> output)
    {
        // Sorting the UTF-8 encodings byte-wise orders the keys by code point, which is what
        // securesystemslib (Python's sorted() on str) does; UTF-16 ordinal order differs above U+FFFF.
        var entries = new List<(byte[] Key, JsonNode? Value)>(obj.Count);
        foreach (var (key, value) in obj)
        {
            entries.Add((EncodeStrict(key), value));
        }

        entries.Sort(static (a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
        output.Write("{"u8);
        for (var i = 0; i < entries.Count; i++)
        {
            if (i > 0)
            {
                output.Write(","u8);
            }

            WriteString(entries[i].Key, output);
            output.Write(":"u8);
            WriteNode(entries[i].Value, output);
        }

        output.Write("}"u8);
    }

    private static void WriteValue(JsonValue value, IBufferWriter<byte> output)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(EncodeStrict(value.GetValue<string>()), output);
                break;
            case JsonValueKind.True:
                WriteAscii("true", output);
                break;
            case JsonValueKind.False:
                WriteAscii("false", output);
                break;
            case JsonValueKind.Null:
                WriteAscii("null", output);
                break;
            case JsonValueKind.Number:
                WriteAscii(IntegerText(value), output);
                break;
            default:
                throw new CanonicalJsonException($"Unsupported JSON value kind {value.GetValueKind()}.");
        }
    }

    private static string IntegerText(JsonValue value)
    {
        if (value.TryGetValue<long>(out var l))
        {
            return l.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (value.TryGetValue<int>(out var i))
        {
            return i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (value.TryGetValue<ulong>(out var ul))
        {
            return ul.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (value.TryGetValue<JsonElement>(out var element) && StrictJson.IsIntegerToken(element.GetRawText()))
        {
            return element.GetRawText();
        }

        throw new CanonicalJsonException("Canonical JSON allows integers only; found a non-integer number.");
    }

    private static void WriteString(ReadOnlySpan<byte> utf8, IBufferWriter<byte> output)
    {
        output.Write("\""u8);
        var start = 0;
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] is (byte)'"' or (byte)'\\')
            {
                output.Write(utf8[start..i]);
                output.Write("\\"u8);
                start = i;
            }
        }

        output.Write(utf8[start..]);
        output.Write("\""u8);
    }

    private static byte[] EncodeStrict(string text)
    {
        try
        {
            return StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new CanonicalJsonException("A string holds an unpaired UTF-16 surrogate.", e);
        }
    }

    private static void WriteAscii(string text, IBufferWriter<byte> output) => output.Write(Encoding.ASCII.GetBytes(text));

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
