using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace UpdateServer.Server.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the server.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<UpdateServerDbContext>
{
    public UpdateServerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<UpdateServerDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
