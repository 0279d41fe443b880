namespace UpdateServer.Server.Configuration;

/// <summary>The relational databases the server runs on (<c>Storage:Database</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>A SQLite file in the data directory: one instance, nothing to install.</summary>
    Sqlite,

    /// <summary>PostgreSQL through Npgsql: any number of instances share it.</summary>
    PostgreSql,
}
