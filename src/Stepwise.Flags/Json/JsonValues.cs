using System.Text.Json;

namespace Stepwise.Flags.Json;

/// <summary>Shared immutable JSON values.</summary>
internal static class JsonValues
{
    public static readonly JsonElement Null = JsonElement.Parse("null");

    public static readonly JsonElement EmptyString = JsonElement.Parse("\"\"");
}
