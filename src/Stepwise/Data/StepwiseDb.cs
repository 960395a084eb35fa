using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Stepwise.Auditing;
using Stepwise.Delivery.Model;
using Stepwise.Identity;
using Stepwise.Organization;

namespace Stepwise.Data;

/// <summary>The one DbContext of the product. Each module owns its entity configurations under <c>Data/Configurations</c>.</summary>
public sealed class StepwiseDb(DbContextOptions<StepwiseDb> options)
    : IdentityDbContext<StepwiseUser, StepwiseRole, Guid>(options)
{
    public DbSet<Person> People => Set<Person>();
    public DbSet<OrgUnit> Units => Set<OrgUnit>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<ReportingLine> ReportingLines => Set<ReportingLine>();
    public DbSet<Transition> Transitions => Set<Transition>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<PersonalAccessToken> AccessTokens => Set<PersonalAccessToken>();
    public DbSet<DeliveryEnvironment> Environments => Set<DeliveryEnvironment>();
    public DbSet<SdkKey> SdkKeys => Set<SdkKey>();
    public DbSet<Flag> Flags => Set<Flag>();
    public DbSet<FlagEnvironment> FlagEnvironments => Set<FlagEnvironment>();
    public DbSet<Segment> Segments => Set<Segment>();
    public DbSet<Layer> Layers => Set<Layer>();
    public DbSet<Holdout> Holdouts => Set<Holdout>();
    public DbSet<RolloutPlan> RolloutPlans => Set<RolloutPlan>();
    public DbSet<Experiment> Experiments => Set<Experiment>();
    public DbSet<Events.Metrics.ProductMetric> Metrics => Set<Events.Metrics.ProductMetric>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(StepwiseDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no type that orders instants; binary ticks keep ORDER BY and range queries correct.
        if (Database.IsSqlite())
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
