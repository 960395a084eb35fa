using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Data;
using Stepwise.Delivery.Model;
using Stepwise.Organization;

namespace Stepwise.Delivery.Flags;

/// <summary>Creates and changes flags and their per-environment settings (kill switch, targeting rules).</summary>
public sealed class FlagService(StepwiseDb db, DeliveryPermissions permissions, FlagReader reader, TimeProvider time)
{
    public const int MaxRules = 50;

    public async Task<Outcome<FlagDetails>> CreateAsync(ClaimsPrincipal user, CreateFlagRequest request, CancellationToken ct)
    {
        var key = DeliveryValidation.NormalizeKey(request.Key);
        var errors = new FieldErrors().Key("key", key).Require("name", request.Name, 200).Limit("description", request.Description, 4000);
        var surface = Surface(request.Surface, errors);
        if (request.ValueType is not { } type)
        {
            errors.Add("valueType", "'valueType' is required: boolean, string, number or json.");
            return Outcome<FlagDetails>.Invalid(errors);
        }
        var defaultValue = errors.Value("defaultValue", type, request.DefaultValue ?? (type == FlagValueType.Boolean ? System.Text.Json.JsonElement.Parse("false") : null));
        if (key.Length > 0 && await db.Flags.AnyAsync(f => f.Key == key, ct)) errors.Add("key", $"A flag with key '{key}' already exists.");
        await CheckOwnerAsync(request.OwnerUnitId, errors, ct);
        if (errors.Any) return Outcome<FlagDetails>.Invalid(errors);
        if (!await permissions.CanOwnAsync(user, request.OwnerUnitId, ct))
            return Outcome<FlagDetails>.Forbidden("You can create flags only for a unit you belong to.");

        var now = time.GetUtcNow();
        var flag = new Flag
        {
            Id = Guid.CreateVersion7(now), Key = key, Name = request.Name!.Trim(), Description = Blank(request.Description), ValueType = type,
            DefaultValue = defaultValue!, OwnerUnitId = request.OwnerUnitId, Surface = surface, CreatedAt = now, UpdatedAt = now,
        };
        foreach (var environment in await db.Environments.AsNoTracking().ToListAsync(ct))
            flag.Environments.Add(new FlagEnvironment { FlagId = flag.Id, EnvironmentId = environment.Id, Enabled = environment.Key != DeliveryEnvironment.Production });
        db.Flags.Add(flag);
        await db.SaveChangesAsync(ct);
        return (await reader.FlagAsync(key, ct))!;
    }

    public async Task<Outcome<FlagDetails>> UpdateAsync(ClaimsPrincipal user, string key, UpdateFlagRequest request, CancellationToken ct)
    {
        var flag = await db.Flags.FirstOrDefaultAsync(f => f.Key == key, ct);
        if (flag is null) return Outcome<FlagDetails>.NotFound($"No flag '{key}'.");
        if (!await permissions.CanEditFlagAsync(user, flag, ct)) return Outcome<FlagDetails>.Forbidden(NotYours(flag));
        var errors = new FieldErrors().Require("name", request.Name, 200).Limit("description", request.Description, 4000);
        var surface = request.Surface is null ? flag.Surface : Surface(request.Surface, errors);
        var defaultValue = request.DefaultValue is null ? flag.DefaultValue : errors.Value("defaultValue", flag.ValueType, request.DefaultValue);
        await CheckOwnerAsync(request.OwnerUnitId, errors, ct);
        if (errors.Any) return Outcome<FlagDetails>.Invalid(errors);
        if (request.OwnerUnitId != flag.OwnerUnitId && !await permissions.CanOwnAsync(user, request.OwnerUnitId, ct))
            return Outcome<FlagDetails>.Forbidden("You can hand a flag only to a unit you belong to.");

        flag.Name = request.Name!.Trim();
        flag.Description = Blank(request.Description);
        flag.DefaultValue = defaultValue!;
        flag.OwnerUnitId = request.OwnerUnitId;
        flag.Archived = request.Archived ?? flag.Archived;
        flag.Surface = surface;
        flag.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return (await reader.FlagAsync(key, ct))!;
    }

    /// <summary>Replaces a flag's kill switch state and targeting rules in one environment.</summary>
    public async Task<Outcome<FlagDetails>> UpdateEnvironmentAsync(ClaimsPrincipal user, string key, string environment, UpdateFlagEnvironmentRequest request, CancellationToken ct)
    {
        var (flag, setting, failure) = await LoadSettingAsync(user, key, environment, ct);
        if (failure is not null) return failure;
        var errors = new FieldErrors();
        var rules = await ValidateRulesAsync(flag!, request.Rules ?? [], errors, ct);
        if (errors.Any) return Outcome<FlagDetails>.Invalid(errors);
        if (request.Enabled is { } enabled && enabled != setting!.Enabled)
            setting.KillSwitchHistory = [.. setting.KillSwitchHistory, new KillSwitchEvent(time.GetUtcNow(), enabled, user.Identity?.Name, null)];
        setting!.Enabled = request.Enabled ?? setting.Enabled;
        setting.Rules = rules;
        flag!.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return (await reader.FlagAsync(key, ct))!;
    }

    /// <summary>The kill switch: off serves the flag's off value to everyone in that environment at once.</summary>
    public async Task<Outcome<FlagDetails>> SetEnabledAsync(ClaimsPrincipal user, string key, string environment, KillSwitchRequest request, CancellationToken ct)
    {
        if (request.Enabled is not { } enabled) return Outcome<FlagDetails>.Invalid("enabled", "'enabled' is required (true or false).");
        var errors = new FieldErrors().Limit("reason", request.Reason, 1000);
        if (errors.Any) return Outcome<FlagDetails>.Invalid(errors);
        var (flag, setting, failure) = await LoadSettingAsync(user, key, environment, ct);
        if (failure is not null) return failure;
        var now = time.GetUtcNow();
        if (setting!.Enabled != enabled)
            setting.KillSwitchHistory = [.. setting.KillSwitchHistory, new KillSwitchEvent(now, enabled, user.Identity?.Name, string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim())];
        setting.Enabled = enabled;
        flag!.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return (await reader.FlagAsync(key, ct))!;
    }

    private async Task<(Flag?, FlagEnvironment?, Outcome<FlagDetails>?)> LoadSettingAsync(ClaimsPrincipal user, string key, string environment, CancellationToken ct)
    {
        var flag = await db.Flags.Include(f => f.Environments).FirstOrDefaultAsync(f => f.Key == key, ct);
        if (flag is null) return (null, null, Outcome<FlagDetails>.NotFound($"No flag '{key}'."));
        var env = await db.Environments.AsNoTracking().FirstOrDefaultAsync(e => e.Key == environment, ct);
        if (env is null) return (null, null, Outcome<FlagDetails>.NotFound($"No environment '{environment}'."));
        if (!await permissions.CanEditFlagAsync(user, flag, ct)) return (null, null, Outcome<FlagDetails>.Forbidden(NotYours(flag)));
        var setting = flag.Environments.FirstOrDefault(e => e.EnvironmentId == env.Id);
        if (setting is null)
        {
            setting = new FlagEnvironment { FlagId = flag.Id, EnvironmentId = env.Id };
            flag.Environments.Add(setting);
        }
        return (flag, setting, null);
    }

    private async Task<List<TargetingRule>> ValidateRulesAsync(Flag flag, IReadOnlyList<TargetingRuleRequest> requests, FieldErrors errors, CancellationToken ct)
    {
        if (requests.Count > MaxRules) errors.Add("rules", $"A flag has at most {MaxRules} rules per environment; got {requests.Count}.");
        var segments = await db.Segments.AsNoTracking().Select(s => s.Key).ToListAsync(ct);
        var rules = new List<TargetingRule>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < requests.Count; i++)
        {
            var r = requests[i];
            var prefix = $"rules[{i}]";
            var id = string.IsNullOrWhiteSpace(r.Id) ? $"rule-{i + 1}" : DeliveryValidation.NormalizeKey(r.Id);
            errors.Key($"{prefix}.id", id).Limit($"{prefix}.description", r.Description, 1000).Share($"{prefix}.coverage", r.Coverage)
                .Attribute($"{prefix}.hashAttribute", r.HashAttribute);
            if (!ids.Add(id)) errors.Add($"{prefix}.id", $"Rule id '{id}' is used twice.");
            var condition = errors.Condition($"{prefix}.condition", r.Condition);
            foreach (var segment in r.Segments ?? [])
                if (!segments.Contains(segment)) errors.Add($"{prefix}.segments", $"No segment '{segment}'.");
            var value = errors.Value($"{prefix}.value", flag.ValueType, r.Value);
            if (value is null) continue;
            rules.Add(new TargetingRule
            {
                Id = id, Description = Blank(r.Description), Condition = condition, Segments = [.. (r.Segments ?? []).Distinct()], Value = value,
                Coverage = r.Coverage ?? 1, HashAttribute = r.HashAttribute ?? "id",
            });
        }
        return rules;
    }

    private async Task CheckOwnerAsync(Guid? ownerUnitId, FieldErrors errors, CancellationToken ct)
    {
        if (ownerUnitId is { } unit && !await db.Units.AnyAsync(u => u.Id == unit, ct)) errors.Add("ownerUnitId", "No such unit.");
    }

    internal static string NotYours(Flag flag) =>
        $"Only members of the unit that owns '{flag.Key}', administrators and leadership can change it.";

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>A surface is a key like <c>checkout</c>; blank means none.</summary>
    private static string? Surface(string? surface, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(surface)) return null;
        var key = DeliveryValidation.NormalizeKey(surface);
        errors.Key("surface", key);
        return key;
    }
}
