namespace Stepwise.Flags.Sticky;

/// <summary>
/// Where sticky bucket assignments live (cookie, cache, database…). Evaluation is synchronous, so a store
/// backed by a remote service should load a unit's documents before evaluating and write back asynchronously.
/// Implementations must be thread-safe if a store is shared between concurrent evaluations.
/// </summary>
public interface IStickyBucketStore
{
    /// <summary>The document for one identity, or null when there is none.</summary>
    StickyAssignmentDocument? GetAssignments(string attributeName, string attributeValue);

    /// <summary>Replaces the document for its identity.</summary>
    void SaveAssignments(StickyAssignmentDocument document);
}
