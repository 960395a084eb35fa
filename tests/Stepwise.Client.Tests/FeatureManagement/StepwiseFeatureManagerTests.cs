using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using Stepwise.Client.Tests.Events;
using Stepwise.Client.Tests.Infrastructure;
using Stepwise.Client.FeatureManagement;
using Stepwise.Flags.Evaluation;

namespace Stepwise.Client.Tests.FeatureManagement;

public sealed class StepwiseFeatureManagerTests
{
    private static async Task<(ServiceProvider Services, StepwiseClient Client)> Build()
    {
        var setup = new EventClientFactory();
        setup.Handler.Payload = TestPayloads.Experiment;
        var client = setup.Create();
        await client.StartAsync();
        var services = new ServiceCollection();
        services.AddSingleton<IStepwiseClient>(client);
        services.AddFeatureManagement();
        services.AddStepwiseFeatureManagement(o => o.ClaimAttributes["country"] = "country");
        return (services.BuildServiceProvider(), client);
    }

    [Fact]
    public async Task Registration_ReplacesEveryFeatureManagerInterface()
    {
        var (services, client) = await Build();
        await using var _ = client;
        using var __ = services;

        var manager = services.GetRequiredService<StepwiseFeatureManager>();
        Assert.Same(manager, services.GetRequiredService<IFeatureManager>());
        Assert.Same(manager, services.GetRequiredService<IFeatureManagerSnapshot>());
        Assert.Same(manager, services.GetRequiredService<IVariantFeatureManager>());
        Assert.Same(manager, services.GetRequiredService<IVariantFeatureManagerSnapshot>());
    }

    [Fact]
    public async Task IsEnabledAndVariant_TargetingContext_MatchStepwiseEvaluation()
    {
        var (services, client) = await Build();
        await using var _ = client;
        using var __ = services;
        var features = services.GetRequiredService<IVariantFeatureManager>();

        Assert.True(await features.IsEnabledAsync("flag"));
        Assert.False(await features.IsEnabledAsync("missing"));
        Assert.Null(await features.GetVariantAsync("missing", new TargetingContext { UserId = "u-1" }, default));
        for (var i = 0; i < 20; i++)
        {
            var id = $"u-{i}";
            var variant = await features.GetVariantAsync("button", new TargetingContext { UserId = id }, default);
            var expected = client.EvalFeature("button", new EvaluationContext { Attributes = JsonSerializer.SerializeToElement(new { id }) });
            Assert.Equal(expected.ExperimentResult!.Key, variant.Name);
            Assert.Equal(expected.Value.GetString(), variant.Configuration.Value);
        }
    }

    [Fact]
    public async Task AmbientUser_ClaimsBecomeAttributes()
    {
        var (services, client) = await Build();
        await using var _ = client;
        using var __ = services;
        var http = services.GetRequiredService<IHttpContextAccessor>();
        http.HttpContext = new DefaultHttpContext
        {
            User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new System.Security.Claims.Claim("sub", "u-9"), new System.Security.Claims.Claim("country", "NL")], "test")),
        };

        var unit = services.GetRequiredService<IStepwiseContextAccessor>().GetContext();
        var variant = await services.GetRequiredService<IVariantFeatureManagerSnapshot>().GetVariantAsync("button", default);

        Assert.Equal("u-9", unit.Attributes.GetProperty("id").GetString());
        Assert.Equal("NL", unit.Attributes.GetProperty("country").GetString());
        Assert.Same(unit, services.GetRequiredService<IStepwiseContextAccessor>().GetContext());
        Assert.Equal(client.EvalFeature("button", unit).ExperimentResult!.Key, variant.Name);
    }

    [Fact]
    public void Variant_ObjectValue_FlattenedIntoConfiguration()
    {
        var section = StepwiseVariants.ToConfiguration(JsonElement.Parse("""{ "limit": 3, "colors": ["red", "blue"], "on": true }"""));

        Assert.Equal("3", section["limit"]);
        Assert.Equal("blue", section["colors:1"]);
        Assert.Equal("true", section["on"]);
    }
}
