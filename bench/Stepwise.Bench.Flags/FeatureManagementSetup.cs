using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;

namespace Stepwise.Bench.Flags;

/// <summary>Microsoft.FeatureManagement with an in-memory configuration: one flag, Microsoft.Targeting at 50%.</summary>
internal static class FeatureManagementSetup
{
    public const string FeatureName = "DarkMode";

    public static ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["feature_management:feature_flags:0:id"] = FeatureName,
            ["feature_management:feature_flags:0:enabled"] = "true",
            ["feature_management:feature_flags:0:conditions:client_filters:0:name"] = "Microsoft.Targeting",
            ["feature_management:feature_flags:0:conditions:client_filters:0:parameters:Audience:DefaultRolloutPercentage"] = "50",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        // Microsoft.Targeting with an explicit TargetingContext is served by the built-in contextual targeting filter.
        services.AddFeatureManagement();
        return services.BuildServiceProvider();
    }
}
