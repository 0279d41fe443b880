using Microsoft.EntityFrameworkCore;

namespace UpdateServer.Server.Data.PostgreSql;

/// <summary>
/// The model on PostgreSQL (Npgsql), for several server instances sharing one database; its migrations are in
/// <c>Migrations/</c> beside this file. Dates are <c>timestamp with time zone</c> and always written in UTC.
/// </summary>
public sealed class PostgreSqlUpdateServerDbContext(DbContextOptions<PostgreSqlUpdateServerDbContext> options) : UpdateServerDbContext(options);
