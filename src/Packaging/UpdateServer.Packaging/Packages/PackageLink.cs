namespace UpdateServer.Packaging.Packages;

/// <summary>
/// The rule for symlink targets: relative, <c>/</c>-separated, no empty segment, and — resolved from the link's
/// own folder the way the kernel would, following other links of the package — ending inside <c>payload/</c>
/// without ever climbing above the package root. Following sibling links matters: with <c>payload/b → .</c>,
/// the target <c>b/../x</c> looks like <c>payload/x</c> but really is <c>x</c> beside <c>payload/</c>.
/// Links may dangle (point at a path the package does not hold); they may not escape.
/// </summary>
internal static class PackageLink
{
    /// <summary>How many links one resolution may follow, as Linux's MAXSYMLINKS; more means a loop.</summary>
    private const int MaxHops = 40;

    /// <summary>
    /// Returns null when <paramref name="target"/> is a safe target for the link at <paramref name="linkPath"/>,
    /// else why it is not. <paramref name="links"/> maps the package's other link paths to their targets.
    /// </summary>
    public static string? FindProblem(string linkPath, string target, IReadOnlyDictionary<string, string> links)
    {
        var textProblem = PackagePath.FindTextProblem(target);
        if (textProblem is not null)
        {
            return textProblem;
        }

        if (target.StartsWith('/'))
        {
            return "is absolute";
        }

        if (target.Split('/').Contains(string.Empty))
        {
            return "has an empty segment";
        }

        return Resolve(linkPath, target, links) switch
        {
            Resolution.Escapes => "escapes the package",
            Resolution.Loops => "loops through other links",
            Resolution.OutsidePayload => "resolves outside payload/",
            _ => null,
        };
    }

    private enum Resolution
    {
        InsidePayload,
        OutsidePayload,
        Escapes,
        Loops,
    }

    private static Resolution Resolve(string linkPath, string target, IReadOnlyDictionary<string, string> links)
    {
        var resolved = new List<string>(PackagePath.ParentOf(linkPath).Split('/', StringSplitOptions.RemoveEmptyEntries));
        var pending = new LinkedList<string>(target.Split('/'));
        var hops = 0;
        while (pending.First is { } next)
        {
            pending.RemoveFirst();
            var segment = next.Value;
            if (segment is "." or "")
            {
                continue;
            }

            if (segment == "..")
            {
                if (resolved.Count == 0)
                {
                    return Resolution.Escapes;
                }

                resolved.RemoveAt(resolved.Count - 1);
                continue;
            }

            resolved.Add(segment);
            if (links.TryGetValue(string.Join('/', resolved), out var innerTarget))
            {
                if (++hops > MaxHops)
                {
                    return Resolution.Loops;
                }

                if (innerTarget.StartsWith('/'))
                {
                    return Resolution.Escapes;
                }

                // The link stands for its target, read from the link's own folder.
                resolved.RemoveAt(resolved.Count - 1);
                foreach (var innerSegment in innerTarget.Split('/').Reverse())
                {
                    pending.AddFirst(innerSegment);
                }
            }
        }

        return resolved.Count > 0 && resolved[0] == PackagePath.PayloadRoot ? Resolution.InsidePayload : Resolution.OutsidePayload;
    }
}
