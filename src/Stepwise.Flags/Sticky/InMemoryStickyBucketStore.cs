using System.Collections.Concurrent;

namespace Stepwise.Flags.Sticky;

/// <summary>A thread-safe in-process <see cref="IStickyBucketStore"/> (tests, single-node servers, caches).</summary>
public sealed class InMemoryStickyBucketStore : IStickyBucketStore
{
    private readonly ConcurrentDictionary<string, StickyAssignmentDocument> _documents = new(StringComparer.Ordinal);

    /// <summary>All stored documents.</summary>
    public IReadOnlyCollection<StickyAssignmentDocument> Documents => [.. _documents.Values];

    /// <inheritdoc />
    public StickyAssignmentDocument? GetAssignments(string attributeName, string attributeValue) =>
        _documents.TryGetValue(StickyKeys.Document(attributeName, attributeValue), out var document) ? document : null;

    /// <inheritdoc />
    public void SaveAssignments(StickyAssignmentDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        _documents[document.StoreKey] = document;
    }
}
