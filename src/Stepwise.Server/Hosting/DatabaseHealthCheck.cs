using Microsoft.Extensions.Diagnostics.HealthChecks;
using Stepwise.Data;

namespace Stepwise.Server.Hosting;

/// <summary>Ready means the database answers; a server that cannot reach it should not get traffic.</summary>
public sealed class DatabaseHealthCheck(StepwiseDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy($"{db.Database.ProviderName} is reachable.")
                : HealthCheckResult.Unhealthy($"{db.Database.ProviderName} is not reachable.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database check failed.", e);
        }
    }
}
