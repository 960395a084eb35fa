using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Stepwise.Data.Configurations;

/// <summary>
/// Stores a small list owned by one row as JSON text. Used for values that are always read and written with
/// their row (rules, stages, variations), so both providers share one plain text column and the audit log
/// shows the whole list before and after.
/// </summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static PropertyBuilder<List<T>> AsJson<T>(this PropertyBuilder<List<T>> property)
    {
        property.HasConversion(
            list => JsonSerializer.Serialize(list, Options),
            text => JsonSerializer.Deserialize<List<T>>(text, Options) ?? new List<T>(),
            new ValueComparer<List<T>>(
                (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                list => JsonSerializer.Serialize(list, Options).GetHashCode(StringComparison.Ordinal),
                list => JsonSerializer.Deserialize<List<T>>(JsonSerializer.Serialize(list, Options), Options)!));
        return property;
    }

    /// <summary>One optional object owned by its row, as JSON text (null stays NULL).</summary>
    public static PropertyBuilder<T?> AsJsonObject<T>(this PropertyBuilder<T?> property) where T : class
    {
        property.HasConversion(
            value => value == null ? null : JsonSerializer.Serialize(value, Options),
            text => text == null ? null : JsonSerializer.Deserialize<T>(text, Options),
            new ValueComparer<T?>(
                (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                value => JsonSerializer.Serialize(value, Options).GetHashCode(StringComparison.Ordinal),
                value => value == null ? null : JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, Options), Options)));
        return property;
    }
}
