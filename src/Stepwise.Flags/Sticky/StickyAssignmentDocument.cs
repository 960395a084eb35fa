namespace Stepwise.Flags.Sticky;

/// <summary>
/// The sticky assignments of one unit identity (GrowthBook's <c>StickyAssignmentsDocument</c>):
/// experiment key with bucket version (<c>exp__0</c>) → variation key.
/// </summary>
/// <param name="AttributeName">The identifying attribute, e.g. <c>id</c> or <c>deviceId</c>.</param>
/// <param name="AttributeValue">The attribute's value.</param>
/// <param name="Assignments">Experiment-and-version key → variation key.</param>
public sealed record StickyAssignmentDocument(
    string AttributeName,
    string AttributeValue,
    IReadOnlyDictionary<string, string> Assignments)
{
    /// <summary>The store key GrowthBook uses: <c>attributeName||attributeValue</c>.</summary>
    public string StoreKey => StickyKeys.Document(AttributeName, AttributeValue);
}

/// <summary>GrowthBook's sticky bucketing key formats.</summary>
public static class StickyKeys
{
    /// <summary><c>attributeName||attributeValue</c>.</summary>
    public static string Document(string attributeName, string attributeValue) => attributeName + "||" + attributeValue;

    /// <summary><c>experimentKey__bucketVersion</c>.</summary>
    public static string Experiment(string experimentKey, int bucketVersion) =>
        experimentKey + "__" + bucketVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
