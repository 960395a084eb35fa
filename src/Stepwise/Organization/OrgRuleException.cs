namespace Stepwise.Organization;

/// <summary>A change the organization's rules refuse. <see cref="Field"/> names the input that caused it, for field-level errors.</summary>
public sealed class OrgRuleException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
