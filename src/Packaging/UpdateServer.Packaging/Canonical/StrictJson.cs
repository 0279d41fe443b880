using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace UpdateServer.Packaging.Canonical;

/// <summary>
/// Parses JSON that will be verified or signed: duplicate keys, non-integer numbers, integers outside
/// <see cref="long"/>, invalid strings, comments and trailing commas are all refused, so that what is
/// verified is exactly what every other parser would read (no parser differentials).
/// </summary>
public static class StrictJson
{
    /// <summary>Nesting allowed in metadata and manifests; real documents stay far below it.</summary>
    public const int MaxDepth = 64;

    /// <summary>Parses <paramref name="utf8"/> into a node tree.</summary>
    /// <exception cref="CanonicalJsonException">The bytes are not strict JSON.</exception>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            throw new CanonicalJsonException("The document is empty.");
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            MaxDepth = MaxDepth,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        });
        try
        {
            if (!reader.Read())
            {
                throw new CanonicalJsonException("The document is empty.");
            }

            var node = ReadValue(ref reader);
            if (reader.Read())
            {
                throw new CanonicalJsonException("Unexpected data after the JSON value.");
            }

            return node;
        }
        catch (JsonException e)
        {
            throw new CanonicalJsonException($"Malformed JSON: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new CanonicalJsonException($"Malformed JSON string: {e.Message}", e);
        }
    }

    /// <summary>Parses <paramref name="utf8"/> and requires an object at the top.</summary>
    /// <exception cref="CanonicalJsonException">The bytes are not a strict JSON object.</exception>
    public static JsonObject ParseObject(ReadOnlySpan<byte> utf8) =>
        Parse(utf8) as JsonObject ?? throw new CanonicalJsonException("Expected a JSON object.");

    /// <summary>True when <paramref name="token"/> is a JSON integer: an optional minus and digits only.</summary>
    public static bool IsIntegerToken(ReadOnlySpan<char> token)
    {
        if (token.StartsWith("-"))
        {
            token = token[1..];
        }

        if (token.IsEmpty)
        {
            return false;
        }

        foreach (var c in token)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static JsonNode? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return ReadObject(ref reader);
            case JsonTokenType.StartArray:
                var array = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    array.Add(ReadValue(ref reader));
                }

                return array;
            case JsonTokenType.String:
                return JsonValue.Create(reader.GetString()!);
            case JsonTokenType.Number:
                return JsonValue.Create(ReadInteger(ref reader));
            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            case JsonTokenType.Null:
                return null;
            default:
                throw new CanonicalJsonException($"Unexpected JSON token {reader.TokenType}.");
        }
    }

    private static JsonObject ReadObject(ref Utf8JsonReader reader)
    {
        var obj = new JsonObject();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            if (obj.ContainsKey(name))
            {
                throw new CanonicalJsonException($"Duplicate key \"{name}\".");
            }

            reader.Read();
            obj[name] = ReadValue(ref reader);
        }

        return obj;
    }

    private static long ReadInteger(ref Utf8JsonReader reader)
    {
        var span = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
        var text = System.Text.Encoding.ASCII.GetString(span);
        if (!IsIntegerToken(text))
        {
            throw new CanonicalJsonException($"Only integers are allowed; found {text}.");
        }

        if (!reader.TryGetInt64(out var value))
        {
            throw new CanonicalJsonException($"Integer {text} is out of range.");
        }

        return value;
    }
}
