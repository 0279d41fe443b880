using System.ComponentModel.DataAnnotations;

namespace UpdateServer.Server.Configuration;

/// <summary>Bulletins: size caps, paging, and how the server names itself in CSAF and Atom. Section <c>Bulletins</c>.</summary>
public sealed class BulletinOptions
{
    public const string Section = "Bulletins";

    /// <summary><c>Bulletins:MaxDocumentBytes</c>: the largest bulletin document accepted by publish (default 256 KiB, the format's own cap).</summary>
    [Range(1024, Packaging.Bulletins.BulletinJson.MaxDocumentBytes, ErrorMessage = "Bulletins:MaxDocumentBytes must be between 1024 and 262144.")]
    public int MaxDocumentBytes { get; set; } = Packaging.Bulletins.BulletinJson.MaxDocumentBytes;

    /// <summary><c>Bulletins:MaxPageSize</c>: the most bulletins one OData page or Atom feed returns (<c>$top</c> above it is refused).</summary>
    [Range(1, 1000, ErrorMessage = "Bulletins:MaxPageSize must be between 1 and 1000.")]
    public int MaxPageSize { get; set; } = 100;

    /// <summary><c>Bulletins:PublisherName</c>: the CSAF provider's name (the operator of this server).</summary>
    [Required(ErrorMessage = "Bulletins:PublisherName is required.")]
    [StringLength(200, MinimumLength = 1, ErrorMessage = "Bulletins:PublisherName must be 1 to 200 characters.")]
    public string PublisherName { get; set; } = "UpdateServer";

    /// <summary><c>Bulletins:PublisherNamespace</c>: the CSAF publisher namespace, an https URL naming the operator.</summary>
    [Required(ErrorMessage = "Bulletins:PublisherNamespace is required.")]
    [Url(ErrorMessage = "Bulletins:PublisherNamespace must be an absolute URL.")]
    public string PublisherNamespace { get; set; } = "https://updates.example";

    /// <summary>
    /// <c>Bulletins:PublicBaseUrl</c>: the base URL clients reach the server at, for absolute links in CSAF and Atom;
    /// empty to use the request's own scheme and host.
    /// </summary>
    [Url(ErrorMessage = "Bulletins:PublicBaseUrl must be an absolute URL.")]
    public string? PublicBaseUrl { get; set; }
}
