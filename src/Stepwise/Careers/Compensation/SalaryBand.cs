namespace Stepwise.Careers.Compensation;

/// <summary>The pay range for one step in one location.</summary>
public sealed class SalaryBand
{
    public Guid Id { get; init; }
    public int Level { get; set; }
    public required string Location { get; set; }
    public required string Currency { get; set; }
    public decimal Min { get; set; }
    public decimal Mid { get; set; }
    public decimal Max { get; set; }
}

/// <summary>A person's base salary from a date. The latest record on or before a date is the salary then.</summary>
public sealed class SalaryRecord
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    public DateOnly EffectiveOn { get; init; }
    public decimal Amount { get; init; }
    public required string Currency { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}
