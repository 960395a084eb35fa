using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Stepwise.Careers.Simulations;
using Stepwise.Organization;

namespace Stepwise.Data.Configurations;

internal sealed class StepSimulationConfiguration : IEntityTypeConfiguration<StepSimulation>
{
    public void Configure(EntityTypeBuilder<StepSimulation> simulation)
    {
        simulation.ToTable("StepSimulations");
        simulation.Property(s => s.Name).HasMaxLength(SimulationService.MaxName);
        simulation.Property(s => s.CreatedBy).HasMaxLength(320);
        simulation.HasIndex(s => s.CreatedAt);
    }
}

internal sealed class SimulationEstimateConfiguration : IEntityTypeConfiguration<SimulationEstimate>
{
    public void Configure(EntityTypeBuilder<SimulationEstimate> estimate)
    {
        estimate.ToTable("SimulationEstimates");
        estimate.HasOne<StepSimulation>().WithMany().HasForeignKey(e => e.SimulationId).OnDelete(DeleteBehavior.Cascade);
        estimate.HasOne<Person>().WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Cascade);
        estimate.Property(e => e.EstimatedBy).HasMaxLength(320);
        estimate.HasIndex(e => new { e.SimulationId, e.PersonId }).IsUnique();
        estimate.HasIndex(e => new { e.SimulationId, e.ManagerId });
    }
}
