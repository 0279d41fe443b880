using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace UpdateServer.Server.Webhooks;

/// <summary>
/// The signature header of a delivery: <c>sha256=</c> and the lowercase hex HMAC-SHA256, keyed with the endpoint's
/// secret, of <c>&lt;timestamp&gt;.&lt;body&gt;</c>. The timestamp (Unix seconds, header <c>X-UpdateServer-Timestamp</c>) is
/// signed too, so a receiver can refuse replays of old deliveries.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-UpdateServer-Signature";
    public const string TimestampHeader = "X-UpdateServer-Timestamp";
    public const string EventHeader = "X-UpdateServer-Event";
    public const string DeliveryHeader = "X-UpdateServer-Delivery";

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>True when <paramref name="signature"/> is the one <see cref="Sign"/> gives (compared in constant time).</summary>
    public static bool Verify(string secret, long timestamp, ReadOnlySpan<byte> body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));
}
