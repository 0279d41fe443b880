namespace UpdateServer.Server.Problems;

/// <summary>
/// The stable <c>type</c> URIs of every problem the server reports (RFC 9457). Clients branch on these, never
/// on titles or details, so a value here never changes once released.
/// </summary>
public static class ProblemTypes
{
    private const string Prefix = "urn:updateserver:problem:";

    public const string InvalidRequest = Prefix + "invalid-request";
    public const string NotFound = Prefix + "not-found";
    public const string RangeNotSatisfiable = Prefix + "range-not-satisfiable";
    public const string PayloadTooLarge = Prefix + "payload-too-large";
    public const string InvalidApiKey = Prefix + "invalid-api-key";
    public const string VendorMismatch = Prefix + "vendor-mismatch";
    public const string UnknownVendor = Prefix + "unknown-vendor";
    public const string MalformedMetadata = Prefix + "malformed-metadata";
    public const string SignatureThresholdNotMet = Prefix + "signature-threshold-not-met";
    public const string PathOutsideNamespace = Prefix + "path-outside-namespace";
    public const string MetadataVersionConflict = Prefix + "metadata-version-conflict";
    public const string MetadataExpired = Prefix + "metadata-expired";
    public const string DelegationNotAllowed = Prefix + "delegation-not-allowed";
    public const string ResignRequired = Prefix + "resign-required";
    public const string TargetImmutable = Prefix + "target-immutable";
    public const string PackageMissing = Prefix + "package-missing";
    public const string PackageUnreferenced = Prefix + "package-unreferenced";
    public const string PackageMismatch = Prefix + "package-mismatch";
    public const string PackageInvalid = Prefix + "package-invalid";
    public const string ReleaseFactsInvalid = Prefix + "release-facts-invalid";
    public const string RepositoryNotInitialized = Prefix + "repository-not-initialized";
    public const string Conflict = Prefix + "conflict";
    public const string RateLimited = Prefix + "rate-limited";
    public const string RepositoryImportRefused = Prefix + "repository-import-refused";
    public const string LifecycleTransitionInvalid = Prefix + "lifecycle-transition-invalid";
    public const string BulletinInvalid = Prefix + "bulletin-invalid";
    public const string BulletinRevisionConflict = Prefix + "bulletin-revision-conflict";
    public const string InvalidQuery = Prefix + "invalid-query";
    public const string PreconditionFailed = Prefix + "precondition-failed";
}
