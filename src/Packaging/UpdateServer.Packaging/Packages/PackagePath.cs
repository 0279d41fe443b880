using System.Text;

namespace UpdateServer.Packaging.Packages;

/// <summary>
/// The rules for entry paths inside a package: relative, <c>/</c>-separated, first segment <c>payload</c> or
/// <c>hooks</c> followed by at least one more, no empty, <c>.</c> or <c>..</c> segment, no backslash, no NUL or
/// other control character, valid Unicode, at most <see cref="PackageManifest.MaxPathBytes"/> UTF-8 bytes.
/// These rules make every path safe to join under an extraction folder on its own, before any other check.
/// </summary>
internal static class PackagePath
{
    public const string PayloadRoot = "payload";
    public const string HooksRoot = "hooks";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Returns null when <paramref name="path"/> is a valid entry path, else why it is not (a phrase to follow the path).</summary>
    public static string? FindProblem(string path)
    {
        var textProblem = FindTextProblem(path);
        if (textProblem is not null)
        {
            return textProblem;
        }

        if (path.StartsWith('/'))
        {
            return "is absolute";
        }

        var segments = path.Split('/');
        foreach (var segment in segments)
        {
            switch (segment)
            {
                case "":
                    return "has an empty segment";
                case ".":
                    return "has a \".\" segment";
                case "..":
                    return "has a \"..\" segment";
            }
        }

        if (segments.Length < 2 || (segments[0] != PayloadRoot && segments[0] != HooksRoot))
        {
            return "is not under payload/ or hooks/";
        }

        return null;
    }

    /// <summary>Checks what any path or link target must satisfy: non-empty, bounded, valid Unicode, no backslash or control character.</summary>
    public static string? FindTextProblem(string text)
    {
        if (text.Length == 0)
        {
            return "is empty";
        }

        int byteCount;
        try
        {
            byteCount = StrictUtf8.GetByteCount(text);
        }
        catch (EncoderFallbackException)
        {
            return "is not valid Unicode";
        }

        if (byteCount > PackageManifest.MaxPathBytes)
        {
            return $"is longer than {PackageManifest.MaxPathBytes} UTF-8 bytes";
        }

        foreach (var c in text)
        {
            if (c == '\\')
            {
                return "contains a backslash";
            }

            if (char.IsControl(c))
            {
                return "contains a NUL or control character";
            }
        }

        return null;
    }

    /// <summary>
    /// Quotes a value taken from a package for an error message: control characters become <c>\uXXXX</c> and
    /// long values are cut, so hostile names cannot forge log lines or bloat responses.
    /// </summary>
    public static string Quote(string? text)
    {
        const int MaxShown = 200;
        if (text is null)
        {
            return "null";
        }

        var builder = new StringBuilder("\"");
        foreach (var c in text.Length > MaxShown ? text[..MaxShown] : text)
        {
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c);
        }

        return builder.Append(text.Length > MaxShown ? "\"…" : "\"").ToString();
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or lies below it.</summary>
    public static bool IsUnder(string path, string root) =>
        path.Length > root.Length + 1 && path.StartsWith(root, StringComparison.Ordinal) && path[root.Length] == '/';

    /// <summary>The folder part of <paramref name="path"/> ("" for a top-level name).</summary>
    public static string ParentOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..slash];
    }

    /// <summary>
    /// Orders paths by their UTF-8 bytes, which is Unicode code point order. <see cref="string.CompareOrdinal(string, string)"/>
    /// compares UTF-16 code units and sorts supplementary characters before U+E000–U+FFFF, so it is not used.
    /// </summary>
    public static int CompareUtf8(string? left, string? right)
    {
        if (left is null || right is null)
        {
            return left is null ? (right is null ? 0 : -1) : 1;
        }

        var a = left.EnumerateRunes();
        var b = right.EnumerateRunes();
        while (true)
        {
            var hasA = a.MoveNext();
            var hasB = b.MoveNext();
            if (!hasA || !hasB)
            {
                return hasA ? 1 : hasB ? -1 : 0;
            }

            var order = a.Current.Value.CompareTo(b.Current.Value);
            if (order != 0)
            {
                return order;
            }
        }
    }

    /// <summary>An <see cref="IComparer{T}"/> over <see cref="CompareUtf8"/>.</summary>
    public static IComparer<string> Utf8Order { get; } = Comparer<string>.Create(CompareUtf8);
}
