using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Stepwise.Data;

namespace Stepwise.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for SQLite without starting the server.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<StepwiseDb>
{
    public StepwiseDb CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<StepwiseDb>();
        DataServiceCollectionExtensions.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=design-time.db" });
        return new StepwiseDb(builder.Options);
    }
}
