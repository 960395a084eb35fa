using System.Text.Json;

namespace Stepwise.Auditing;

/// <summary>The JSON form of an entity's values in <see cref="AuditEntry.Before"/> and <see cref="AuditEntry.After"/>, shared by the
/// interceptor and the bulk writers so that an entry reads the same whichever path wrote it.</summary>
internal static class AuditSnapshot
{
    // Secrets never reach the audit log, only the fact that they changed.
    private static readonly HashSet<string> RedactedProperties =
        ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "Hash", "TokenHash"];

    public static string Serialize(IEnumerable<KeyValuePair<string, object?>> values)
    {
        var snapshot = new Dictionary<string, object?>();
        foreach (var (name, value) in values)
            snapshot[name] = RedactedProperties.Contains(name) ? "[redacted]" : value;
        return JsonSerializer.Serialize(snapshot);
    }
}
