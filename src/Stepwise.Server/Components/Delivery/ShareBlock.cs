namespace Stepwise.Server.Components.Delivery;

/// <summary>One coloured range [Start, End) on a 0–100% bar: an experiment in a layer, for instance.</summary>
public sealed record ShareBlock(double Start, double End, string Text, string Title, int Tone, string? Href = null, bool Faded = false);
