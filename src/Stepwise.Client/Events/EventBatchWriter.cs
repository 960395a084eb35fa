using System.Buffers;
using System.Text.Json;

namespace Stepwise.Client.Events;

/// <summary>Serialises a batch as <c>{"events":[…]}</c> without reflection.</summary>
internal static class EventBatchWriter
{
    public static byte[] Write(IReadOnlyList<TrackedEvent> batch)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * batch.Count);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("events");
            foreach (var item in batch)
            {
                item.WriteTo(writer);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
