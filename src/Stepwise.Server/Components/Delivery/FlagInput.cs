using Stepwise.Delivery.Flags;
using Stepwise.Delivery.Model;

namespace Stepwise.Server.Components.Delivery;

/// <summary>The fields of the new-flag and edit-flag forms, as typed.</summary>
public sealed class FlagInput
{
    public string? Key { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public FlagValueType ValueType { get; set; }
    public string? DefaultValue { get; set; }
    public string? OwnerUnitId { get; set; }
    public bool Archived { get; set; }
    public string? Surface { get; set; }

    public Guid? Owner => Guid.TryParse(OwnerUnitId, out var id) ? id : null;

    public static FlagInput From(FlagDetails flag) => new()
    {
        Key = flag.Key, Name = flag.Name, Description = flag.Description, ValueType = flag.ValueType,
        DefaultValue = DeliveryText.ValueForInput(flag.DefaultValue, flag.ValueType), OwnerUnitId = flag.OwnerUnitId?.ToString(), Archived = flag.Archived, Surface = flag.Surface,
    };
}
