using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using Stepwise.Client;
using Stepwise.Flags.Evaluation;
using Stepwise.Flags.Features;
using Stepwise.Flags.Hashing;

namespace Stepwise.Bench.Flags;

/// <summary>
/// One unit, one boolean flag: a three-condition targeting rule plus a 50% rollout in Stepwise, and the equivalent
/// 50% Microsoft.Targeting allocation in Microsoft.FeatureManagement (which has no attribute conditions).
/// </summary>
[MemoryDiagnoser]
public class FlagEvaluationBenchmarks
{
    private const string UnitId = "user-123";

    private FlagEvaluator _evaluator = null!;
    private EvaluationContext _context = null!;
    private ServiceProvider _services = null!;
    private IFeatureManager _featureManager = null!;
    private TargetingContext _targeting = null!;
    private StepwiseClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _evaluator = new FlagEvaluator(FeaturePayload.Parse(BenchPayloads.Json));
        _context = new EvaluationContext { Attributes = JsonElement.Parse(BenchPayloads.Attributes) };
        _services = FeatureManagementSetup.Build();
        _featureManager = _services.GetRequiredService<IFeatureManager>();
        _targeting = new TargetingContext { UserId = UnitId };
        _client = SdkSetup.StartClient();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _client.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "FNV-1a of the unit id (floor)")]
    public uint Fnv1aHash() => Fnv1a.Hash(UnitId);

    [Benchmark(Baseline = true, Description = "Stepwise: targeting (3 conditions) + 50% rollout")]
    public bool StepwiseTargetedRollout() => _evaluator.IsOn(BenchPayloads.TargetedRolloutKey, _context);

    [Benchmark(Description = "Stepwise: experiment in a layer (namespace)")]
    public JsonElement StepwiseExperimentInLayer() => _evaluator.EvalFeature(BenchPayloads.LayeredExperimentKey, _context).Value;

    [Benchmark(Description = "Stepwise.Client SDK: same flag (IsOn)")]
    public bool SdkTargetedRollout() => _client.IsOn(BenchPayloads.TargetedRolloutKey, _context);

    [Benchmark(Description = "FeatureManagement: Microsoft.Targeting 50%")]
    public Task<bool> FeatureManagementTargeting() => _featureManager.IsEnabledAsync(FeatureManagementSetup.FeatureName, _targeting);
}
