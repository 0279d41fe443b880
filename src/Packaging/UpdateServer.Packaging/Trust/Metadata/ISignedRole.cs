using System.Text.Json.Nodes;

namespace UpdateServer.Packaging.Trust;

/// <summary>A "signed" type that can be read from JSON; lets <see cref="Metadata{T}"/> parse generically.</summary>
public interface ISignedRole<TSelf> where TSelf : SignedMetadata, ISignedRole<TSelf>
{
    /// <summary>The expected <c>_type</c>.</summary>
    static abstract string TypeName { get; }

    /// <exception cref="MetadataFormatException">The object is not valid metadata of this type.</exception>
    static abstract TSelf FromJson(JsonObject obj);
}
