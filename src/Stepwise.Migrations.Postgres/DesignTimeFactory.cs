using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Stepwise.Data;

namespace Stepwise.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for PostgreSQL; no server is contacted.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<StepwiseDb>
{
    public StepwiseDb CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<StepwiseDb>();
        DataServiceCollectionExtensions.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=localhost;Database=stepwise_design" });
        return new StepwiseDb(builder.Options);
    }
}
