using System.Collections.Frozen;
using System.Text.Json;
using Stepwise.Flags.Conditions;
using Stepwise.Flags.Crypto;

namespace Stepwise.Flags.Features;

/// <summary>
/// A GrowthBook SDK payload (<c>{ features, savedGroups, encryptedFeatures, … }</c>) parsed and compiled
/// once into an immutable, thread-safe object. Parsing never throws: a malformed payload becomes an empty
/// payload with <see cref="Errors"/>, a malformed feature fails closed on its own (see <see cref="FeatureDefinition"/>).
/// </summary>
public sealed class FeaturePayload
{
    private readonly FrozenDictionary<string, FeatureDefinition> _features;

    private FeaturePayload(FrozenDictionary<string, FeatureDefinition> features, SavedGroups savedGroups, IReadOnlyList<string> errors)
    {
        _features = features;
        SavedGroups = savedGroups;
        Errors = errors;
    }

    /// <summary>A payload without features.</summary>
    public static FeaturePayload Empty { get; } = new(FrozenDictionary<string, FeatureDefinition>.Empty, SavedGroups.Empty, []);

    /// <summary>Features by key.</summary>
    public IReadOnlyDictionary<string, FeatureDefinition> Features => _features;

    /// <summary>Saved groups the features' conditions were bound to.</summary>
    public SavedGroups SavedGroups { get; }

    /// <summary>Payload-level problems (invalid JSON, failed decryption) and per-feature problems.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Parses a payload from JSON text.</summary>
    /// <param name="json">The payload JSON.</param>
    /// <param name="decryptionKey">Base64 key for <c>encryptedFeatures</c> / <c>encryptedSavedGroups</c>.</param>
    public static FeaturePayload Parse(string json, string? decryptionKey = null)
    {
        try
        {
            return FromJson(JsonElement.Parse(json ?? ""), decryptionKey);
        }
        catch (JsonException e)
        {
            return Failed($"payload is not valid JSON: {e.Message}");
        }
    }

    /// <summary>Parses a payload from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The payload JSON.</param>
    /// <param name="decryptionKey">Base64 key for encrypted members.</param>
    public static FeaturePayload Parse(ReadOnlySpan<byte> utf8Json, string? decryptionKey = null)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            return FromJson(JsonElement.ParseValue(ref reader), decryptionKey);
        }
        catch (JsonException e)
        {
            return Failed($"payload is not valid JSON: {e.Message}");
        }
    }

    /// <summary>Compiles an already-parsed payload (the element is cloned, so the caller may dispose its document).</summary>
    /// <param name="payload">The payload object.</param>
    /// <param name="decryptionKey">Base64 key for encrypted members.</param>
    public static FeaturePayload FromJson(JsonElement payload, string? decryptionKey = null)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return Failed($"payload must be a JSON object, not {payload.ValueKind}");
        }
        payload = payload.Clone();
        var errors = new List<string>();
        var groupsJson = Member(payload, "savedGroups", "encryptedSavedGroups", decryptionKey, errors);
        var savedGroups = SavedGroups.Parse(groupsJson);
        var featuresJson = Member(payload, "features", "encryptedFeatures", decryptionKey, errors);
        var features = new Dictionary<string, FeatureDefinition>(StringComparer.Ordinal);
        if (featuresJson.ValueKind == JsonValueKind.Object)
        {
            foreach (var feature in featuresJson.EnumerateObject())
            {
                var definition = FeatureDefinition.Parse(feature.Name, feature.Value, savedGroups);
                features[feature.Name] = definition;
                errors.AddRange(definition.Errors);
            }
        }
        else if (featuresJson.ValueKind != JsonValueKind.Undefined)
        {
            errors.Add($"'features' must be an object, not {featuresJson.ValueKind}");
        }
        return new FeaturePayload(features.ToFrozenDictionary(StringComparer.Ordinal), savedGroups, errors);
    }

    /// <summary>Reads a plain member, or decrypts and parses its encrypted counterpart.</summary>
    private static JsonElement Member(JsonElement payload, string plain, string encrypted, string? key, List<string> errors)
    {
        if (payload.TryGetProperty(encrypted, out var cipher) && cipher.ValueKind == JsonValueKind.String)
        {
            if (!PayloadDecryptor.TryDecrypt(cipher.GetString(), key, out var text))
            {
                errors.Add($"'{encrypted}' could not be decrypted (missing or wrong key, or corrupt data)");
                return default;
            }
            try
            {
                return JsonElement.Parse(text);
            }
            catch (JsonException e)
            {
                errors.Add($"decrypted '{encrypted}' is not valid JSON: {e.Message}");
                return default;
            }
        }
        return payload.TryGetProperty(plain, out var value) ? value : default;
    }

    private static FeaturePayload Failed(string error) =>
        new(FrozenDictionary<string, FeatureDefinition>.Empty, SavedGroups.Empty, [error]);

    /// <summary>Looks up a compiled feature.</summary>
    public bool TryGetFeature(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FeatureDefinition? feature) =>
        _features.TryGetValue(key, out feature);
}
