using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Stepwise.Api;
using Stepwise.Delivery.Model;
using Stepwise.Delivery.Ofrep;
using Stepwise.Delivery.Payload;
using Stepwise.Delivery.Rollouts;
using Xunit;

namespace Stepwise.Tests.Delivery;

public sealed class RolloutRulesTests
{
    [Theory]
    [InlineData(new[] { 0.01, 0.05, 0.10, 0.25, 0.50, 0.99 }, 0.01, true)]
    [InlineData(new[] { 0.5, 1.0 }, 0.0, true)]
    [InlineData(new[] { 0.1, 0.05 }, 0.01, false)]
    [InlineData(new[] { 0.1, 0.1 }, 0.01, false)]
    [InlineData(new[] { 0.5, 1.0 }, 0.01, false)]
    [InlineData(new[] { 0.0, 0.5 }, 0.01, false)]
    [InlineData(new double[0], 0.01, false)]
    [InlineData(new[] { 0.5 }, 0.6, false)]
    public void Stages_MustRiseAndFitBesideTheHoldback(double[] stages, double holdback, bool valid)
    {
        var errors = new FieldErrors();
        RolloutService.CheckStages(stages, holdback, errors);
        Assert.Equal(valid, !errors.Any);
    }

    [Fact]
    public void IncludedRange_StartsAfterTheHoldback_AndCoversEverythingOnceReleased()
    {
        var plan = new RolloutPlan { Value = "true", Seed = "s", Status = RolloutStatus.Running, CurrentStage = 2 };
        Assert.Equal((0.01, 0.11), (Math.Round(plan.IncludedRange.Start, 9), Math.Round(plan.IncludedRange.End, 9)));
        plan.CurrentStage = 5;
        plan.Status = RolloutStatus.Released;
        Assert.Equal(1.0, plan.IncludedRange.End, 9);
        plan.HoldbackReleased = true;
        Assert.Equal((0.0, 1.0), plan.IncludedRange);
        Assert.Equal(1, plan.CurrentShare);
    }

    [Fact]
    public void RateLimiter_RefusesBeyondTheLimit_AndRecoversNextSecond()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var limiter = new SdkRateLimiter(Options.Create(new DeliveryOptions { OfrepRequestsPerSecond = 3 }), time);
        Assert.True(limiter.TryAcquire("k", out _));
        Assert.True(limiter.TryAcquire("k", out _));
        Assert.True(limiter.TryAcquire("k", out _));
        Assert.False(limiter.TryAcquire("k", out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(1), retryAfter);
        Assert.True(limiter.TryAcquire("other", out _));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.TryAcquire("k", out _));
    }
}
