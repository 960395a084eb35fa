using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Data;
using Stepwise.Delivery.Experiments;
using Stepwise.Delivery.Model;

namespace Stepwise.Delivery.Shared;

/// <summary>Environments and their SDK keys, segments, layers and holdouts: objects that many teams' flags share.</summary>
public sealed class SharedObjectsService(StepwiseDb db, TimeProvider time)
{
    private const string PrivilegedOnly = "Only administrators and leadership change shared delivery settings.";

    public async Task<IReadOnlyList<EnvironmentView>> EnvironmentsAsync(CancellationToken ct)
    {
        var environments = await db.Environments.AsNoTracking().OrderBy(e => e.SortOrder).ToListAsync(ct);
        var keys = await db.SdkKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync(ct);
        return environments.Select(e => new EnvironmentView(e.Id, e.Key, e.Name,
            keys.Where(k => k.EnvironmentId == e.Id).Select(k => new SdkKeyView(k.Id, k.Key, k.Name, k.CreatedAt, k.RevokedAt)).ToList())).ToList();
    }

    public async Task<Outcome<SdkKeyView>> CreateSdkKeyAsync(ClaimsPrincipal user, string environment, CreateSdkKeyRequest request, CancellationToken ct)
    {
        if (!DeliveryPermissions.IsPrivileged(user)) return Outcome<SdkKeyView>.Forbidden(PrivilegedOnly);
        var errors = new FieldErrors().Require("name", request.Name, 100);
        if (errors.Any) return Outcome<SdkKeyView>.Invalid(errors);
        var env = await db.Environments.AsNoTracking().FirstOrDefaultAsync(e => e.Key == environment, ct);
        if (env is null) return Outcome<SdkKeyView>.NotFound($"No environment '{environment}'.");
        var key = new SdkKey { Id = Guid.CreateVersion7(time.GetUtcNow()), EnvironmentId = env.Id, Key = NewClientKey(env.Key), Name = request.Name!.Trim(), CreatedAt = time.GetUtcNow() };
        db.SdkKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return new SdkKeyView(key.Id, key.Key, key.Name, key.CreatedAt, key.RevokedAt);
    }

    public async Task<Outcome<SdkKeyView>> RevokeSdkKeyAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        if (!DeliveryPermissions.IsPrivileged(user)) return Outcome<SdkKeyView>.Forbidden(PrivilegedOnly);
        var key = await db.SdkKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null) return Outcome<SdkKeyView>.NotFound("No such SDK key.");
        if (key.RevokedAt is not null) return Outcome<SdkKeyView>.Conflict("The key is already revoked.");
        key.RevokedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return new SdkKeyView(key.Id, key.Key, key.Name, key.CreatedAt, key.RevokedAt);
    }

    /// <summary>A client key: a readable environment prefix and 120 random bits.</summary>
    public static string NewClientKey(string environment) =>
        $"sdk-{environment[..Math.Min(4, environment.Length)]}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(15))}";

    public async Task<IReadOnlyList<SegmentView>> SegmentsAsync(CancellationToken ct) =>
        (await db.Segments.AsNoTracking().OrderBy(s => s.Key).ToListAsync(ct)).Select(ToView).ToList();

    public async Task<Outcome<SegmentView>> SaveSegmentAsync(ClaimsPrincipal user, string? existingKey, SegmentRequest request, CancellationToken ct)
    {
        var key = existingKey ?? DeliveryValidation.NormalizeKey(request.Key);
        var errors = new FieldErrors().Key("key", key).Require("name", request.Name, 200).Limit("description", request.Description, 4000);
        var condition = errors.Condition("condition", request.Condition);
        if (condition is null && !errors.Any) errors.Add("condition", "A segment needs a condition with at least one attribute test.");
        var segment = await db.Segments.FirstOrDefaultAsync(s => s.Key == key, ct);
        if (existingKey is null && segment is not null) errors.Add("key", $"A segment with key '{key}' already exists.");
        if (existingKey is not null && segment is null) return Outcome<SegmentView>.NotFound($"No segment '{existingKey}'.");
        if (errors.Any) return Outcome<SegmentView>.Invalid(errors);
        if (segment is not null && !DeliveryPermissions.CanEditSegment(user, segment))
            return Outcome<SegmentView>.Forbidden("Only the segment's author, administrators and leadership can change it.");
        if (segment is null && DeliveryPermissions.PersonOf(user) is null && !DeliveryPermissions.IsPrivileged(user))
            return Outcome<SegmentView>.Forbidden("Only people in the organization can create segments.");
        segment ??= db.Segments.Add(new Segment { Id = Guid.CreateVersion7(time.GetUtcNow()), Key = key, Name = "", Condition = "{}", CreatedByPersonId = DeliveryPermissions.PersonOf(user) }).Entity;
        segment.Name = request.Name!.Trim();
        segment.Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        segment.Condition = condition!;
        segment.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return ToView(segment);
    }

    public async Task<IReadOnlyList<LayerView>> LayersAsync(CancellationToken ct)
    {
        var layers = await db.Layers.AsNoTracking().OrderBy(l => l.Key).ToListAsync(ct);
        var experiments = await db.Experiments.AsNoTracking().Where(e => e.LayerId != null && e.Status != ExperimentStatus.Stopped).ToListAsync(ct);
        var environments = await db.Environments.AsNoTracking().ToDictionaryAsync(e => e.Id, e => e.Key, ct);
        return layers.Select(l =>
        {
            var mine = experiments.Where(e => e.LayerId == l.Id).OrderBy(e => e.RangeStart ?? 2).ToList();
            var free = mine.Where(e => e.Status == ExperimentStatus.Running).GroupBy(e => e.EnvironmentId)
                .Select(g => LayerAllocator.Free(g.Select(e => (e.RangeStart ?? 0, e.RangeEnd ?? 0)))).DefaultIfEmpty(1).Min();
            return new LayerView(l.Id, l.Key, l.Name, l.Description,
                mine.Select(e => new LayerAllocation(e.Key, environments[e.EnvironmentId], e.Status.ToString().ToLowerInvariant(), e.RangeStart, e.RangeEnd, e.LayerShare)).ToList(),
                free);
        }).ToList();
    }

    public async Task<Outcome<LayerView>> CreateLayerAsync(ClaimsPrincipal user, LayerRequest request, CancellationToken ct)
    {
        if (!DeliveryPermissions.IsPrivileged(user)) return Outcome<LayerView>.Forbidden(PrivilegedOnly);
        var key = DeliveryValidation.NormalizeKey(request.Key);
        var errors = new FieldErrors().Key("key", key).Require("name", request.Name, 200).Limit("description", request.Description, 4000);
        if (key.Length > 0 && await db.Layers.AnyAsync(l => l.Key == key, ct)) errors.Add("key", $"A layer with key '{key}' already exists.");
        if (errors.Any) return Outcome<LayerView>.Invalid(errors);
        var layer = new Layer { Id = Guid.CreateVersion7(time.GetUtcNow()), Key = key, Name = request.Name!.Trim(), Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim() };
        db.Layers.Add(layer);
        await db.SaveChangesAsync(ct);
        return new LayerView(layer.Id, layer.Key, layer.Name, layer.Description, [], 1);
    }

    public async Task<IReadOnlyList<HoldoutView>> HoldoutsAsync(CancellationToken ct)
    {
        var holdouts = await db.Holdouts.AsNoTracking().OrderBy(h => h.Key).ToListAsync(ct);
        var layers = await db.Layers.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Key, ct);
        var environments = await db.Environments.AsNoTracking().ToDictionaryAsync(e => e.Id, e => e.Key, ct);
        return holdouts.Select(h => ToView(h, layers, environments)).ToList();
    }

    public async Task<Outcome<HoldoutView>> SaveHoldoutAsync(ClaimsPrincipal user, string? existingKey, HoldoutRequest request, CancellationToken ct)
    {
        if (!DeliveryPermissions.IsPrivileged(user)) return Outcome<HoldoutView>.Forbidden(PrivilegedOnly);
        var key = existingKey ?? DeliveryValidation.NormalizeKey(request.Key);
        var errors = new FieldErrors().Key("key", key).Require("name", request.Name, 200).Attribute("hashAttribute", request.HashAttribute);
        if (request.Share is not { } share) errors.Add("share", "'share' is required (the share of units held out, e.g. 0.05).");
        else errors.Share("share", share, allowZero: false);
        if (request.Share > 0.5) errors.Add("share", "A holdout keeps at most half of all units out.");
        var holdout = await db.Holdouts.FirstOrDefaultAsync(h => h.Key == key, ct);
        if (existingKey is null && holdout is not null) errors.Add("key", $"A holdout with key '{key}' already exists.");
        if (existingKey is not null && holdout is null) return Outcome<HoldoutView>.NotFound($"No holdout '{existingKey}'.");
        var env = request.Environment is null ? null : await db.Environments.AsNoTracking().FirstOrDefaultAsync(e => e.Key == request.Environment, ct);
        if (request.Environment is not null && env is null) errors.Add("environment", $"No environment '{request.Environment}'.");
        var layers = await db.Layers.AsNoTracking().ToDictionaryAsync(l => l.Key, l => l.Id, ct);
        foreach (var layer in request.Layers ?? [])
            if (!layers.ContainsKey(layer)) errors.Add("layers", $"No layer '{layer}'.");
        if (errors.Any) return Outcome<HoldoutView>.Invalid(errors);
        holdout ??= db.Holdouts.Add(new Holdout { Id = Guid.CreateVersion7(time.GetUtcNow()), Key = key, Name = "" }).Entity;
        holdout.Name = request.Name!.Trim();
        holdout.Share = request.Share!.Value;
        holdout.HashAttribute = request.HashAttribute ?? "id";
        holdout.EnvironmentId = env?.Id;
        holdout.LayerIds = [.. (request.Layers ?? []).Distinct().Select(l => layers[l])];
        holdout.Active = request.Active ?? true;
        await db.SaveChangesAsync(ct);
        return ToView(holdout, layers.ToDictionary(p => p.Value, p => p.Key), await db.Environments.AsNoTracking().ToDictionaryAsync(e => e.Id, e => e.Key, ct));
    }

    private static SegmentView ToView(Segment s) => new(s.Id, s.Key, s.Name, s.Description, System.Text.Json.JsonElement.Parse(s.Condition), s.UpdatedAt, s.CreatedByPersonId);

    private static HoldoutView ToView(Holdout h, Dictionary<Guid, string> layers, Dictionary<Guid, string> environments) => new(
        h.Id, h.Key, h.Name, h.Share, h.HashAttribute, h.EnvironmentId is { } e ? environments[e] : null,
        h.LayerIds.Select(l => layers.GetValueOrDefault(l, "?")).ToList(), h.Active);
}
