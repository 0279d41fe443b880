using UpdateServer.Packaging.Packages;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;
using UpdateServer.Updater.Checking;
using UpdateServer.Updater.Hooks;
using UpdateServer.Updater.Installing;

namespace UpdateServer.Updater.Updating;

/// <summary>Stable error codes for reports, one per kind of failure; a failed hook is <c>&lt;phase&gt;-failed</c>, e.g. <c>health-check-failed</c>.</summary>
public static class FailureCodes
{
    public static string For(Exception exception) => exception switch
    {
        HookFailedException failed => $"{failed.Failed.Phase}-failed",
        DownloadLengthExceededException => "length-exceeded",
        LengthOrHashMismatchException => "hash-mismatch",
        DownloadFailedException or RepositoryFileNotFoundException => "download-failed",
        SignatureThresholdNotMetException => "signature-invalid",
        RollbackAttackException => "rollback-refused",
        ExpiredMetadataException => "metadata-expired",
        TufException => "metadata-invalid",
        PackageException => "package-invalid",
        PackageFactsMismatchException => "facts-mismatch",
        ServerApiException => "server-unreachable",
        IOException or UnauthorizedAccessException => "install-io-error",
        _ => "install-failed",
    };
}
