using System.Globalization;
using System.Text.Json;
using Stepwise.Flags.Crypto;
using Stepwise.Flags.Features;

namespace Stepwise.Client.Sync;

/// <summary>
/// Decides whether a payload may replace the one being served. Only a payload-level failure rejects it
/// (not JSON, not an object, no features, undecryptable); a malformed single feature is accepted because the
/// engine fails that feature closed on its own.
/// </summary>
internal static class PayloadValidation
{
    public static bool TryCompile(string json, string? decryptionKey, out CompiledPayload compiled, out string error)
    {
        compiled = default;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            error = $"payload is not valid JSON: {e.Message}";
            return false;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = $"payload must be a JSON object, not {root.ValueKind}";
                return false;
            }
            if (root.TryGetProperty("encryptedFeatures", out var cipher))
            {
                if (cipher.ValueKind != JsonValueKind.String || !PayloadDecryptor.TryDecrypt(cipher.GetString(), decryptionKey, out _))
                {
                    error = "payload's encryptedFeatures could not be decrypted (missing or wrong DecryptionKey)";
                    return false;
                }
            }
            else if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Object)
            {
                error = "payload has no 'features' object";
                return false;
            }
            compiled = new CompiledPayload(FeaturePayload.FromJson(root, decryptionKey), json, DateUpdated(root));
            error = "";
            return true;
        }
    }

    private static DateTimeOffset? DateUpdated(JsonElement root) =>
        root.TryGetProperty("dateUpdated", out var value) && value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;
}

/// <summary>A payload ready to serve, with the text it came from (for change detection and snapshots).</summary>
internal readonly record struct CompiledPayload(FeaturePayload Payload, string Json, DateTimeOffset? DateUpdated);
