using System.Diagnostics.CodeAnalysis;

namespace UpdateServer.Upkg.Repo;

/// <summary>A <c>--vendor NAME=PUBKEY</c> value: the vendor's name (its namespace) and its public key file.</summary>
public sealed record VendorKeySpec(string Name, string PublicKeyFile)
{
    /// <summary>Splits <c>NAME=PATH</c> at the first <c>=</c>; false when either side is empty.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out VendorKeySpec? spec)
    {
        spec = null;
        var separator = text?.IndexOf('=', StringComparison.Ordinal) ?? -1;
        if (separator <= 0 || separator == text!.Length - 1)
        {
            return false;
        }

        spec = new VendorKeySpec(text[..separator], text[(separator + 1)..]);
        return true;
    }
}
