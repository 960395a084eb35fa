using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Delivery;
using Stepwise.Data;
using Stepwise.Stats;

namespace Stepwise.Events.Metrics;

/// <summary>A metric as the API and the pages show it.</summary>
public sealed record MetricView(
    Guid Id, string Key, string Name, string? Description, MetricKind Kind, string EventName, string? DenominatorEventName,
    int? RetentionDays, Direction Direction, double? GuardrailMargin, int CupedPrePeriodDays,
    Guid? CreatedByPersonId, Guid? CreatedByUserId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static MetricView Of(ProductMetric m) => new(m.Id, m.Key, m.Name, m.Description, m.Kind, m.EventName, m.DenominatorEventName,
        m.RetentionDays, m.Direction, m.GuardrailMargin, m.CupedPrePeriodDays, m.CreatedByPersonId, m.CreatedByUserId, m.CreatedAt, m.UpdatedAt);
}

/// <summary>Creates or replaces a catalogue metric (the key is taken from the route on update).</summary>
public sealed record MetricRequest(
    string? Key, string? Name, string? Description, MetricKind? Kind, string? EventName, string? DenominatorEventName,
    int? RetentionDays, Direction? Direction, double? GuardrailMargin, int? CupedPrePeriodDays);

/// <summary>
/// The metrics catalogue. Everyone signed in reads it and may add metrics; a metric is changed by its author,
/// administrators and leadership (analyses of running experiments depend on it).
/// </summary>
public sealed class MetricService(StepwiseDb db, TimeProvider time)
{
    public const int MaxCupedDays = 90;
    public const int MaxRetentionDays = 365;

    public async Task<IReadOnlyList<MetricView>> ListAsync(CancellationToken ct) =>
        (await db.Metrics.AsNoTracking().OrderBy(m => m.Key).ToListAsync(ct)).Select(MetricView.Of).ToList();

    public async Task<MetricView?> GetAsync(string key, CancellationToken ct) =>
        await db.Metrics.AsNoTracking().FirstOrDefaultAsync(m => m.Key == key, ct) is { } m ? MetricView.Of(m) : null;

    public static bool CanEdit(ClaimsPrincipal user, ProductMetric metric) => CanEdit(user, metric.CreatedByPersonId, metric.CreatedByUserId);

    public static bool CanEdit(ClaimsPrincipal user, Guid? authorPerson, Guid? authorUser) =>
        DeliveryPermissions.IsPrivileged(user)
        || (authorPerson is { } person && person == DeliveryPermissions.PersonOf(user))
        || (authorUser is { } author && author == UserOf(user));

    public async Task<Outcome<MetricView>> CreateAsync(ClaimsPrincipal user, MetricRequest request, CancellationToken ct)
    {
        var key = DeliveryValidation.NormalizeKey(request.Key);
        var errors = Validate(request).Key("key", key);
        if (!errors.Any && await db.Metrics.AnyAsync(m => m.Key == key, ct)) errors.Add("key", $"A metric '{key}' already exists.");
        if (errors.Any) return Outcome<MetricView>.Invalid(errors);
        var now = time.GetUtcNow();
        var metric = new ProductMetric
        {
            Id = Guid.NewGuid(), Key = key, Name = "", EventName = "", CreatedAt = now, UpdatedAt = now,
            CreatedByPersonId = DeliveryPermissions.PersonOf(user), CreatedByUserId = UserOf(user),
        };
        Apply(metric, request);
        db.Metrics.Add(metric);
        await db.SaveChangesAsync(ct);
        return MetricView.Of(metric);
    }

    public async Task<Outcome<MetricView>> UpdateAsync(ClaimsPrincipal user, string key, MetricRequest request, CancellationToken ct)
    {
        var metric = await db.Metrics.FirstOrDefaultAsync(m => m.Key == key, ct);
        if (metric is null) return Outcome<MetricView>.NotFound($"No metric '{key}'.");
        if (!CanEdit(user, metric)) return Outcome<MetricView>.Forbidden("Only the metric's author, administrators and leadership may change it.");
        var errors = Validate(request);
        if (request.Key is { } newKey && DeliveryValidation.NormalizeKey(newKey) != key) errors.Add("key", "A metric's key cannot change; create a new metric instead.");
        if (errors.Any) return Outcome<MetricView>.Invalid(errors);
        Apply(metric, request);
        metric.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return MetricView.Of(metric);
    }

    private static Guid? UserOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    private static void Apply(ProductMetric metric, MetricRequest request)
    {
        metric.Name = request.Name!.Trim();
        metric.Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        metric.Kind = request.Kind!.Value;
        metric.EventName = request.EventName!.Trim();
        metric.DenominatorEventName = metric.Kind == MetricKind.Ratio ? request.DenominatorEventName!.Trim() : null;
        metric.RetentionDays = metric.Kind == MetricKind.Retention ? request.RetentionDays : null;
        metric.Direction = request.Direction ?? Direction.Increase;
        metric.GuardrailMargin = request.GuardrailMargin;
        metric.CupedPrePeriodDays = request.CupedPrePeriodDays ?? 0;
    }

    /// <summary>Every problem with the request at once, by field.</summary>
    public static FieldErrors Validate(MetricRequest request)
    {
        var errors = new FieldErrors().Require("name", request.Name, 200).Limit("description", request.Description, 4000)
            .Require("eventName", request.EventName, 200);
        if (request.Kind is null) errors.Add("kind", "'kind' is required: conversion, mean, sum, ratio or retention.");
        if (request.Kind == MetricKind.Ratio)
        {
            errors.Require("denominatorEventName", request.DenominatorEventName, 200);
        }
        else if (!string.IsNullOrWhiteSpace(request.DenominatorEventName))
        {
            errors.Add("denominatorEventName", "Only ratio metrics have a denominator event.");
        }
        if (request.Kind == MetricKind.Retention)
        {
            if (request.RetentionDays is not (>= 1 and <= MaxRetentionDays)) errors.Add("retentionDays", $"Retention needs a day N between 1 and {MaxRetentionDays}.");
        }
        else if (request.RetentionDays is not null)
        {
            errors.Add("retentionDays", "Only retention metrics have a day N.");
        }
        if (request.GuardrailMargin is { } margin && !(margin > 0 && margin <= 1))
            errors.Add("guardrailMargin", "The guardrail margin is a relative worsening between 0 and 1 (0.02 = 2%).");
        if (request.CupedPrePeriodDays is { } days && days is < 0 or > MaxCupedDays)
            errors.Add("cupedPrePeriodDays", $"The CUPED pre-period is 0 (off) to {MaxCupedDays} days.");
        if (request.CupedPrePeriodDays > 0 && request.Kind is MetricKind.Mean or MetricKind.Ratio)
            errors.Add("cupedPrePeriodDays", "CUPED applies to conversion, sum and retention metrics; a mean or ratio is analysed with the delta method.");
        return errors;
    }
}
