namespace Stepwise.Server.Components.Delivery;

/// <summary>The new-experiment form as typed; shares are percentages.</summary>
public sealed class ExperimentInput
{
    public string? Key { get; set; }
    public string? Name { get; set; }
    public string? Hypothesis { get; set; }
    public string? Flag { get; set; }
    public string? Environment { get; set; }
    public List<VariationInput> Variations { get; set; } = [];
    public string? HashAttribute { get; set; }
    public string? Coverage { get; set; }
    public string? Layer { get; set; }
    public string? LayerShare { get; set; }
    public string? RangeStart { get; set; }
    public string? Condition { get; set; }
}

public sealed class VariationInput
{
    public string? Key { get; set; }
    public string? Name { get; set; }
    public string? Value { get; set; }
    public string? Weight { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Key) && string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Value) && string.IsNullOrWhiteSpace(Weight);
}
