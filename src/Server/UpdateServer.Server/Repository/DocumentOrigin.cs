namespace UpdateServer.Server.Repository;

/// <summary>Where offered repository documents come from, which decides what an older document means.</summary>
public enum DocumentOrigin
{
    /// <summary>
    /// The repository folder, read at every start. Once imported, the database is authoritative: the folder may still
    /// hold the files deployed before a push, so an older or equal document there is simply nothing new.
    /// </summary>
    Folder,

    /// <summary>
    /// <c>upkg repo push</c>: the operator means to change the repository, so an older document (or another one with
    /// the same version) is refused rather than ignored.
    /// </summary>
    Push,
}
